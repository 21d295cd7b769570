// polylateral-bench-http-servers: the same small JSON answer from cpp-httplib or civetweb (the
// two HTTP servers Debian packages that the gateway could be built on), for h2load to compare
// in bench/gateway/run.sh. Both get the same thread count and keep-alive.
#include <civetweb.h>
#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"

ABSL_FLAG(std::string, server, "httplib", "httplib | civetweb");
ABSL_FLAG(int, port, 0, "port on 127.0.0.1");
ABSL_FLAG(int, threads, 32, "worker threads");

namespace {

// About the size of a stakeholder record as JSON.
const std::string kBody = R"({"name":"stakeholders/bench-1","displayName":"Bench stakeholder 1",)"
                          R"("kind":"ORGANISATION","stakeholderGroup":"CIVIL_SOCIETY",)"
                          R"("country":"FR","themes":["themes/incident-response"],)"
                          R"("languages":["en"],"etag":"W/\"1\""})";

int CivetHandler(mg_connection* conn, void* /*data*/) {
  mg_send_http_ok(conn, "application/json", static_cast<long long>(kBody.size()));
  mg_write(conn, kBody.data(), kBody.size());
  return 200;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const int port = absl::GetFlag(FLAGS_port);
  const int threads = absl::GetFlag(FLAGS_threads);
  int sig = 0;
  if (absl::GetFlag(FLAGS_server) == "civetweb") {
    const std::string ports = "127.0.0.1:" + std::to_string(port);
    const std::string nthreads = std::to_string(threads);
    const char* options[] = {"listening_ports",
                             ports.c_str(),
                             "num_threads",
                             nthreads.c_str(),
                             "enable_keep_alive",
                             "yes",
                             "tcp_nodelay",
                             "1",
                             nullptr};
    mg_callbacks callbacks;
    std::memset(&callbacks, 0, sizeof(callbacks));
    mg_init_library(0);
    mg_context* ctx = mg_start(&callbacks, nullptr, options);
    if (ctx == nullptr) return EXIT_FAILURE;
    mg_set_request_handler(ctx, "/v1/", CivetHandler, nullptr);
    sigwait(&signals, &sig);
    mg_stop(ctx);
    return EXIT_SUCCESS;
  }
  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_keep_alive_max_count(100000);
  server.set_tcp_nodelay(true);
  server.Get(".*", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kBody, "application/json");
  });
  std::thread serving([&] { server.listen("127.0.0.1", port); });
  sigwait(&signals, &sig);
  server.stop();
  serving.join();
  return EXIT_SUCCESS;
}
