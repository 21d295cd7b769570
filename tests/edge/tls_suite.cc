#include "tests/edge/tls_suite.h"

#include "absl/strings/str_cat.h"
#include "common/base/clock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"

namespace polylateral::testing {

TlsSuite::TlsSuite(absl::Duration refresh) : refresh_(refresh), pki_("suite CA", kPrincipals) {
  redis_.Start();

  server::HostOptions o = Options("registry");
  registry::ConfigureRegistryHost(o);
  registry_host_ = *server::ServiceHost::Create(o);
  registry_app_ = std::make_unique<registry::RegistryApp>(registry_host_.get(), SystemClock::Get());
  absl::Status started = registry_host_->Start({registry_app_->service()});
  EXPECT_TRUE(started.ok()) << started;

  o = Options("accreditation");
  accreditation::ConfigureAccreditationHost(o);
  accreditation_host_ = *server::ServiceHost::Create(o);
  accreditation::AppOptions ao;
  ao.registry_address = Address("registry");
  ao.run_scheduler = false;
  accreditation_app_ = std::make_unique<accreditation::AccreditationApp>(accreditation_host_.get(),
                                                                         SystemClock::Get(), ao);
  EXPECT_TRUE(accreditation_host_->Start(accreditation_app_->services()).ok());

  o = Options("composition");
  composition::ConfigureCompositionHost(o);
  composition_host_ = *server::ServiceHost::Create(o);
  composition::CompositionOptions co;
  co.registry_address = Address("registry");
  co.accreditation_address = Address("accreditation");
  composition_app_ = std::make_unique<composition::CompositionApp>(composition_host_.get(),
                                                                   SystemClock::Get(), co);
  EXPECT_TRUE(composition_host_->Start(composition_app_->services()).ok());

  o = Options("routing");
  routing::ConfigureRoutingHost(o);
  routing_host_ = *server::ServiceHost::Create(o);
  routing::AppOptions ro;
  ro.registry_address = Address("registry");
  ro.accreditation_address = Address("accreditation");
  ro.consume_events = false;
  routing_app_ = std::make_unique<routing::RoutingApp>(routing_host_.get(), SystemClock::Get(), ro);
  EXPECT_TRUE(routing_host_->Start(routing_app_->services()).ok());
}

TlsSuite::~TlsSuite() {
  for (auto* host : {routing_host_.get(), composition_host_.get(), accreditation_host_.get(),
                     registry_host_.get()}) {
    if (host != nullptr) host->Shutdown();
  }
  routing_app_.reset();
  composition_app_.reset();
  accreditation_app_.reset();
  registry_app_.reset();
}

edge::TlsOptions TlsSuite::Tls(const std::string& name) const {
  edge::TlsOptions tls;
  tls.cert = pki_.cert("service:" + name);
  tls.key = pki_.key("service:" + name);
  tls.client_ca = pki_.ca();
  tls.ca = pki_.ca();
  tls.refresh = refresh_;
  return tls;
}

server::HostOptions TlsSuite::Options(const std::string& name) const {
  server::HostOptions o;
  o.listen = "127.0.0.1:0";
  o.health_listen = "127.0.0.1:0";
  o.redis.address = redis_.address();
  o.workers = 4;
  o.health_interval = absl::Milliseconds(50);
  o.shutdown_grace = absl::Seconds(1);
  o.tls = Tls(name);
  return o;
}

server::ServiceHost& TlsSuite::Host(const std::string& name) {
  if (name == "registry") return *registry_host_;
  if (name == "accreditation") return *accreditation_host_;
  if (name == "composition") return *composition_host_;
  return *routing_host_;
}

std::string TlsSuite::Address(const std::string& name) const {
  const server::ServiceHost* host = name == "registry"        ? registry_host_.get()
                                    : name == "accreditation" ? accreditation_host_.get()
                                    : name == "composition"   ? composition_host_.get()
                                                              : routing_host_.get();
  return absl::StrCat("127.0.0.1:", host->port());
}

std::shared_ptr<grpc::Channel> TlsSuite::Channel(const std::string& name,
                                                 const std::string& principal) {
  // A channel of its own each time: connections are not shared between credentials.
  grpc::ChannelArguments args;
  args.SetInt("grpc.use_local_subchannel_pool", 1);
  return grpc::CreateCustomChannel(Address(name), pki_.Client(principal, name), args);
}

}  // namespace polylateral::testing
