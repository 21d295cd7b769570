#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_REPORT_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_REPORT_H_

// The transparency report: built from counters the store keeps current as decisions happen
// (no scan), filtered for the caller by the disclosure policy under which each per-state
// figure was recorded.

#include <cstdint>
#include <string>
#include <vector>

#include "common/base/principal.h"
#include "services/accreditation/domain/accreditation_store.h"

namespace polylateral::accreditation {

struct Report {
  struct Outcome {
    std::string route;
    std::string outcome;
    int64_t count = 0;
  };
  struct StateRow {
    std::string state;
    int64_t objections = 0;
    double share = 0;
    int64_t applicants_blocked = 0;
    int64_t deferrals = 0;  // committee reviews by the state that deferred
  };
  struct Rate {
    int key = 0;  // StakeholderGroup or Region value
    int64_t decided = 0;
    int64_t approved = 0;
    double rate = 0;
  };

  std::string process;  // empty: across processes
  std::vector<Outcome> outcomes;
  int64_t objections_total = 0;
  int64_t applications_blocked = 0;
  std::vector<StateRow> states;  // by state code
  bool states_withheld = false;
  int64_t decisions = 0;
  double p50_seconds = 0;
  double p90_seconds = 0;
  std::vector<Rate> by_group;
  std::vector<Rate> by_region;
  int64_t deferrals = 0;
  int64_t repeat_deferrals = 0;
};

Report BuildReport(const ReportCounters& counters, const Principal& caller,
                   const std::string& process);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_REPORT_H_
