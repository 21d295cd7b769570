#ifndef POLYLATERAL_SERVICES_ACCREDITATION_API_DECISION_METRICS_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_API_DECISION_METRICS_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace polylateral::accreditation {

// The accreditation figures on /metrics, every series created at start-up:
//   polylateral_accreditation_decisions_total{route,outcome}  route = route kind
//   polylateral_accreditation_objections_total                objections lodged
//   polylateral_accreditation_due_backlog                     schedule entries already due
class DecisionMetrics final {
 public:
  explicit DecisionMetrics(prometheus::Registry& registry);
  // Unknown labels are ignored (never a new series on the hot path).
  void Decision(const std::string& route_kind, const std::string& outcome, int64_t n = 1);
  void Objection() { objections_->Increment(); }
  void Backlog(double n) { backlog_->Set(n); }

 private:
  std::map<std::pair<std::string, std::string>, prometheus::Counter*> decisions_;
  prometheus::Counter* objections_;
  prometheus::Gauge* backlog_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_API_DECISION_METRICS_H_
