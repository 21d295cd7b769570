#include "common/server/grpc_metrics.h"

#include <chrono>

#include "common/server/status_mapping.h"
#include "google/protobuf/descriptor.h"

namespace polylateral::server {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::ServerRpcInfo;

// From sub-millisecond cache hits to multi-second solver calls.
const prometheus::Histogram::BucketBoundaries kBuckets = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
    0.1,    0.25,    0.5,    1,     2.5,    5,     10,   30,    60};

// Served by every ServiceHost besides the service itself.
constexpr absl::string_view kInfrastructureServices[] = {
    "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"};

class MetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit MetricsInterceptor(GrpcServerMetrics::MethodSeries* series) : series_(series) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      start_ = std::chrono::steady_clock::now();
      series_->started->Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      int code = methods->GetSendStatus().error_code();
      if (code < 0 || code > 16) code = 2;
      series_->handled[code]->Increment();
      series_->handling_seconds->Observe(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
    }
    methods->Proceed();
  }

 private:
  GrpcServerMetrics::MethodSeries* const series_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

class MetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(GrpcServerMetrics* metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(ServerRpcInfo* info) override {
    return new MetricsInterceptor(metrics_->ForMethod(info->method()));
  }

 private:
  GrpcServerMetrics* const metrics_;
};

}  // namespace

GrpcServerMetrics::GrpcServerMetrics(prometheus::Registry& registry,
                                     const std::vector<std::string>& services)
    : started_(prometheus::BuildCounter()
                   .Name("grpc_server_started_total")
                   .Help("Total number of RPCs started on the server.")
                   .Register(registry)),
      handled_(prometheus::BuildCounter()
                   .Name("grpc_server_handled_total")
                   .Help("Total number of RPCs completed on the server, regardless of success "
                         "or failure.")
                   .Register(registry)),
      handling_(prometheus::BuildHistogram()
                    .Name("grpc_server_handling_seconds")
                    .Help("Histogram of response latency (seconds) of gRPC that had been "
                          "application-level handled by the server.")
                    .Register(registry)) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  std::vector<std::string> known = services;
  for (absl::string_view s : kInfrastructureServices) known.emplace_back(s);
  for (const auto& name : known) {
    const auto* service = pool->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* m = service->method(i);
      absl::string_view type = m->client_streaming()
                                   ? (m->server_streaming() ? "bidi_stream" : "client_stream")
                                   : (m->server_streaming() ? "server_stream" : "unary");
      methods_["/" + service->full_name() + "/" + m->name()] =
          Create(service->full_name(), m->name(), std::string(type));
    }
  }
  unknown_ = Create("unknown", "unknown", "unknown");
}

std::unique_ptr<GrpcServerMetrics::MethodSeries> GrpcServerMetrics::Create(
    const std::string& service, const std::string& method, const std::string& type) {
  auto series = std::make_unique<MethodSeries>();
  const prometheus::Labels base = {
      {"grpc_service", service}, {"grpc_method", method}, {"grpc_type", type}};
  series->started = &started_.Add(base);
  series->handling_seconds = &handling_.Add(base, kBuckets);
  for (int code = 0; code <= 16; ++code) {
    prometheus::Labels labels = base;
    labels["grpc_code"] = std::string(GrpcCodeName(code));
    series->handled[code] = &handled_.Add(labels);
  }
  return series;
}

GrpcServerMetrics::MethodSeries* GrpcServerMetrics::ForMethod(absl::string_view full_method) const {
  auto it = methods_.find(full_method);
  return it != methods_.end() ? it->second.get() : unknown_.get();
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
GrpcServerMetrics::NewInterceptorFactory() {
  return std::make_unique<MetricsInterceptorFactory>(this);
}

}  // namespace polylateral::server
