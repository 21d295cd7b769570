#ifndef POLYLATERAL_COMMON_SERVER_GRPC_METRICS_H_
#define POLYLATERAL_COMMON_SERVER_GRPC_METRICS_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/server_interceptor.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace polylateral::server {

// The grpc-ecosystem server metrics, for every RPC, recorded by a server interceptor:
//   grpc_server_started_total{grpc_service,grpc_method,grpc_type}
//   grpc_server_handled_total{grpc_service,grpc_method,grpc_type,grpc_code}
//   grpc_server_handling_seconds{grpc_service,grpc_method,grpc_type} (histogram)
// All (method x code) series of the services named at construction (and of the health and
// reflection services) exist from start-up, so dashboards see zeros instead of gaps and the
// hot path only increments. Any other method name a caller sends is counted under one series,
// grpc_service="unknown", grpc_method="unknown", grpc_type="unknown": names are the caller's
// to choose, and a series per name would grow the registry without bound.
class GrpcServerMetrics final {
 public:
  struct MethodSeries {
    prometheus::Counter* started = nullptr;
    std::array<prometheus::Counter*, 17> handled{};
    prometheus::Histogram* handling_seconds = nullptr;
  };

  // `services`: full protobuf service names ("polylateral.registry.v1.RegistryService") found
  // in the generated descriptor pool; their methods are created up front.
  GrpcServerMetrics(prometheus::Registry& registry, const std::vector<std::string>& services);

  // The series of "/pkg.Service/Method", or the "unknown" one. Never creates a series.
  MethodSeries* ForMethod(absl::string_view full_method) const;

  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewInterceptorFactory();

 private:
  std::unique_ptr<MethodSeries> Create(const std::string& service, const std::string& method,
                                       const std::string& grpc_type);

  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& handling_;
  // Filled by the constructor, read-only afterwards: lookups need no lock.
  absl::flat_hash_map<std::string, std::unique_ptr<MethodSeries>> methods_;
  std::unique_ptr<MethodSeries> unknown_;
};

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_GRPC_METRICS_H_
