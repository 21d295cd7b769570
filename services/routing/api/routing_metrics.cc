#include "services/routing/api/routing_metrics.h"

namespace polylateral::routing {

RoutingMetrics::RoutingMetrics(prometheus::Registry& registry) {
  auto& routed = prometheus::BuildCounter()
                     .Name("polylateral_routing_routed_inputs_total")
                     .Help("Routes decided for submitted inputs, by path")
                     .Register(registry);
  const char* paths[] = {"none", "horizontal", "vertical", "network", "clearing_house"};
  for (int i = 0; i < 5; ++i) routed_[i] = &routed.Add({{"path", paths[i]}});
  auto& deliveries = prometheus::BuildCounter()
                         .Name("polylateral_routing_deliveries_total")
                         .Help("Inbox deliveries handed out and acknowledged")
                         .Register(registry);
  handed_out_ = &deliveries.Add({{"event", "handed_out"}});
  acknowledged_ = &deliveries.Add({{"event", "acknowledged"}});
  reroutes_ = &prometheus::BuildCounter()
                   .Name("polylateral_routing_reroutes_total")
                   .Help("Inputs whose routes an accreditation event changed")
                   .Register(registry)
                   .Add({});
}

void RoutingMetrics::Routed(RouteKind kind) {
  const int i = static_cast<int>(kind);
  routed_[(i >= 0 && i < 5) ? i : 0]->Increment();
}

}  // namespace polylateral::routing
