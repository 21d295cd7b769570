#include "services/registry/store/registry_json.h"

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "nlohmann/json.hpp"

namespace polylateral::registry {
namespace {

using nlohmann::json;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
int64_t Micros(absl::Duration d) { return absl::ToInt64Microseconds(d); }

json Day(const OptionalDay& d) {
  if (!d.set) return nullptr;
  return absl::FormatCivilTime(d.day);
}

OptionalDay DayFrom(const json& j) {
  OptionalDay d;
  if (j.is_string()) d.set = absl::ParseCivilTime(j.get<std::string>(), &d.day);
  return d;
}

template <typename E>
json EnumList(const std::vector<E>& v) {
  json out = json::array();
  for (E e : v) out.push_back(static_cast<int>(e));
  return out;
}

template <typename E>
std::vector<E> EnumListFrom(const json& j) {
  std::vector<E> out;
  for (const auto& e : j) out.push_back(static_cast<E>(e.get<int>()));
  return out;
}

json CommitteeTermsToJson(const std::vector<CommitteeTerm>& terms) {
  json out = json::array();
  for (const CommitteeTerm& t : terms) {
    out.push_back({{"states", t.states}, {"from_us", Micros(t.start_time)}});
  }
  return out;
}

// Records stored before the registry kept committee terms have none.
std::vector<CommitteeTerm> CommitteeTermsFromJson(const json& j) {
  std::vector<CommitteeTerm> out;
  if (!j.is_array()) return out;
  for (const auto& t : j) {
    out.push_back({t.at("states").get<std::vector<std::string>>(),
                   absl::FromUnixMicros(t.at("from_us").get<int64_t>())});
  }
  return out;
}

json RouteToJson(const AccreditationRoute& r) {
  return {{"id", r.route_id},
          {"kind", static_cast<int>(r.kind)},
          {"rights", EnumList(r.granted_rights)},
          {"groups", EnumList(r.eligible_groups)},
          {"ecosoc", EnumList(r.qualifying_ecosoc_statuses)},
          {"processes", r.qualifying_processes},
          {"rule",
           {{"kind", static_cast<int>(r.objection_rule.kind)},
            {"min", r.objection_rule.min_objecting_states},
            {"fraction", r.objection_rule.fraction_of_states_present}}},
          {"notice_us", Micros(r.notice_period)},
          {"committee", r.committee_states},
          {"reminder_us", Micros(r.reminder_interval)},
          {"max_reminders", r.max_unanswered_reminders},
          {"validity_us", Micros(r.validity)},
          {"terms", CommitteeTermsToJson(r.committee_history)}};
}

AccreditationRoute RouteFromJson(const json& j) {
  AccreditationRoute r;
  r.route_id = j.at("id").get<std::string>();
  r.kind = static_cast<RouteKind>(j.at("kind").get<int>());
  r.granted_rights = EnumListFrom<vocabulary::ParticipationRight>(j.at("rights"));
  r.eligible_groups = EnumListFrom<vocabulary::StakeholderGroup>(j.at("groups"));
  r.qualifying_ecosoc_statuses = EnumListFrom<vocabulary::EcosocStatus>(j.at("ecosoc"));
  r.qualifying_processes = j.at("processes").get<std::vector<std::string>>();
  const json& rule = j.at("rule");
  r.objection_rule.kind = static_cast<ObjectionRuleKind>(rule.at("kind").get<int>());
  r.objection_rule.min_objecting_states = rule.at("min").get<int>();
  r.objection_rule.fraction_of_states_present = rule.at("fraction").get<double>();
  r.notice_period = absl::Microseconds(j.at("notice_us").get<int64_t>());
  r.committee_states = j.at("committee").get<std::vector<std::string>>();
  r.reminder_interval = absl::Microseconds(j.at("reminder_us").get<int64_t>());
  r.max_unanswered_reminders = j.at("max_reminders").get<int>();
  r.validity = absl::Microseconds(j.at("validity_us").get<int64_t>());
  if (auto it = j.find("terms"); it != j.end()) r.committee_history = CommitteeTermsFromJson(*it);
  return r;
}

}  // namespace

std::string StakeholderToJson(const Stakeholder& s) {
  json j = {{"id", s.id},
            {"kind", static_cast<int>(s.kind)},
            {"name", s.display_name},
            {"group", static_cast<int>(s.group)},
            {"constituency", s.constituency},
            {"country", s.country},
            {"region", static_cast<int>(s.region)},
            {"themes", s.themes},
            {"ecosoc", static_cast<int>(s.ecosoc_status)},
            {"ecosoc_by", s.ecosoc_status_set_by},
            {"ecosoc_us", Micros(s.ecosoc_status_update_time)},
            {"affiliations", s.affiliations},
            {"members", s.network_members},
            {"languages", s.languages},
            {"developing", s.developing_country},
            {"email", s.contact_email},
            {"website", s.website},
            {"ctime_us", Micros(s.create_time)},
            {"mtime_us", Micros(s.update_time)},
            {"v", s.version}};
  if (!s.removed_references.empty()) {
    json removed = json::array();
    for (const auto& r : s.removed_references) {
      removed.push_back({{"id", r.stakeholder_id},
                         {"cause", static_cast<int>(r.cause)},
                         {"by", r.removed_by},
                         {"us", Micros(r.remove_time)}});
    }
    j["removed"] = std::move(removed);
  }
  return j.dump();
}

absl::StatusOr<Stakeholder> StakeholderFromJson(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return absl::DataLossError("stakeholder record is not JSON");
  try {
    Stakeholder s;
    s.id = j.at("id").get<std::string>();
    s.kind = static_cast<StakeholderKind>(j.at("kind").get<int>());
    s.display_name = j.at("name").get<std::string>();
    s.group = static_cast<vocabulary::StakeholderGroup>(j.at("group").get<int>());
    s.constituency = j.at("constituency").get<std::string>();
    s.country = j.at("country").get<std::string>();
    s.region = static_cast<vocabulary::Region>(j.at("region").get<int>());
    s.themes = j.at("themes").get<std::vector<std::string>>();
    s.ecosoc_status = static_cast<vocabulary::EcosocStatus>(j.at("ecosoc").get<int>());
    // A stored record may lack both fields: read as never set.
    s.ecosoc_status_set_by = j.value("ecosoc_by", std::string());
    s.ecosoc_status_update_time = absl::FromUnixMicros(j.value("ecosoc_us", int64_t{0}));
    s.affiliations = j.at("affiliations").get<std::vector<std::string>>();
    s.network_members = j.at("members").get<std::vector<std::string>>();
    s.languages = j.at("languages").get<std::vector<std::string>>();
    s.developing_country = j.at("developing").get<bool>();
    s.contact_email = j.at("email").get<std::string>();
    s.website = j.at("website").get<std::string>();
    s.create_time = absl::FromUnixMicros(j.at("ctime_us").get<int64_t>());
    s.update_time = absl::FromUnixMicros(j.at("mtime_us").get<int64_t>());
    s.version = j.at("v").get<int64_t>();
    // Absent on records that never lost a reference.
    if (auto it = j.find("removed"); it != j.end()) {
      for (const auto& r : *it) {
        s.removed_references.push_back(
            {r.at("id").get<std::string>(),
             static_cast<ReferenceRemoval::Cause>(r.at("cause").get<int>()),
             r.at("by").get<std::string>(), absl::FromUnixMicros(r.at("us").get<int64_t>())});
      }
    }
    return s;
  } catch (const json::exception& e) {
    return absl::DataLossError(absl::StrCat("stakeholder record: ", e.what()));
  }
}

std::string ProcessToJson(const Process& p) {
  json routes = json::array();
  for (const auto& r : p.modalities.routes) routes.push_back(RouteToJson(r));
  json sessions = json::array();
  for (const auto& s : p.sessions) {
    sessions.push_back({{"id", s.session_id},
                        {"name", s.display_name},
                        {"start", Day(s.start_date)},
                        {"end", Day(s.end_date)},
                        {"place", s.place},
                        {"input_opens", Day(s.written_input_opens)},
                        {"input_closes", Day(s.written_input_closes)},
                        {"states_present", s.states_present}});
  }
  json groups = json::array();
  for (const auto& g : p.thematic_groups) {
    json agenda = json::array();
    for (const auto& a : g.agenda) {
      agenda.push_back({{"title", a.title},
                        {"themes", a.themes},
                        {"start", Day(a.start_date)},
                        {"end", Day(a.end_date)}});
    }
    groups.push_back(
        {{"id", g.group_id}, {"name", g.display_name}, {"themes", g.themes}, {"agenda", agenda}});
  }
  json j = {{"id", p.id},
            {"name", p.display_name},
            {"host", p.host_institution},
            {"description", p.description},
            {"themes", p.themes},
            {"has_modalities", p.has_modalities},
            {"routes", routes},
            {"disclosure", static_cast<int>(p.modalities.disclosure_policy)},
            {"delegation_cap", p.modalities.delegation_size_cap},
            {"sessions", sessions},
            {"groups", groups},
            {"ctime_us", Micros(p.create_time)},
            {"mtime_us", Micros(p.update_time)},
            {"v", p.version}};
  return j.dump();
}

absl::StatusOr<Process> ProcessFromJson(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return absl::DataLossError("process record is not JSON");
  try {
    Process p;
    p.id = j.at("id").get<std::string>();
    p.display_name = j.at("name").get<std::string>();
    p.host_institution = j.at("host").get<std::string>();
    p.description = j.at("description").get<std::string>();
    p.themes = j.at("themes").get<std::vector<std::string>>();
    p.has_modalities = j.at("has_modalities").get<bool>();
    for (const auto& r : j.at("routes")) p.modalities.routes.push_back(RouteFromJson(r));
    p.modalities.disclosure_policy = static_cast<DisclosurePolicy>(j.at("disclosure").get<int>());
    p.modalities.delegation_size_cap = j.at("delegation_cap").get<int>();
    for (const auto& s : j.at("sessions")) {
      Session session;
      session.session_id = s.at("id").get<std::string>();
      session.display_name = s.at("name").get<std::string>();
      session.start_date = DayFrom(s.at("start"));
      session.end_date = DayFrom(s.at("end"));
      session.place = s.at("place").get<std::string>();
      session.written_input_opens = DayFrom(s.at("input_opens"));
      session.written_input_closes = DayFrom(s.at("input_closes"));
      session.states_present = s.at("states_present").get<int>();
      p.sessions.push_back(std::move(session));
    }
    for (const auto& g : j.at("groups")) {
      ThematicGroup group;
      group.group_id = g.at("id").get<std::string>();
      group.display_name = g.at("name").get<std::string>();
      group.themes = g.at("themes").get<std::vector<std::string>>();
      for (const auto& a : g.at("agenda")) {
        AgendaItem item;
        item.title = a.at("title").get<std::string>();
        item.themes = a.at("themes").get<std::vector<std::string>>();
        item.start_date = DayFrom(a.at("start"));
        item.end_date = DayFrom(a.at("end"));
        group.agenda.push_back(std::move(item));
      }
      p.thematic_groups.push_back(std::move(group));
    }
    p.create_time = absl::FromUnixMicros(j.at("ctime_us").get<int64_t>());
    p.update_time = absl::FromUnixMicros(j.at("mtime_us").get<int64_t>());
    p.version = j.at("v").get<int64_t>();
    return p;
  } catch (const json::exception& e) {
    return absl::DataLossError(absl::StrCat("process record: ", e.what()));
  }
}

}  // namespace polylateral::registry
