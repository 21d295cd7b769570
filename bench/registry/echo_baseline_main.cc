// polylateral-bench-echo: the registry benchmark's baseline. Same ServiceHost, dispatcher,
// worker pool, metrics interceptor and Redis client as every service; its one method does a
// single Redis GET and returns the value. What the registry costs beyond this is its own.
#include <cstdlib>

#include "common/log/log.h"
#include "common/server/service_main.h"
#include "echo.grpc.pb.h"

namespace {

using polylateral::bench::v1::EchoService;
using polylateral::bench::v1::GetRequest;
using polylateral::bench::v1::GetResponse;

class Echo final : public EchoService::CallbackService {
 public:
  explicit Echo(polylateral::server::ServiceHost* host) : host_(host) {}

  grpc::ServerUnaryReactor* Get(grpc::CallbackServerContext* ctx, const GetRequest* req,
                                GetResponse* resp) override {
    return host_->dispatcher().Run(
        ctx, "/polylateral.bench.v1.EchoService/Get", req, resp,
        [this](const polylateral::server::CallContext&, const GetRequest& r, GetResponse* out) {
          auto reply = host_->redis().Command({"GET", r.key()});
          if (!reply.ok()) return reply.status();
          out->set_value(std::string(reply->str()));
          return absl::OkStatus();
        });
  }

 private:
  polylateral::server::ServiceHost* host_;
};

constexpr char kAllowAll[] = R"({"allow_rules": [{"name": "all", "request": {"paths": ["*"]}}]})";

}  // namespace

int main(int argc, char** argv) {
  using namespace polylateral;
  server::BlockTerminationSignals();
  auto options = server::HostOptionsFromFlags(argc, argv, {"bench-echo", 50099, 9199});
  options.grpc_services = {"polylateral.bench.v1.EchoService"};
  options.access_policy_json = kAllowAll;
  auto host = server::ServiceHost::Create(options);
  if (!host.ok()) return EXIT_FAILURE;
  Echo echo(host->get());
  if (!(*host)->Start({&echo}).ok()) return EXIT_FAILURE;
  server::WaitForTerminationSignal();
  (*host)->Shutdown();
  return EXIT_SUCCESS;
}
