#include "common/server/service_host.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/base/clock.h"
#include "common/base/errors.h"
#include "common/edge/listen_address.h"
#include "common/log/log.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/impl/server_builder_option.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace polylateral::server {

namespace {

// The health endpoint serves grpc.health.v1 and nothing else: no reflection, which gRPC's
// global plugin registration would otherwise add to every server built in the process.
class NoPlugins final : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments* /*args*/) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->clear();
  }
};

// Where callers' identities come from: the certificate under TLS; the header on plaintext
// loopback; nowhere on plaintext beyond loopback, which needs --insecure.
absl::StatusOr<edge::IdentityOptions> IdentityFor(const HostOptions& options) {
  edge::IdentityOptions identity;
  identity.trust_domain = options.trust_domain;
  identity.trusted_forwarders = options.trusted_forwarders;
  if (options.tls.enabled()) {
    if (absl::Status files = edge::CheckServerFiles(options.tls); !files.ok()) return files;
    identity.source = edge::IdentityOptions::Source::kCertificate;
    return identity;
  }
  absl::StatusOr<bool> loopback = edge::IsLoopbackAddress(options.listen);
  if (!loopback.ok()) return loopback.status();
  if (*loopback) {
    identity.source = edge::IdentityOptions::Source::kHeader;
    return identity;
  }
  if (!options.insecure) {
    return InvalidArgument(
        "TLS_REQUIRED", "listen",
        absl::StrCat("refusing to serve plaintext on ", options.listen,
                     ", beyond loopback: give --tls_cert, --tls_key and --tls_client_ca, or "
                     "--insecure to serve every caller as anonymous"));
  }
  identity.source = edge::IdentityOptions::Source::kNone;
  return identity;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServiceHost>> ServiceHost::Create(HostOptions options) {
#ifdef NDEBUG
  // Debian builds Abseil with Mutex deadlock detection on, which walks a lock graph on every
  // contended lock (a few per cent of a call in the registry's profile). Release builds turn
  // it off; the sanitizer build keeps it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
#endif
  auto policy = AccessPolicy::Parse(options.access_policy_json);
  if (!policy.ok()) return policy.status();
  absl::StatusOr<edge::IdentityOptions> identity = IdentityFor(options);
  if (!identity.ok()) return identity.status();
  return std::unique_ptr<ServiceHost>(
      new ServiceHost(std::move(options), std::move(*policy), *std::move(identity)));
}

ServiceHost::ServiceHost(HostOptions options, AccessPolicy policy, edge::IdentityOptions identity)
    : options_(std::move(options)),
      policy_(std::move(policy)),
      registry_(std::make_shared<prometheus::Registry>()) {
  if (identity.source == edge::IdentityOptions::Source::kNone) {
    log::Warning(
        "--insecure: serving plaintext beyond loopback; every caller is anonymous and only "
        "public methods work",
        {{"listen", options_.listen}});
  }
  admission_ = std::make_unique<edge::Admission>(std::move(identity), &policy_);
  outgoing_.self = options_.service_name;
  outgoing_.tls = options_.tls;
  outgoing_.tls.trust_domain = options_.trust_domain;
  redis_metrics_ = std::make_unique<redis::RedisMetrics>(*registry_);
  redis::RedisOptions redis_options = options_.redis;
  // One connection per worker plus the health checker: workers never wait for a connection.
  redis_options.max_connections = std::max(redis_options.max_connections, options_.workers + 2);
  redis_ = std::make_unique<redis::RedisClient>(redis_options, redis_metrics_.get());
  grpc_metrics_ = std::make_unique<GrpcServerMetrics>(*registry_, options_.grpc_services);
  pool_ = std::make_unique<WorkerPool>(options_.workers, options_.max_queue);
  dispatcher_ = std::make_unique<UnaryDispatcher>(
      absl::StrCat("polylateral.", options_.service_name), pool_.get(), admission_.get());
  if (options_.write_rate.rate > 0 && !options_.write_rate.key_prefix.empty()) {
    write_limiter_ =
        std::make_unique<WriteRateLimiter>(redis_.get(), SystemClock::Get(), options_.write_rate);
    dispatcher_->set_before_handler(
        [limiter = write_limiter_.get()](const Principal& caller, absl::string_view method) {
          return limiter->Admit(caller, method);
        });
  }
}

ServiceHost::~ServiceHost() { Shutdown(); }

absl::Status ServiceHost::Start(const std::vector<grpc::Service*>& services) {
  if (!options_.metrics_listen.empty()) {
    try {
      exposer_ = std::make_unique<prometheus::Exposer>(options_.metrics_listen);
    } catch (const std::exception& e) {
      return absl::UnavailableError(
          absl::StrCat("cannot serve metrics on ", options_.metrics_listen, ": ", e.what()));
    }
    exposer_->RegisterCollectable(registry_);
    if (options_.tls.enabled()) {
      tls_expiry_ = std::make_shared<edge::CertificateExpiry>(options_.tls);
      exposer_->RegisterCollectable(tls_expiry_);
    }
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options_.listen,
                           options_.tls.enabled() ? edge::ServerCredentials(options_.tls)
                                                  : grpc::InsecureServerCredentials(),
                           &port_);
  for (grpc::Service* s : services) builder.RegisterService(s);
  // Idle connections are pinged every 30 s (in ms) so dead peers free their streams.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  if (options_.max_connection_age > absl::ZeroDuration()) {
    // gRPC adds up to 10 % jitter, so replicas' clients do not all reconnect at once.
    builder.AddChannelArgument(
        GRPC_ARG_MAX_CONNECTION_AGE_MS,
        static_cast<int>(std::min<int64_t>(absl::ToInt64Milliseconds(options_.max_connection_age),
                                           std::numeric_limits<int>::max())));
  }
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(grpc_metrics_->NewInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(creators));
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options_.listen));
  }
  if (!options_.health_listen.empty()) {
    grpc::ServerBuilder health_builder;
    health_builder.SetOption(std::make_unique<NoPlugins>());
    // gRPC's health service alone leaves the server with no callback method to poll its
    // completion queues; the generic service answers every other method UNIMPLEMENTED.
    health_builder.RegisterCallbackGenericService(&unimplemented_);
    health_builder.AddListeningPort(options_.health_listen, grpc::InsecureServerCredentials(),
                                    &health_port_);
    health_server_ = health_builder.BuildAndStart();
    if (health_server_ == nullptr || health_port_ == 0) {
      server_->Shutdown();
      return absl::UnavailableError(
          absl::StrCat("cannot serve health on ", options_.health_listen));
    }
  }
  SetServing(redis_->Ping());
  health_thread_ = std::thread([this] { HealthLoop(); });
  log::Info("serving", {{"listen", options_.listen},
                        {"port", port_},
                        {"tls", options_.tls.enabled()},
                        {"health_port", health_port_},
                        {"metrics_port", metrics_port()},
                        {"redis", options_.redis.sentinels.empty()
                                      ? options_.redis.address
                                      : absl::StrCat("sentinel:", options_.redis.master_name)},
                        {"redis_min_replicas_ack", options_.redis.min_replicas_ack},
                        {"workers", options_.workers}});
  return absl::OkStatus();
}

