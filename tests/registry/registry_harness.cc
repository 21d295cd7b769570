#include "tests/registry/registry_harness.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "common/base/clock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"

namespace polylateral::registry::testing {

RegistryHarness::RegistryHarness(polylateral::testing::RedisServer* redis, bool with_metrics)
    : redis_(redis), with_metrics_(with_metrics) {}

RegistryHarness::~RegistryHarness() { StopService(); }

void RegistryHarness::StartService() {
  server::HostOptions options;
  options.listen = "127.0.0.1:0";
  options.metrics_listen = with_metrics_ ? "127.0.0.1:0" : "";
  options.redis = redis_->Options("registry");
  if (!redis_password_.empty()) options.redis.password = redis_password_;
  options.workers = 4;
  options.health_interval = absl::Milliseconds(50);
  options.shutdown_grace = absl::Seconds(2);
  ConfigureRegistryHost(options);
  options.write_rate.rate = write_rate_;
  options.write_rate.burst = write_burst_;
  auto host = server::ServiceHost::Create(options);
  ASSERT_TRUE(host.ok()) << host.status();
  host_ = *std::move(host);
  RegistryAppOptions app_options;
  app_options.audit = audit_;
  app_ = std::make_unique<RegistryApp>(host_.get(), SystemClock::Get(), app_options);
  ASSERT_TRUE(host_->Start({app_->service()}).ok());
  port_ = host_->port();
  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_), grpc::InsecureChannelCredentials());
  stub_ = v1::RegistryService::NewStub(channel);
  health_ = grpc::health::v1::Health::NewStub(channel);
}

void RegistryHarness::StopService() {
  if (host_ != nullptr) host_->Shutdown();
  stub_.reset();
  health_.reset();
  app_.reset();
  host_.reset();
}

std::unique_ptr<grpc::ClientContext> RegistryHarness::Ctx(const std::string& principal) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  if (!principal.empty()) ctx->AddMetadata("x-polylateral-principal", principal);
  return ctx;
}

grpc::health::v1::HealthCheckResponse::ServingStatus RegistryHarness::Health(
    const std::string& service) {
  grpc::health::v1::HealthCheckRequest req;
  req.set_service(service);
  grpc::health::v1::HealthCheckResponse resp;
  auto ctx = Ctx();
  grpc::Status st = health_->Check(ctx.get(), req, &resp);
  if (!st.ok()) return grpc::health::v1::HealthCheckResponse::UNKNOWN;
  return resp.status();
}

std::string RegistryHarness::Metrics() const {
  // A plain HTTP/1.0 GET on loopback: enough for prometheus-cpp's endpoint.
  std::string cmd = absl::StrCat("curl -s http://127.0.0.1:", host_->metrics_port(), "/metrics");
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

ErrorDetails Details(const grpc::Status& status) {
  ErrorDetails out;
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) return out;
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad;
    google::rpc::PreconditionFailure failure;
    if (any.UnpackTo(&info)) {
      out.reason = info.reason();
      out.domain = info.domain();
    } else if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) out.fields.push_back(v.field());
    } else if (any.UnpackTo(&failure)) {
      for (const auto& v : failure.violations()) out.fields.push_back(v.subject());
    }
  }
  return out;
}

v1::Stakeholder Organisation(const std::string& name, const std::string& country) {
  v1::Stakeholder s;
  s.set_kind(v1::Stakeholder::ORGANISATION);
  s.set_display_name(name);
  s.set_stakeholder_group(type::v1::CIVIL_SOCIETY);
  s.set_country(country);
  s.add_themes("themes/incident-response");
  s.set_ecosoc_status(v1::Stakeholder::SPECIAL);
  s.add_languages("en");
  s.set_website("https://example.org");
  return s;
}

}  // namespace polylateral::registry::testing
