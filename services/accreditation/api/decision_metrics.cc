#include "services/accreditation/api/decision_metrics.h"

namespace polylateral::accreditation {

DecisionMetrics::DecisionMetrics(prometheus::Registry& registry) {
  auto& decisions = prometheus::BuildCounter()
                        .Name("polylateral_accreditation_decisions_total")
                        .Help("Applications decided, by route kind and outcome")
                        .Register(registry);
  for (const char* route :
       {"INHERITED_STATUS", "NON_OBJECTION", "COMMITTEE_REVIEW", "OPEN_REGISTRATION"}) {
    for (const char* outcome : {"approved", "rejected", "blocked", "closed"}) {
      decisions_[{route, outcome}] = &decisions.Add({{"route", route}, {"outcome", outcome}});
    }
  }
  decisions_[{"expiry", "expired"}] = &decisions.Add({{"route", "expiry"}, {"outcome", "expired"}});
  objections_ = &prometheus::BuildCounter()
                     .Name("polylateral_accreditation_objections_total")
                     .Help("Objections lodged by member states")
                     .Register(registry)
                     .Add({});
  backlog_ = &prometheus::BuildGauge()
                  .Name("polylateral_accreditation_due_backlog")
                  .Help("Schedule entries (notice ends, reminders, expiries) already due")
                  .Register(registry)
                  .Add({});
}

void DecisionMetrics::Decision(const std::string& route_kind, const std::string& outcome,
                               int64_t n) {
  auto it = decisions_.find({route_kind, outcome});
  if (it != decisions_.end() && n > 0) it->second->Increment(static_cast<double>(n));
}

}  // namespace polylateral::accreditation