int ServiceHost::metrics_port() const {
  if (exposer_ == nullptr) return 0;
  auto ports = exposer_->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

bool ServiceHost::serving() const {
  absl::MutexLock lock(&mu_);
  return serving_;
}

void ServiceHost::SetServing(bool serving) {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) serving = false;
    if (serving == serving_ && server_ != nullptr && serving) return;
    if (serving != serving_) {
      log::Info(serving ? "redis reachable: SERVING" : "redis unreachable: NOT_SERVING");
    }
    serving_ = serving;
  }
  // Readiness: the whole server ("") and each service follow Redis. Liveness stays SERVING
  // while the process answers at all, so a Redis outage takes pods out of rotation without
  // restarting them. The plaintext health endpoint says the same.
  for (grpc::Server* server : {server_.get(), health_server_.get()}) {
    auto* health = server == nullptr ? nullptr : server->GetHealthCheckService();
    if (health == nullptr) continue;
    health->SetServingStatus("", serving);
    for (const auto& name : options_.grpc_services) health->SetServingStatus(name, serving);
    health->SetServingStatus(std::string(kLivenessService), true);
  }
}

void ServiceHost::HealthLoop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.health_interval)) return;
    }
    SetServing(redis_->Ping());
  }
}

void ServiceHost::AddShutdownHook(std::function<void()> hook) {
  absl::MutexLock lock(&mu_);
  shutdown_hooks_.push_back(std::move(hook));
}

void ServiceHost::Shutdown() {
  std::vector<std::function<void()>> hooks;
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
    hooks.swap(shutdown_hooks_);
  }
  if (health_thread_.joinable()) health_thread_.join();
  if (server_ != nullptr) {
    // Tell load balancers first, then end the streams, then stop accepting and drain.
    if (auto* health = server_->GetHealthCheckService()) health->Shutdown();
    if (health_server_ != nullptr) {
      if (auto* health = health_server_->GetHealthCheckService()) health->Shutdown();
    }
    for (const auto& hook : hooks) hook();
    server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.shutdown_grace));
    server_->Wait();
  }
  if (health_server_ != nullptr) {
    health_server_->Shutdown(absl::ToChronoTime(absl::Now()));
    health_server_->Wait();
  }
  pool_->Shutdown();
  redis_->Close();
  log::Info("stopped", {{"service", options_.service_name}});
}

}  // namespace polylateral::server
