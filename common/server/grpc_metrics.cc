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

absl::string_view TypeName(ServerRpcInfo::Type type) {
  switch (type) {
    case ServerRpcInfo::Type::UNARY:
      return "unary";
    case ServerRpcInfo::Type::CLIENT_STREAMING:
      return "client_stream";
    case ServerRpcInfo::Type::SERVER_STREAMING:
      return "server_stream";
    case ServerRpcInfo::Type::BIDI_STREAMING:
      return "bidi_stream";
  }
  return "unary";
}

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
    return new MetricsInterceptor(metrics_->ForMethod(info->method(), TypeName(info->type())));
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
  absl::MutexLock lock(&mu_);
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& name : services) {
    const auto* service = pool->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* m = service->method(i);
      absl::string_view type = m->client_streaming()
                                   ? (m->server_streaming() ? "bidi_stream" : "client_stream")
                                   : (m->server_streaming() ? "server_stream" : "unary");
      Create("/" + service->full_name() + "/" + m->name(), type);
    }
  }
}

GrpcServerMetrics::MethodSeries* GrpcServerMetrics::Create(absl::string_view full_method,
                                                           absl::string_view grpc_type) {
  absl::string_view path = full_method;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  size_t slash = path.find('/');
  std::string service(path.substr(0, slash));
  std::string method(slash == absl::string_view::npos ? "" : path.substr(slash + 1));
  std::string type(grpc_type);
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
  MethodSeries* out = series.get();
  methods_[std::string(full_method)] = std::move(series);
  return out;
}

GrpcServerMetrics::MethodSeries* GrpcServerMetrics::ForMethod(absl::string_view full_method,
                                                              absl::string_view grpc_type) {
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = methods_.find(full_method);
    if (it != methods_.end()) return it->second.get();
  }
  absl::MutexLock lock(&mu_);
  auto it = methods_.find(full_method);
  if (it != methods_.end()) return it->second.get();
  return Create(full_method, grpc_type);
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
GrpcServerMetrics::NewInterceptorFactory() {
  return std::make_unique<MetricsInterceptorFactory>(this);
}

}  // namespace polylateral::server
