#include "services/accreditation/domain/report.h"

#include <map>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "services/accreditation/domain/access_rules.h"

namespace polylateral::accreditation {
namespace {

struct Tallies {
  std::map<std::string, int64_t> objections;  // state -> count (visible rows only)
  std::map<std::string, int64_t> blocked;
  std::map<std::string, int64_t> deferrals;
};

void AddRate(std::map<int, Report::Rate>& rates, absl::string_view key, absl::string_view what,
             int64_t n) {
  int k = 0;
  if (!absl::SimpleAtoi(key, &k)) return;
  Report::Rate& r = rates[k];
  r.key = k;
  (what == "ok" ? r.approved : r.decided) += n;
}

std::vector<Report::Rate> Finish(std::map<int, Report::Rate>& rates) {
  std::vector<Report::Rate> out;
  for (auto& [k, r] : rates) {
    r.rate = r.decided > 0 ? static_cast<double>(r.approved) / r.decided : 0;
    out.push_back(r);
  }
  return out;
}

}  // namespace

Report BuildReport(const ReportCounters& counters, const Principal& caller,
                   const std::string& process) {
  Report rep;
  rep.process = process;
  rep.decisions = counters.decisions;
  rep.p50_seconds = counters.p50_seconds;
  rep.p90_seconds = counters.p90_seconds;
  Tallies visible;
  std::map<int, Report::Rate> groups, regions;
  for (const auto& [field, n] : counters.fields) {
    std::vector<absl::string_view> parts = absl::StrSplit(field, ':');
    if (parts.size() == 3 && parts[0] == "r") {
      rep.outcomes.push_back({std::string(parts[1]), std::string(parts[2]), n});
    } else if (parts.size() == 3 && (parts[0] == "obj" || parts[0] == "blk" || parts[0] == "dfr")) {
      int policy = 0;
      absl::SimpleAtoi(parts[1], &policy);
      const std::string state(parts[2]);
      const bool own = caller.kind == Principal::Kind::kState && caller.id == state;
      if (n == 0) continue;
      if (!own && !SeesStateFigures(caller, static_cast<Disclosure>(policy), process)) {
        rep.states_withheld = true;
        continue;
      }
      auto& tally = parts[0] == "obj"   ? visible.objections
                    : parts[0] == "blk" ? visible.blocked
                                        : visible.deferrals;
      tally[state] += n;
    } else if (parts.size() == 3 && parts[0] == "g") {
      AddRate(groups, parts[1], parts[2], n);
    } else if (parts.size() == 3 && parts[0] == "rg") {
      AddRate(regions, parts[1], parts[2], n);
    } else if (field == "objn") {
      rep.objections_total = n;
    } else if (field == "blkn") {
      rep.applications_blocked = n;
    } else if (field == "defer") {
      rep.deferrals = n;
    } else if (field == "redefer") {
      rep.repeat_deferrals = n;
    }
  }
  std::map<std::string, Report::StateRow> rows;
  for (const auto& [s, n] : visible.objections) rows[s].objections = n;
  for (const auto& [s, n] : visible.blocked) rows[s].applicants_blocked = n;
  for (const auto& [s, n] : visible.deferrals) rows[s].deferrals = n;
  for (auto& [s, row] : rows) {
    row.state = s;
    row.share =
        rep.objections_total > 0 ? static_cast<double>(row.objections) / rep.objections_total : 0;
    rep.states.push_back(row);
  }
  rep.by_group = Finish(groups);
  rep.by_region = Finish(regions);
  return rep;
}

}  // namespace polylateral::accreditation
