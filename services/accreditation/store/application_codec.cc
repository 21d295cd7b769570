#include "services/accreditation/store/application_codec.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

namespace polylateral::accreditation {
namespace {

using Map = absl::flat_hash_map<std::string, std::string>;

Map ToMap(const redis::ReplyView& flat) {
  Map m;
  for (size_t i = 0; i + 1 < flat.size(); i += 2) {
    m[std::string(flat[i].str())] = std::string(flat[i + 1].str());
  }
  return m;
}

const std::string& F(const Map& m, const char* name) {
  static const std::string kEmpty;
  auto it = m.find(name);
  return it == m.end() ? kEmpty : it->second;
}

int64_t Int(const Map& m, const char* name) {
  int64_t v = 0;
  return absl::SimpleAtoi(F(m, name), &v) ? v : 0;
}

absl::Time Time(const Map& m, const char* name, absl::Time unset) {
  int64_t v = 0;
  return absl::SimpleAtoi(F(m, name), &v) ? absl::FromUnixMillis(v) : unset;
}

// A comma-separated list of vocabulary numbers (JoinNumbers' form).
template <typename Enum>
std::vector<Enum> Numbers(absl::string_view csv) {
  std::vector<Enum> out;
  for (absl::string_view s : absl::StrSplit(csv, ',', absl::SkipEmpty())) {
    int v = 0;
    if (absl::SimpleAtoi(s, &v)) out.push_back(static_cast<Enum>(v));
  }
  return out;
}

std::vector<std::string> Strings(const std::string& csv) {
  return absl::StrSplit(csv, ',', absl::SkipEmpty());
}

std::vector<std::string> JsonList(const std::string& text) {
  if (text.empty()) return {};
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return {};
  std::vector<std::string> out;
  for (const auto& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

// [[decision, "by", ms, questions], ...]
std::string ReviewsField(const std::vector<Review>& reviews) {
  nlohmann::json j = nlohmann::json::array();
  for (const Review& r : reviews) {
    j.push_back({static_cast<int>(r.decision), r.by, absl::ToUnixMillis(r.time), r.questions});
  }
  return j.dump();
}

std::vector<Review> ReviewsFromField(const std::string& text) {
  std::vector<Review> out;
  if (text.empty()) return out;
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (!e.is_array() || e.size() != 4 || !e[0].is_number_integer() || !e[1].is_string() ||
        !e[2].is_number_integer() || !e[3].is_number_integer()) {
      continue;
    }
    out.push_back({static_cast<ReviewDecision>(e[0].get<int>()), e[1].get<std::string>(),
                   absl::FromUnixMillis(e[2].get<int64_t>()), e[3].get<int>()});
  }
  return out;
}

std::string Ms(absl::Duration d) { return std::to_string(absl::ToInt64Milliseconds(d)); }
absl::Duration MsDuration(const Map& m, const char* name) {
  return absl::Milliseconds(Int(m, name));
}

// "<id>:<from ms>:<until ms>:<states present>,...": the scheduler script parses it
// (due_claim.lua). Records written before the states present were kept have three parts.
std::string SessionsField(const std::vector<SessionWindow>& sessions) {
  std::string out;
  for (const auto& w : sessions) {
    absl::StrAppend(&out, out.empty() ? "" : ",", w.session_id, ":", absl::ToUnixMillis(w.from),
                    ":", absl::ToUnixMillis(w.until), ":", w.states_present);
  }
  return out;
}

std::vector<SessionWindow> SessionsFromField(const std::string& text) {
  std::vector<SessionWindow> out;
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    std::vector<absl::string_view> parts = absl::StrSplit(item, ':');
    int64_t from = 0;
    int64_t until = 0;
    int present = 0;
    if ((parts.size() != 3 && parts.size() != 4) || !absl::SimpleAtoi(parts[1], &from) ||
        !absl::SimpleAtoi(parts[2], &until) ||
        (parts.size() == 4 && !absl::SimpleAtoi(parts[3], &present))) {
      continue;
    }
    out.push_back(
        {std::string(parts[0]), absl::FromUnixMillis(from), absl::FromUnixMillis(until), present});
  }
  return out;
}

}  // namespace

std::string TimeField(absl::Time t) {
  if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return "";
  return std::to_string(absl::ToUnixMillis(t));
}

FieldList ApplicationFields(const Application& a) {
  const RouteRule& r = a.rule;
  return {{"p", a.process},
          {"a", a.id},
          {"sh", a.stakeholder},
          {"route", a.route_id},
          {"st", std::to_string(static_cast<int>(a.state))},
          {"v", std::to_string(a.version)},
          {"rk", std::to_string(static_cast<int>(r.kind))},
          {"rights", JoinNumbers(r.granted_rights)},
          {"eg", JoinNumbers(r.eligible_groups)},
          {"eco", JoinNumbers(r.qualifying_ecosoc)},
          {"qproc", absl::StrJoin(r.qualifying_processes, ",")},
          {"ork", std::to_string(static_cast<int>(r.objection_kind))},
          {"orn", std::to_string(r.min_objecting_states)},
          {"orf", absl::StrCat(r.fraction_of_states_present)},
          {"present", std::to_string(r.states_present)},
          {"notice_ms", Ms(r.notice_period)},
          {"committee", absl::StrJoin(r.committee_states, ",")},
          {"remind_ms", Ms(r.reminder_interval)},
          {"maxrem", std::to_string(r.max_unanswered_reminders)},
          {"validity_ms", Ms(r.validity)},
          {"sess", SessionsField(r.sessions)},
          {"disc", std::to_string(static_cast<int>(a.disclosure))},
          {"grp", std::to_string(static_cast<int>(a.group))},
          {"reg", std::to_string(static_cast<int>(a.region))},
          {"ct", TimeField(a.create_time)},
          {"subt", TimeField(a.submit_time)},
          {"dect", TimeField(a.decide_time)},
          {"due", TimeField(a.due_time)},
          {"defer", std::to_string(a.deferrals)},
          {"unans", std::to_string(a.unanswered_reminders)},
          {"q", nlohmann::json(a.questions).dump()},
          {"ans", nlohmann::json(a.answers).dump()},
          {"rev", ReviewsField(a.reviews)},
          {"reason", a.decision_reason},
          {"by", a.decided_by},
          {"cby", a.created_by},
          {"dk", std::to_string(static_cast<int>(a.decision_kind))},
          {"dobj", std::to_string(a.decision_objections)},
          {"dthr", std::to_string(a.decision_threshold)},
          {"dpres", std::to_string(a.decision_states_present)},
          {"nend", TimeField(a.notice_end)},
          {"nl", a.notice_list},
          {"presfix",
           a.states_present_correction < 0 ? "" : std::to_string(a.states_present_correction)}};
}

absl::StatusOr<Application> ApplicationFromHash(const redis::ReplyView& flat) {
  Map m = ToMap(flat);
  Application a;
  a.process = F(m, "p");
  a.id = F(m, "a");
  if (a.process.empty() || a.id.empty()) return absl::InternalError("malformed application record");
  a.stakeholder = F(m, "sh");
  a.route_id = F(m, "route");
  a.state = static_cast<AppState>(Int(m, "st"));
  a.version = Int(m, "v");
  RouteRule& r = a.rule;
  r.route_id = a.route_id;
  r.kind = static_cast<RouteKind>(Int(m, "rk"));
  r.granted_rights = Numbers<vocabulary::ParticipationRight>(F(m, "rights"));
  r.eligible_groups = Numbers<vocabulary::StakeholderGroup>(F(m, "eg"));
  r.qualifying_ecosoc = Numbers<vocabulary::EcosocStatus>(F(m, "eco"));
  r.qualifying_processes = Strings(F(m, "qproc"));
  r.objection_kind = static_cast<ObjectionRuleKind>(Int(m, "ork"));
  r.min_objecting_states = static_cast<int>(Int(m, "orn"));
  absl::SimpleAtod(F(m, "orf"), &r.fraction_of_states_present);
  r.states_present = static_cast<int>(Int(m, "present"));
  r.notice_period = MsDuration(m, "notice_ms");
  r.committee_states = Strings(F(m, "committee"));
  r.reminder_interval = MsDuration(m, "remind_ms");
  r.max_unanswered_reminders = static_cast<int>(Int(m, "maxrem"));
  r.validity = MsDuration(m, "validity_ms");
  r.sessions = SessionsFromField(F(m, "sess"));
  a.disclosure = static_cast<Disclosure>(Int(m, "disc"));
  a.group = static_cast<vocabulary::StakeholderGroup>(Int(m, "grp"));
  a.region = static_cast<vocabulary::Region>(Int(m, "reg"));
  a.create_time = Time(m, "ct", absl::InfinitePast());
  a.submit_time = Time(m, "subt", absl::InfinitePast());
  a.decide_time = Time(m, "dect", absl::InfinitePast());
  a.due_time = Time(m, "due", absl::InfinitePast());
  a.deferrals = static_cast<int>(Int(m, "defer"));
  a.unanswered_reminders = static_cast<int>(Int(m, "unans"));
  a.questions = JsonList(F(m, "q"));
  a.answers = JsonList(F(m, "ans"));
  a.reviews = ReviewsFromField(F(m, "rev"));
  a.decision_reason = F(m, "reason");
  a.decided_by = F(m, "by");
  a.created_by = F(m, "cby");
  a.decision_kind = static_cast<DecisionKind>(Int(m, "dk"));
  a.decision_objections = static_cast<int>(Int(m, "dobj"));
  a.decision_threshold = static_cast<int>(Int(m, "dthr"));
  a.decision_states_present = static_cast<int>(Int(m, "dpres"));
  a.notice_end = Time(m, "nend", absl::InfinitePast());
  a.notice_list = F(m, "nl");
  int64_t correction = -1;
  a.states_present_correction =
      absl::SimpleAtoi(F(m, "presfix"), &correction) ? static_cast<int>(correction) : -1;
  return a;
}

FieldList AccreditationFields(const Accreditation& a) {
  return {{"p", a.process},
          {"sh", a.stakeholder},
          {"a", a.application},
          {"route", a.route_id},
          {"rights", JoinNumbers(a.rights)},
          {"st", std::to_string(static_cast<int>(a.status))},
          {"from", TimeField(a.valid_from)},
          {"until", TimeField(a.valid_until)},
          {"reason", a.status_reason},
          {"v", std::to_string(a.version)}};
}

absl::StatusOr<Accreditation> AccreditationFromHash(const redis::ReplyView& flat) {
  Map m = ToMap(flat);
  Accreditation a;
  a.process = F(m, "p");
  a.stakeholder = F(m, "sh");
  if (a.process.empty() || a.stakeholder.empty()) {
    return absl::InternalError("malformed accreditation record");
  }
  a.application = F(m, "a");
  a.route_id = F(m, "route");
  a.rights = Numbers<vocabulary::ParticipationRight>(F(m, "rights"));
  a.status = static_cast<AccStatus>(Int(m, "st"));
  a.valid_from = Time(m, "from", absl::InfinitePast());
  a.valid_until = Time(m, "until", absl::InfiniteFuture());
  a.status_reason = F(m, "reason");
  a.version = Int(m, "v");
  return a;
}

const char* const kAccreditationFieldNames[10] = {"p",  "sh",   "a",     "route",  "rights",
                                                  "st", "from", "until", "reason", "v"};

absl::StatusOr<Accreditation> AccreditationFromValues(const redis::ReplyView& values) {
  if (!values.is_array() || values.size() != 10) {
    return absl::InternalError("malformed accreditation reply");
  }
  if (values[0].is_nil() && values[1].is_nil()) return absl::NotFoundError("");
  auto text = [&](size_t i) { return values[i].str(); };
  auto time = [&](size_t i, absl::Time unset) {
    int64_t v = 0;
    return absl::SimpleAtoi(text(i), &v) ? absl::FromUnixMillis(v) : unset;
  };
  Accreditation a;
  a.process = std::string(text(0));
  a.stakeholder = std::string(text(1));
  if (a.process.empty() || a.stakeholder.empty()) {
    return absl::InternalError("malformed accreditation record");
  }
  a.application = std::string(text(2));
  a.route_id = std::string(text(3));
  a.rights = Numbers<vocabulary::ParticipationRight>(text(4));
  int status = 0;
  a.status = absl::SimpleAtoi(text(5), &status) ? static_cast<AccStatus>(status)
                                                : static_cast<AccStatus>(0);
  a.valid_from = time(6, absl::InfinitePast());
  a.valid_until = time(7, absl::InfiniteFuture());
  a.status_reason = std::string(text(8));
  int64_t version = 0;
  a.version = absl::SimpleAtoi(text(9), &version) ? version : 0;
  return a;
}

}  // namespace polylateral::accreditation
