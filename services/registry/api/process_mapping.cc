#include "services/registry/api/process_mapping.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/server/proto_checks.h"
#include "services/registry/api/proto_time.h"
#include "services/registry/api/resource_names.h"
#include "services/registry/domain/process_rules.h"

namespace polylateral::registry {
namespace {

// An unset Date (all zero) is "absent"; otherwise it must be a real day.
OptionalDay DayFromProto(const type::v1::Date& d, const std::string& field, Violations& v) {
  OptionalDay out;
  if (d.year() == 0 && d.month() == 0 && d.day() == 0) return out;
  absl::CivilDay day(d.year(), d.month(), d.day());
  if (d.year() < 1 || d.year() > 9999 || day.year() != d.year() || day.month() != d.month() ||
      day.day() != d.day()) {
    v.Add(field, "is not a calendar date");
    return out;
  }
  out.set = true;
  out.day = day;
  return out;
}

void DayToProto(const OptionalDay& d, type::v1::Date* out) {
  if (!d.set) return;
  out->set_year(static_cast<int32_t>(d.day.year()));
  out->set_month(d.day.month());
  out->set_day(d.day.day());
}

std::string At(const std::string& f, int i) { return absl::StrCat(f, "[", i, "]"); }

AccreditationRoute RouteFromProto(const v1::AccreditationRoute& r, const std::string& f,
                                  Violations& v) {
  AccreditationRoute out;
  out.route_id = r.route_id();
  out.kind = static_cast<RouteKind>(r.kind());
  for (int x : r.granted_rights())
    out.granted_rights.push_back(static_cast<vocabulary::ParticipationRight>(x));
  for (int x : r.eligible_groups())
    out.eligible_groups.push_back(static_cast<vocabulary::StakeholderGroup>(x));
  for (int x : r.qualifying_ecosoc_statuses()) {
    out.qualifying_ecosoc_statuses.push_back(static_cast<vocabulary::EcosocStatus>(x));
  }
  out.qualifying_processes =
      ParseResourceNames(r.qualifying_processes(), "processes/", f + ".qualifying_processes", v);
  out.objection_rule.kind = static_cast<ObjectionRuleKind>(r.objection_rule().kind());
  out.objection_rule.min_objecting_states = r.objection_rule().min_objecting_states();
  out.objection_rule.fraction_of_states_present = r.objection_rule().fraction_of_states_present();
  out.notice_period = FromProto(r.notice_period());
  out.committee_states.assign(r.committee_states().begin(), r.committee_states().end());
  out.reminder_interval = FromProto(r.reminder_interval());
  out.max_unanswered_reminders = r.max_unanswered_reminders();
  out.validity = FromProto(r.validity());
  return out;
}

void RouteToProto(const AccreditationRoute& r, v1::AccreditationRoute* out) {
  out->set_route_id(r.route_id);
  out->set_kind(static_cast<v1::AccreditationRoute::Kind>(r.kind));
  for (vocabulary::ParticipationRight x : r.granted_rights) {
    out->add_granted_rights(static_cast<type::v1::ParticipationRight>(x));
  }
  for (vocabulary::StakeholderGroup x : r.eligible_groups) {
    out->add_eligible_groups(static_cast<type::v1::StakeholderGroup>(x));
  }
  for (vocabulary::EcosocStatus x : r.qualifying_ecosoc_statuses) {
    out->add_qualifying_ecosoc_statuses(static_cast<v1::Stakeholder::EcosocStatus>(x));
  }
  for (const auto& p : r.qualifying_processes) {
    out->add_qualifying_processes(absl::StrCat("processes/", p));
  }
  if (r.objection_rule.kind != ObjectionRuleKind::kUnspecified) {
    auto* rule = out->mutable_objection_rule();
    rule->set_kind(static_cast<v1::ObjectionRule::Kind>(r.objection_rule.kind));
    rule->set_min_objecting_states(r.objection_rule.min_objecting_states);
    rule->set_fraction_of_states_present(r.objection_rule.fraction_of_states_present);
  }
  if (r.notice_period != absl::ZeroDuration())
    ToProto(r.notice_period, out->mutable_notice_period());
  for (const auto& s : r.committee_states) out->add_committee_states(s);
  if (r.reminder_interval != absl::ZeroDuration()) {
    ToProto(r.reminder_interval, out->mutable_reminder_interval());
  }
  out->set_max_unanswered_reminders(r.max_unanswered_reminders);
  if (r.validity != absl::ZeroDuration()) ToProto(r.validity, out->mutable_validity());
  for (const CommitteeTerm& t : r.committee_history) {
    v1::CommitteeTerm* term = out->add_committee_history();
    for (const auto& s : t.states) term->add_states(s);
    ToProto(t.start_time, term->mutable_start_time());
  }
}

}  // namespace

// Unknown enum numbers are refused before any rule reads the process.
absl::Status CheckProcessEnums(const v1::Process& in, const std::string& prefix) {
  const auto& m = in.modalities();
  for (int i = 0; i < m.routes_size(); ++i) {
    const v1::AccreditationRoute& r = m.routes(i);
    const std::string f = At(prefix + ".modalities.routes", i);
    if (auto s = server::CheckEnum(r.kind(), f + ".kind"); !s.ok()) return s;
    for (int j = 0; j < r.granted_rights_size(); ++j) {
      if (auto s = server::CheckEnum(r.granted_rights(j), At(f + ".granted_rights", j)); !s.ok())
        return s;
    }
    for (int j = 0; j < r.eligible_groups_size(); ++j) {
      if (auto s = server::CheckEnum(r.eligible_groups(j), At(f + ".eligible_groups", j)); !s.ok())
        return s;
    }
    for (int j = 0; j < r.qualifying_ecosoc_statuses_size(); ++j) {
      if (auto s = server::CheckEnum(r.qualifying_ecosoc_statuses(j),
                                     At(f + ".qualifying_ecosoc_statuses", j));
          !s.ok())
        return s;
    }
    if (auto s = server::CheckEnum(r.objection_rule().kind(), f + ".objection_rule.kind"); !s.ok())
      return s;
  }
  return server::CheckEnum(m.disclosure_policy(), prefix + ".modalities.disclosure_policy");
}

absl::StatusOr<Process> ProcessFromProto(const v1::Process& in, const std::string& prefix) {
  if (absl::Status s = CheckProcessEnums(in, prefix); !s.ok()) return s;
  Violations v;
  Process p;
  if (!in.name().empty()) {
    auto id = ParseResourceName(in.name(), "processes/", prefix + ".name");
    if (!id.ok()) return id.status();
    p.id = *id;
  }
  p.display_name = in.display_name();
  p.host_institution = in.host_institution();
  p.description = in.description();
  p.themes = ParseResourceNames(in.themes(), "themes/", prefix + ".themes", v);
  p.has_modalities = in.has_modalities();
  const auto& m = in.modalities();
  for (int i = 0; i < m.routes_size(); ++i) {
    p.modalities.routes.push_back(
        RouteFromProto(m.routes(i), At(prefix + ".modalities.routes", i), v));
  }
  p.modalities.disclosure_policy = static_cast<DisclosurePolicy>(m.disclosure_policy());
  p.modalities.delegation_size_cap = m.delegation_size_cap();
  for (int i = 0; i < in.sessions_size(); ++i) {
    const auto& s = in.sessions(i);
    const std::string f = At(prefix + ".sessions", i);
    Session session;
    session.session_id = s.session_id();
    session.display_name = s.display_name();
    session.start_date = DayFromProto(s.start_date(), f + ".start_date", v);
    session.end_date = DayFromProto(s.end_date(), f + ".end_date", v);
    session.place = s.place();
    session.written_input_opens =
        DayFromProto(s.written_input_opens(), f + ".written_input_opens", v);
    session.written_input_closes =
        DayFromProto(s.written_input_closes(), f + ".written_input_closes", v);
    session.states_present = s.states_present();
    p.sessions.push_back(std::move(session));
  }
  for (int i = 0; i < in.thematic_groups_size(); ++i) {
    const auto& g = in.thematic_groups(i);
    const std::string f = At(prefix + ".thematic_groups", i);
    ThematicGroup group;
    group.group_id = g.group_id();
    group.display_name = g.display_name();
    group.themes = ParseResourceNames(g.themes(), "themes/", f + ".themes", v);
    for (int k = 0; k < g.agenda_size(); ++k) {
      const auto& a = g.agenda(k);
      const std::string af = At(f + ".agenda", k);
      AgendaItem item;
      item.title = a.title();
      item.themes = ParseResourceNames(a.themes(), "themes/", af + ".themes", v);
      item.start_date = DayFromProto(a.start_date(), af + ".start_date", v);
      item.end_date = DayFromProto(a.end_date(), af + ".end_date", v);
      group.agenda.push_back(std::move(item));
    }
    p.thematic_groups.push_back(std::move(group));
  }
  if (!v.empty()) return v.ToStatus("INVALID_PROCESS");
  return p;
}

void ProcessToProto(const Process& in, v1::Process* out) {
  const std::string name = absl::StrCat("processes/", in.id);
  out->set_name(name);
  out->set_display_name(in.display_name);
  out->set_host_institution(in.host_institution);
  out->set_description(in.description);
  for (const auto& t : in.themes) out->add_themes(absl::StrCat("themes/", t));
  if (in.has_modalities) {
    auto* m = out->mutable_modalities();
    for (const auto& r : in.modalities.routes) RouteToProto(r, m->add_routes());
    m->set_disclosure_policy(static_cast<v1::ParticipationModalities::DisclosurePolicy>(
        in.modalities.disclosure_policy));
    m->set_delegation_size_cap(in.modalities.delegation_size_cap);
  }
  for (const auto& s : in.sessions) {
    auto* o = out->add_sessions();
    o->set_name(absl::StrCat(name, "/sessions/", s.session_id));
    o->set_session_id(s.session_id);
    o->set_display_name(s.display_name);
    DayToProto(s.start_date, o->mutable_start_date());
    DayToProto(s.end_date, o->mutable_end_date());
    o->set_place(s.place);
    if (s.written_input_opens.set)
      DayToProto(s.written_input_opens, o->mutable_written_input_opens());
    if (s.written_input_closes.set) {
      DayToProto(s.written_input_closes, o->mutable_written_input_closes());
    }
    o->set_states_present(s.states_present);
  }
  for (const auto& g : in.thematic_groups) {
    auto* o = out->add_thematic_groups();
    o->set_name(absl::StrCat(name, "/thematicGroups/", g.group_id));
    o->set_group_id(g.group_id);
    o->set_display_name(g.display_name);
    for (const auto& t : g.themes) o->add_themes(absl::StrCat("themes/", t));
    for (const auto& a : g.agenda) {
      auto* item = o->add_agenda();
      item->set_title(a.title);
      for (const auto& t : a.themes) item->add_themes(absl::StrCat("themes/", t));
      DayToProto(a.start_date, item->mutable_start_date());
      DayToProto(a.end_date, item->mutable_end_date());
    }
  }
  ToProto(in.create_time, out->mutable_create_time());
  ToProto(in.update_time, out->mutable_update_time());
  out->set_etag(ProcessEtag(in));
}

}  // namespace polylateral::registry
