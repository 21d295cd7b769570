#include "services/accreditation/client/registry_client.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/base/errors.h"

namespace polylateral::accreditation {
namespace {

absl::Duration FromProto(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

absl::Status Mapped(const grpc::Status& st, const char* not_found_reason, const std::string& what) {
  if (st.error_code() == grpc::StatusCode::NOT_FOUND) {
    return NotFound(not_found_reason, absl::StrCat(what, " is not in the registry"));
  }
  if (st.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    return NotFound(not_found_reason, absl::StrCat(what, " is not a valid registry name"));
  }
  return edge::FromUpstream(st, "registry");
}

// The session whose states_present a fraction rule uses: the first not yet ended at `at`,
// else the last one.
int StatesPresent(const registry::v1::Process& p, absl::Time at) {
  const absl::CivilDay today = absl::ToCivilDay(at, absl::UTCTimeZone());
  int last = 0;
  for (const auto& s : p.sessions()) {
    const absl::CivilDay end(s.end_date().year(), s.end_date().month(), s.end_date().day());
    last = s.states_present();
    if (end >= today) return s.states_present();
  }
  return last;
}

// The process's dated sessions in start order, as UTC half-open intervals (the registry's
// end date is inclusive). A session without both dates is skipped.
std::vector<SessionWindow> SessionWindows(const registry::v1::Process& p) {
  std::vector<SessionWindow> out;
  for (const auto& s : p.sessions()) {
    if (s.start_date().year() == 0 || s.end_date().year() == 0) continue;
    const absl::CivilDay start(s.start_date().year(), s.start_date().month(), s.start_date().day());
    const absl::CivilDay end(s.end_date().year(), s.end_date().month(), s.end_date().day());
    out.push_back({s.session_id(), absl::FromCivil(start, absl::UTCTimeZone()),
                   absl::FromCivil(end + 1, absl::UTCTimeZone()), s.states_present()});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SessionWindow& a, const SessionWindow& b) { return a.from < b.from; });
  return out;
}

}  // namespace

ProcessInfo ProcessInfoFromProto(const registry::v1::Process& p, absl::Time at) {
  ProcessInfo info;
  const std::string& name = p.name();
  info.id = name.substr(name.find('/') + 1);
  const auto& m = p.modalities();
  info.disclosure = static_cast<Disclosure>(m.disclosure_policy());
  const int present = StatesPresent(p, at);
  const std::vector<SessionWindow> sessions = SessionWindows(p);
  for (const auto& r : m.routes()) {
    RouteRule rule;
    rule.route_id = r.route_id();
    rule.kind = static_cast<RouteKind>(r.kind());
    for (int x : r.granted_rights()) {
      rule.granted_rights.push_back(static_cast<vocabulary::ParticipationRight>(x));
    }
    for (int x : r.eligible_groups()) {
      rule.eligible_groups.push_back(static_cast<vocabulary::StakeholderGroup>(x));
    }
    for (int x : r.qualifying_ecosoc_statuses()) {
      rule.qualifying_ecosoc.push_back(static_cast<vocabulary::EcosocStatus>(x));
    }
    for (const std::string& q : r.qualifying_processes()) {  // `processes/{id}`
      rule.qualifying_processes.push_back(q.substr(q.find('/') + 1));
    }
    rule.objection_kind = static_cast<ObjectionRuleKind>(r.objection_rule().kind());
    rule.min_objecting_states = r.objection_rule().min_objecting_states();
    rule.fraction_of_states_present = r.objection_rule().fraction_of_states_present();
    rule.states_present = present;
    rule.notice_period = FromProto(r.notice_period());
    rule.committee_states.assign(r.committee_states().begin(), r.committee_states().end());
    rule.reminder_interval = FromProto(r.reminder_interval());
    rule.max_unanswered_reminders = r.max_unanswered_reminders();
    rule.validity = FromProto(r.validity());
    // Zero validity: "for the current session", decided at approval from this snapshot; a
    // notice end takes the states present of the session current or next then from it too.
    if (rule.validity == absl::ZeroDuration() || rule.kind == RouteKind::kNonObjection) {
      rule.sessions = sessions;
    }
    info.routes.push_back(std::move(rule));
  }
  return info;
}

GrpcRegistryLookup::GrpcRegistryLookup(edge::OutgoingOptions outgoing, const std::string& target)
    : outgoing_(std::move(outgoing)),
      stub_(registry::v1::RegistryService::NewStub(edge::Dial(outgoing_, target, "registry"))) {}

absl::StatusOr<StakeholderInfo> GrpcRegistryLookup::Stakeholder(const std::string& id,
                                                                absl::Time deadline) {
  auto ctx = edge::NewClientContext(outgoing_, deadline);
  registry::v1::GetStakeholderRequest req;
  req.set_name(absl::StrCat("stakeholders/", id));
  registry::v1::Stakeholder s;
  grpc::Status st = stub_->GetStakeholder(ctx.get(), req, &s);
  if (!st.ok()) return Mapped(st, "STAKEHOLDER_NOT_FOUND", req.name());
  // The registry stores an unspecified status as NO_STATUS; a 0 here means the same.
  const auto ecosoc = static_cast<vocabulary::EcosocStatus>(s.ecosoc_status());
  return StakeholderInfo{
      id, static_cast<vocabulary::StakeholderGroup>(s.stakeholder_group()),
      static_cast<vocabulary::Region>(s.region()),
      ecosoc == vocabulary::EcosocStatus::kUnspecified ? vocabulary::EcosocStatus::kNone : ecosoc};
}

absl::StatusOr<ProcessInfo> GrpcRegistryLookup::Process(const std::string& id, absl::Time at,
                                                        absl::Time deadline) {
  auto ctx = edge::NewClientContext(outgoing_, deadline);
  registry::v1::GetProcessRequest req;
  req.set_name(absl::StrCat("processes/", id));
  registry::v1::Process p;
  grpc::Status st = stub_->GetProcess(ctx.get(), req, &p);
  if (!st.ok()) return Mapped(st, "PROCESS_NOT_FOUND", req.name());
  return ProcessInfoFromProto(p, at);
}

absl::Status GrpcRegistryLookup::State(const std::string& iso2, absl::Time deadline) {
  {
    absl::MutexLock lock(&mu_);
    if (known_states_.contains(iso2)) return absl::OkStatus();
  }
  auto ctx = edge::NewClientContext(outgoing_, deadline);
  registry::v1::GetStateRequest req;
  req.set_name(absl::StrCat("states/", iso2));
  registry::v1::State s;
  grpc::Status st = stub_->GetState(ctx.get(), req, &s);
  if (!st.ok()) return Mapped(st, "STATE_NOT_FOUND", req.name());
  absl::MutexLock lock(&mu_);
  known_states_.insert(iso2);
  return absl::OkStatus();
}

}  // namespace polylateral::accreditation
