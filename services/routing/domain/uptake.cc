#include "services/routing/domain/uptake.h"

#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/text.h"

namespace polylateral::routing {
namespace {

void Count(UptakeTally& t, const UptakeRecord* r) {
  ++t.inputs;
  if (r == nullptr) {
    ++t.no_record;
    return;
  }
  switch (r->status) {
    case UptakeStatus::kReflected:
      ++t.reflected;
      break;
    case UptakeStatus::kPartiallyReflected:
      ++t.partially_reflected;
      break;
    case UptakeStatus::kNotReflected:
      ++t.not_reflected;
      break;
    case UptakeStatus::kConsidered:
      ++t.considered;
      break;
    default:
      ++t.no_record;
  }
}

bool IsReflected(const UptakeRecord* r) {
  return r != nullptr &&
         (r->status == UptakeStatus::kReflected || r->status == UptakeStatus::kPartiallyReflected);
}

template <typename K>
std::vector<std::pair<K, UptakeTally>> Flatten(const std::map<K, UptakeTally>& m) {
  return {m.begin(), m.end()};
}

}  // namespace

absl::string_view UptakeStatusName(UptakeStatus s) {
  switch (s) {
    case UptakeStatus::kConsidered:
      return "CONSIDERED";
    case UptakeStatus::kPartiallyReflected:
      return "PARTIALLY_REFLECTED";
    case UptakeStatus::kReflected:
      return "REFLECTED";
    case UptakeStatus::kNotReflected:
      return "NOT_REFLECTED";
    default:
      return "UNSPECIFIED";
  }
}

absl::Status ValidateUptakeRecord(const UptakeRecord& r) {
  Violations v;
  if (r.status < UptakeStatus::kConsidered || r.status > UptakeStatus::kNotReflected) {
    v.Add("uptake.status", "is required");
  }
  if (r.reason.empty()) {
    v.Add("uptake.reason", "the secretariat's reason is required");
  } else if (r.reason.size() > kMaxUptakeReasonBytes) {
    v.Add("uptake.reason", absl::StrCat("is ", r.reason.size(), " bytes; the limit is ",
                                        kMaxUptakeReasonBytes, " bytes"));
  } else if (Utf8PrintableLength(r.reason, /*allow_newlines=*/true) < 0) {
    v.Add("uptake.reason", "must be UTF-8 without control characters");
  }
  if (r.paragraph_ids.size() > kMaxUptakeParagraphs) {
    v.Add("uptake.paragraph_ids",
          absl::StrCat("is ", r.paragraph_ids.size(), " paragraphs; the limit is ",
                       kMaxUptakeParagraphs, " paragraphs"));
  } else if (r.paragraph_ids.empty() && IsReflected(&r)) {
    v.Add("uptake.paragraph_ids", "name the paragraphs the input is reflected in");
  }
  for (size_t i = 0; i < r.paragraph_ids.size() && i < kMaxUptakeParagraphs; ++i) {
    const std::string& id = r.paragraph_ids[i];
    if (id.empty() || id.size() > kMaxParagraphIdBytes) {
      v.Add(absl::StrCat("uptake.paragraph_ids[", i, "]"),
            absl::StrCat("must be 1..", kMaxParagraphIdBytes, " bytes"));
    }
  }
  return v.ToStatus("INVALID_UPTAKE");
}

UptakeStatus SuggestStatus(const UptakeEstimate& e) {
  if (e.overall >= kReflectedThreshold) return UptakeStatus::kReflected;
  if (e.overall >= kPartialThreshold) return UptakeStatus::kPartiallyReflected;
  return UptakeStatus::kNotReflected;
}

double UptakeTally::share_reflected() const {
  return inputs == 0 ? 0 : static_cast<double>(reflected) / static_cast<double>(inputs);
}
double UptakeTally::share_at_least_partially() const {
  return inputs == 0
             ? 0
             : static_cast<double>(reflected + partially_reflected) / static_cast<double>(inputs);
}

UptakeReport BuildUptakeReport(const std::string& process_id,
                               const std::vector<ReportedInput>& inputs,
                               const std::vector<UptakeRecord>& records,
                               const std::vector<CarriedForward>& carried) {
  absl::flat_hash_map<std::string, const UptakeRecord*> latest;
  for (const UptakeRecord& r : records) {
    if (r.process_id != process_id) continue;
    const UptakeRecord*& slot = latest[r.input_id];
    // Ties keep the later-listed record, the store's append order.
    if (slot == nullptr || r.record_time >= slot->record_time) slot = &r;
  }
  std::set<std::pair<std::string, std::string>> marks;  // (input, state)
  for (const CarriedForward& c : carried) marks.emplace(c.input_id, c.state);

  UptakeReport report;
  report.process_id = process_id;
  std::map<vocabulary::StakeholderGroup, UptakeTally> by_group;
  std::map<vocabulary::Region, UptakeTally> by_region;
  std::map<RouteKind, UptakeTally> by_kind;
  std::map<std::string, StateCarriage> states;
  for (const ReportedInput& in : inputs) {
    auto it = latest.find(in.input_id);
    const UptakeRecord* rec = it == latest.end() ? nullptr : it->second;
    Count(report.total, rec);
    Count(by_group[in.group], rec);
    Count(by_region[in.region], rec);
    std::set<RouteKind> kinds;
    std::set<std::string> vertical_states;
    for (const Route& r : in.routes) {
      kinds.insert(r.kind);
      if (r.kind == RouteKind::kVertical) vertical_states.insert(r.via);
    }
    for (RouteKind k : kinds) Count(by_kind[k], rec);
    for (const std::string& s : vertical_states) {
      StateCarriage& sc = states[s];
      sc.state = s;
      ++sc.routed;
      if (marks.count({in.input_id, s}) > 0) {
        ++sc.carried;
        if (IsReflected(rec)) ++sc.carried_and_reflected;
      }
    }
  }
  report.by_group = Flatten(by_group);
  report.by_region = Flatten(by_region);
  report.by_route_kind = Flatten(by_kind);
  for (auto& [state, sc] : states) report.vertical_states.push_back(sc);
  return report;
}

}  // namespace polylateral::routing
