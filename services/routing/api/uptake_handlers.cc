// RoutingService's uptake methods: outcome documents, uptake records with the automatic
// overlap estimate, and the per-process report read from counters kept on write (including
// the carried-forward marks MarkCarriedForward counts).
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/server/proto_checks.h"
#include "services/routing/api/proto_input_codec.h"
#include "services/routing/api/routing_mapping.h"
#include "services/routing/api/routing_service.h"
#include "services/routing/domain/outcome_access.h"
#include "services/routing/domain/outcome_integrity.h"
#include "services/routing/domain/uptake.h"
#include "services/routing/domain/uptake_estimate.h"

namespace polylateral::routing {
namespace {

// The bare process id of an outcome's `processes/{p}` name.
std::string ProcessId(const std::string& name) { return name.substr(name.find('/') + 1); }

void Finish(v1::UptakeTally* t) {
  t->set_no_record(t->inputs() - t->reflected() - t->partially_reflected() - t->not_reflected() -
                   t->considered());
  t->set_share_reflected(t->inputs() == 0 ? 0 : double(t->reflected()) / double(t->inputs()));
}

void Count(v1::UptakeTally* t, const std::string& status, int64_t n) {
  if (status == "inputs") t->set_inputs(t->inputs() + n);
  if (status == "REFLECTED") t->set_reflected(t->reflected() + n);
  if (status == "PARTIALLY_REFLECTED") t->set_partially_reflected(t->partially_reflected() + n);
  if (status == "NOT_REFLECTED") t->set_not_reflected(t->not_reflected() + n);
  if (status == "CONSIDERED") t->set_considered(t->considered() + n);
}

}  // namespace

absl::Status RoutingService::DoRegisterOutcome(const Call& call,
                                               const v1::RegisterOutcomeRequest& req,
                                               v1::OutcomeDocument* out) {
  v1::OutcomeDocument o = req.outcome();
  auto process = ParseName(o.process(), {"processes"}, "outcome.process");
  if (!process.ok()) return process.status();
  if (auto st = CheckCanRegisterOutcome(call.principal, (*process)[0], ""); !st.ok()) return st;
  if (auto st = server::CheckEnums(req); !st.ok()) return st;
  Violations v;
  if (o.session().empty() || o.session().size() > 63) v.Add("outcome.session", "1..63 bytes");
  if (o.stage() == v1::OutcomeDocument::STAGE_UNSPECIFIED) v.Add("outcome.stage", "is required");
  if (o.title().empty() || o.title().size() > 500) v.Add("outcome.title", "1..500 bytes");
  if (o.paragraphs().empty() || o.paragraphs_size() > int(kMaxOutcomeParagraphs)) {
    v.Add("outcome.paragraphs", absl::StrCat("1..", kMaxOutcomeParagraphs, " paragraphs"));
  }
  for (int i = 0; i < o.paragraphs_size(); ++i) {
    const auto& p = o.paragraphs(i);
    if (p.paragraph_id().empty() || p.paragraph_id().size() > 63) {
      v.Add(absl::StrCat("outcome.paragraphs[", i, "].paragraph_id"), "1..63 bytes");
    }
    if (p.text().empty() || p.text().size() > kMaxTextBytes) {
      v.Add(absl::StrCat("outcome.paragraphs[", i, "].text"),
            absl::StrCat("1..", kMaxTextBytes, " bytes"));
    }
  }
  const std::string id = req.outcome_id().empty() ? NewId("o") : req.outcome_id();
  if (!IsValidResourceId(id)) v.Add("outcome_id", "1..63 of [a-z0-9-]");
  if (!v.empty()) return v.ToStatus("INVALID_REQUEST");
  std::vector<std::string> paragraph_ids;
  for (const auto& p : o.paragraphs()) paragraph_ids.push_back(p.paragraph_id());
  if (auto st = CheckParagraphIdsUnique(paragraph_ids); !st.ok()) return st;
  // Replacing keeps the outcome with the process it was registered for.
  std::string seen_process;
  if (auto stored = store_->GetOutcome(id); stored.ok()) {
    v1::OutcomeDocument current;
    if (auto st = FromJson(*stored, &current); !st.ok()) return st;
    seen_process = current.process();
  } else if (stored.status().code() != absl::StatusCode::kNotFound) {
    return stored.status();
  }
  if (auto st = CheckCanRegisterOutcome(call.principal, (*process)[0], ProcessId(seen_process));
      !st.ok()) {
    return st;
  }
  auto process_info = registry_->Process((*process)[0], call.deadline);
  if (!process_info.ok()) return process_info.status();
  if (auto st = CheckOutcomeSession(*process_info, o.session()); !st.ok()) return st;
  o.set_name(absl::StrCat("outcomes/", id));
  TimeToProto(clock_->Now(), o.mutable_create_time());
  if (auto st = store_->PutOutcome(id, ToJson(o), seen_process); !st.ok()) return st;
  *out = std::move(o);
  return absl::OkStatus();
}

absl::Status RoutingService::DoRecordUptake(const Call& call, const v1::RecordUptakeRequest& req,
                                            v1::RecordUptakeResponse* out) {
  v1::UptakeRecord u = req.uptake();
  auto input_id = ParseName(u.input(), {"inputs"}, "uptake.input");
  if (!input_id.ok()) return input_id.status();
  auto outcome_id = ParseName(u.outcome(), {"outcomes"}, "uptake.outcome");
  if (!outcome_id.ok()) return outcome_id.status();
  auto outcome_json = store_->GetOutcome((*outcome_id)[0]);
  if (!outcome_json.ok()) return outcome_json.status();
  v1::OutcomeDocument outcome;
  if (auto st = FromJson(*outcome_json, &outcome); !st.ok()) return st;
  const std::string process = ProcessId(outcome.process());
  if (auto st = CheckCanRecordUptake(call.principal, process); !st.ok()) return st;
  if (auto st = server::CheckEnums(req); !st.ok()) return st;

  UptakeRecord record{(*input_id)[0],
                      process,
                      (*outcome_id)[0],
                      static_cast<UptakeStatus>(u.status()),
                      u.reason(),
                      {u.paragraph_ids().begin(), u.paragraph_ids().end()},
                      call.principal.ToString(),
                      clock_->Now()};
  if (auto st = ValidateUptakeRecord(record); !st.ok()) return st;
  std::vector<std::string> outcome_paragraphs;
  for (const auto& p : outcome.paragraphs()) outcome_paragraphs.push_back(p.paragraph_id());
  if (auto st = CheckUptakeParagraphs(outcome_paragraphs, record.paragraph_ids); !st.ok()) {
    return st;
  }
  auto input = router_->Load(record.input_id);
  if (!input.ok()) return input.status();

  std::vector<OutcomeParagraph> paragraphs;
  for (const auto& p : outcome.paragraphs()) paragraphs.push_back({p.paragraph_id(), p.text()});
  auto index = OutcomeIndex::Build(paragraphs);
  if (!index.ok()) return index.status();
  const UptakeEstimate e = index->Estimate(ProtoOf(*input->record).text());

  u.set_recorded_by(record.recorded_by);
  TimeToProto(record.record_time, u.mutable_record_time());
  if (auto st = store_->RecordUptake(record.input_id, process, v1::UptakeStatus_Name(u.status()),
                                     ToJson(u), record.recorded_by, record.outcome_id,
                                     record.record_time);
      !st.ok()) {
    return st;
  }
  *out->mutable_uptake() = u;
  auto* est = out->mutable_estimate();
  for (const auto& m : e.closest) {
    auto* pm = est->add_closest();
    pm->set_paragraph_id(m.paragraph_id);
    pm->set_containment(m.containment);
    pm->set_jaccard(m.jaccard);
  }
  est->set_overall(e.overall);
  est->set_input_coverage(e.input_coverage);
  est->set_suggested_status(static_cast<v1::UptakeStatus>(SuggestStatus(e)));
  return absl::OkStatus();
}

absl::Status RoutingService::DoGetUptakeReport(const Call& call,
                                               const v1::GetUptakeReportRequest& req,
                                               v1::UptakeReport* out) {
  auto process = ParseName(req.process(), {"processes"}, "process");
  if (!process.ok()) return process.status();
  // An unknown process has no report (not an empty one): NOT_FOUND PROCESS_NOT_FOUND.
  if (auto known = registry_->Process((*process)[0], call.deadline); !known.ok()) {
    return known.status();
  }
  auto counters = store_->ReportCounters((*process)[0]);
  if (!counters.ok()) return counters.status();
  out->set_process(req.process());
  std::map<int, v1::UptakeTally> groups, regions, kinds;
  // Per state: routed and reflected (any degree) from "s:XX"; carried forward and of those
  // reflected from "c:XX", the dimension MarkCarriedForward adds.
  struct StateCounts {
    int64_t routed = 0, reflected = 0, carried = 0, carried_and_reflected = 0;
  };
  std::map<std::string, StateCounts> states;
  for (const auto& [field, n] : *counters) {
    std::vector<std::string> parts = absl::StrSplit(field, absl::MaxSplits('|', 1));
    if (parts.size() != 2) continue;
    const std::string& status = parts[0];
    const std::string& dim = parts[1];
    int k = 0;
    if (dim == "t") {
      Count(out->mutable_total(), status, n);
    } else if (dim.rfind("g:", 0) == 0 && absl::SimpleAtoi(dim.substr(2), &k)) {
      Count(&groups[k], status, n);
    } else if (dim.rfind("r:", 0) == 0 && absl::SimpleAtoi(dim.substr(2), &k)) {
      Count(&regions[k], status, n);
    } else if (dim.rfind("k:", 0) == 0 && absl::SimpleAtoi(dim.substr(2), &k)) {
      Count(&kinds[k], status, n);
    } else if (dim.rfind("s:", 0) == 0) {
      auto& s = states[dim.substr(2)];
      if (status == "inputs") s.routed += n;
      if (status == "REFLECTED" || status == "PARTIALLY_REFLECTED") s.reflected += n;
    } else if (dim.rfind("c:", 0) == 0) {
      auto& s = states[dim.substr(2)];
      if (status == "inputs") s.carried += n;
      if (status == "REFLECTED" || status == "PARTIALLY_REFLECTED") s.carried_and_reflected += n;
    }
  }
  Finish(out->mutable_total());
  for (auto& [g, t] : groups) {
    auto* row = out->add_by_group();
    row->set_group(static_cast<type::v1::StakeholderGroup>(g));
    Finish(&t);
    *row->mutable_tally() = t;
  }
  for (auto& [r, t] : regions) {
    auto* row = out->add_by_region();
    row->set_region(static_cast<type::v1::Region>(r));
    Finish(&t);
    *row->mutable_tally() = t;
  }
  for (auto& [kind, t] : kinds) {
    auto* row = out->add_by_route_kind();
    row->set_kind(static_cast<v1::RouteKind>(kind));
    Finish(&t);
    *row->mutable_tally() = t;
  }
  for (const auto& [state, s] : states) {
    auto* row = out->add_vertical_states();
    row->set_state(absl::StrCat("states/", state));
    row->set_routed(s.routed);
    row->set_reflected(s.reflected);
    row->set_carried(s.carried);
    row->set_carried_and_reflected(s.carried_and_reflected);
  }
  return absl::OkStatus();
}

}  // namespace polylateral::routing
