#ifndef POLYLATERAL_SERVICES_ROUTING_API_ROUTING_METRICS_H_
#define POLYLATERAL_SERVICES_ROUTING_API_ROUTING_METRICS_H_

#include <array>

#include "prometheus/counter.h"
#include "prometheus/registry.h"
#include "services/routing/domain/route.h"

namespace polylateral::routing {

// The routing figures on /metrics, every series created at start-up:
//   polylateral_routing_routed_inputs_total{path}  path = horizontal|vertical|network|
//                                                  clearing_house|none (no route now)
//   polylateral_routing_deliveries_total{event}    event = handed_out|acknowledged
//   polylateral_routing_reroutes_total             inputs whose routes an event changed
class RoutingMetrics final {
 public:
  explicit RoutingMetrics(prometheus::Registry& registry);
  void Routed(RouteKind kind);  // kUnspecified counts as "none"
  void HandedOut(double n) { handed_out_->Increment(n); }
  void Acknowledged(double n = 1) { acknowledged_->Increment(n); }
  void Rerouted(double n) { reroutes_->Increment(n); }

 private:
  std::array<prometheus::Counter*, 5> routed_{};
  prometheus::Counter* handed_out_;
  prometheus::Counter* acknowledged_;
  prometheus::Counter* reroutes_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_ROUTING_METRICS_H_
