#include "tests/composition/composition_harness.h"

#include <chrono>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/composition/api/body_mapping.h"

namespace polylateral::composition::testing {

CompositionHarness::CompositionHarness(polylateral::testing::RedisServer* redis, const Clock* clock,
                                       bool with_metrics, CompositionOptions app_options) {
  registry_ = std::make_unique<registry::testing::RegistryHarness>(redis);
  registry_->StartService();
  server::HostOptions options;
  options.listen = "127.0.0.1:0";
  options.metrics_listen = with_metrics ? "127.0.0.1:0" : "";
  options.redis = redis->Options("composition");
  options.workers = 4;
  options.health_interval = absl::Milliseconds(50);
  options.shutdown_grace = absl::Seconds(2);
  ConfigureCompositionHost(options);
  auto host = server::ServiceHost::Create(options);
  EXPECT_TRUE(host.ok()) << host.status();
  host_ = *std::move(host);
  app_options.registry_address = absl::StrCat("127.0.0.1:", registry_->port());
  app_options.audit.seal_interval = absl::Milliseconds(20);
  app_options.audit.clock = clock;
  app_ = std::make_unique<CompositionApp>(host_.get(), clock, app_options);
  EXPECT_TRUE(host_->Start(app_->services()).ok());
  stub_ = v1::CompositionService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", host_->port()), grpc::InsecureChannelCredentials()));
}

int CompositionHarness::port() const { return host_->port(); }

CompositionHarness::~CompositionHarness() {
  host_->Shutdown();
  stub_.reset();
  app_.reset();
  host_.reset();
  registry_.reset();
}

std::unique_ptr<grpc::ClientContext> CompositionHarness::Ctx(const std::string& principal,
                                                             absl::Duration timeout) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout));
  if (!principal.empty()) ctx->AddMetadata("x-polylateral-principal", principal);
  return ctx;
}

std::string CompositionHarness::Metrics() const {
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

v1::SolveRequest ToRequest(const Pool& pool, const BodySpec& spec, v1::SolveMode mode) {
  v1::SolveRequest req;
  req.set_mode(mode);
  PoolToProto(pool, req.mutable_pool());
  SpecToProto(spec, req.mutable_spec());
  return req;
}

::testing::AssertionResult MeetsRules(const Pool& pool, const BodySpec& spec,
                                      const google::protobuf::RepeatedPtrField<std::string>& ids) {
  std::map<std::string, const Candidate*> by_id;
  for (const Candidate& c : pool.candidates) by_id[c.id] = &c;
  std::set<std::string> seen;
  std::map<std::string, int> value_count, org_count, country_count;
  for (const std::string& id : ids) {
    auto it = by_id.find(id);
    if (it == by_id.end()) return ::testing::AssertionFailure() << "unknown member " << id;
    if (!seen.insert(id).second) return ::testing::AssertionFailure() << "twice: " << id;
    const Candidate& c = *it->second;
    for (const auto& [feature, values] : c.values) {
      for (const std::string& v : values) ++value_count[absl::StrCat(feature, "=", v)];
    }
    if (!c.organisation.empty()) ++org_count[c.organisation];
    if (!c.country.empty()) ++country_count[c.country];
  }
  const int seats = ids.size();
  if (seats < spec.min_seats || seats > spec.max_seats) {
    return ::testing::AssertionFailure() << seats << " seats outside the range";
  }
  for (const Feature& f : spec.features) {
    for (const ValueQuota& q : f.values) {
      const int n = value_count[f.name + "=" + q.value];
      if (n < q.min || n > q.max) {
        return ::testing::AssertionFailure() << f.name << "=" << q.value << " has " << n
                                             << " outside [" << q.min << ", " << q.max << "]";
      }
    }
  }
  for (const auto& [org, n] : org_count) {
    if (n > spec.max_per_organisation) return ::testing::AssertionFailure() << "org " << org;
  }
  for (const auto& [country, n] : country_count) {
    if (n > spec.max_per_country) return ::testing::AssertionFailure() << "country " << country;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace polylateral::composition::testing
