#include "services/registry/domain/process_rules.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/text.h"
#include "common/vocabulary/themes.h"
#include "common/vocabulary/un_states.h"

namespace polylateral::registry {
namespace {

std::string At(const std::string& field, size_t i) { return absl::StrCat(field, "[", i, "]"); }

void CheckText(Violations& v, const std::string& field, const std::string& value, int max,
               bool required, bool multiline = false) {
  long len = Utf8PrintableLength(value, multiline);
  if (len < 0) {
    v.Add(field, "must be valid UTF-8 without control characters");
  } else if (required && absl::StripAsciiWhitespace(value).empty()) {
    v.Add(field, "is required");
  } else if (len > max) {
    v.Add(field, absl::StrCat("must be at most ", max, " characters"));
  }
}

void CheckThemes(Violations& v, const std::string& field, const std::vector<std::string>& themes,
                 size_t min, size_t max) {
  if (themes.size() < min || themes.size() > max) {
    v.Add(field, absl::StrCat("needs ", min, "..", max, " themes"));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < themes.size(); ++i) {
    if (vocabulary::FindTheme(themes[i]) == nullptr) {
      v.Add(At(field, i), absl::StrCat("unknown theme 'themes/", themes[i], "'"));
    } else if (!seen.insert(themes[i]).second) {
      v.Add(At(field, i), "duplicate");
    }
  }
}

// Sub-resource ids: 1..63 of [a-z0-9-], starting with a letter or digit ("2025-04").
bool IsValidSubId(const std::string& id) {
  if (id.empty() || id.size() > 63 || id.front() == '-' || id.back() == '-') return false;
  for (char c : id) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-') return false;
  }
  return true;
}

void CheckDateRange(Violations& v, const std::string& prefix, const OptionalDay& start,
                    const OptionalDay& end, const char* start_name, const char* end_name,
                    bool required) {
  if (required && !start.set) v.Add(absl::StrCat(prefix, ".", start_name), "is required");
  if (required && !end.set) v.Add(absl::StrCat(prefix, ".", end_name), "is required");
  if (start.set != end.set && !required) {
    v.Add(absl::StrCat(prefix, ".", end_name),
          absl::StrCat("set both ", start_name, " and ", end_name, ", or neither"));
  }
  if (start.set && end.set && end.day < start.day) {
    v.Add(absl::StrCat(prefix, ".", end_name), absl::StrCat("must not be before ", start_name));
  }
}

bool DurationIn(absl::Duration d, absl::Duration lo, absl::Duration hi) {
  return d >= lo && d <= hi;
}

void CheckRoute(Violations& v, const std::string& f, AccreditationRoute& r) {
  if (!IsValidResourceId(r.route_id)) {
    v.Add(f + ".route_id", "must be 1..63 of [a-z0-9-], starting with a letter or digit");
  }
  if (static_cast<int>(r.kind) < 1 || static_cast<int>(r.kind) > 4) {
    v.Add(f + ".kind", "is required");
  }
  if (r.granted_rights.empty()) v.Add(f + ".granted_rights", "at least one right");
  std::set<vocabulary::ParticipationRight> rights;
  for (size_t i = 0; i < r.granted_rights.size(); ++i) {
    int value = static_cast<int>(r.granted_rights[i]);
    if (value < 1 || value > vocabulary::kMaxParticipationRight) {
      v.Add(At(f + ".granted_rights", i), "unknown right");
    } else if (!rights.insert(r.granted_rights[i]).second) {
      v.Add(At(f + ".granted_rights", i), "duplicate");
    }
  }
  for (size_t i = 0; i < r.eligible_groups.size(); ++i) {
    int value = static_cast<int>(r.eligible_groups[i]);
    if (value < 1 || value > vocabulary::kMaxStakeholderGroup) {
      v.Add(At(f + ".eligible_groups", i), "unknown stakeholder group");
    }
  }
  switch (r.kind) {
    case RouteKind::kInheritedStatus:
      if (r.qualifying_ecosoc_statuses.empty() && r.qualifying_processes.empty()) {
        v.Add(f + ".qualifying_ecosoc_statuses",
              "an inherited-status route needs qualifying statuses or processes");
      }
      for (size_t i = 0; i < r.qualifying_ecosoc_statuses.size(); ++i) {
        auto s = r.qualifying_ecosoc_statuses[i];
        if (s != vocabulary::EcosocStatus::kGeneral && s != vocabulary::EcosocStatus::kSpecial &&
            s != vocabulary::EcosocStatus::kRoster) {
          v.Add(At(f + ".qualifying_ecosoc_statuses", i), "must be GENERAL, SPECIAL or ROSTER");
        }
      }
      for (size_t i = 0; i < r.qualifying_processes.size(); ++i) {
        if (!IsReadableResourceId(r.qualifying_processes[i])) {
          v.Add(At(f + ".qualifying_processes", i), "must be processes/{process_id}");
        }
      }
      break;
    case RouteKind::kNonObjection: {
      const auto& rule = r.objection_rule;
      if (rule.kind == ObjectionRuleKind::kUnspecified || static_cast<int>(rule.kind) > 3) {
        v.Add(f + ".objection_rule.kind", "is required for a non-objection route");
      }
      if (rule.kind == ObjectionRuleKind::kAtLeastNStates &&
          (rule.min_objecting_states < 1 || rule.min_objecting_states > 195)) {
        v.Add(f + ".objection_rule.min_objecting_states", "must be 1..195");
      }
      if (rule.kind == ObjectionRuleKind::kFractionOfStatesPresent &&
          !(rule.fraction_of_states_present > 0 && rule.fraction_of_states_present <= 1)) {
        v.Add(f + ".objection_rule.fraction_of_states_present", "must be in (0, 1]");
      }
      if (!DurationIn(r.notice_period, absl::Minutes(1), absl::Hours(24 * 365))) {
        v.Add(f + ".notice_period", "must be 1 minute..365 days");
      }
      break;
    }
    case RouteKind::kCommitteeReview: {
      if (r.committee_states.empty() || r.committee_states.size() > 60) {
        v.Add(f + ".committee_states", "needs 1..60 member states");
      }
      std::set<std::string> seen;
      for (size_t i = 0; i < r.committee_states.size(); ++i) {
        r.committee_states[i] = absl::AsciiStrToUpper(r.committee_states[i]);
        if (vocabulary::FindUnState(r.committee_states[i]) == nullptr) {
          v.Add(At(f + ".committee_states", i), "not a UN member or observer state");
        } else if (!seen.insert(r.committee_states[i]).second) {
          v.Add(At(f + ".committee_states", i), "duplicate");
        }
      }
      if (!DurationIn(r.reminder_interval, absl::Minutes(1), absl::Hours(24 * 365))) {
        v.Add(f + ".reminder_interval", "must be 1 minute..365 days");
      }
      if (r.max_unanswered_reminders == 0)
        r.max_unanswered_reminders = kDefaultMaxUnansweredReminders;
      if (r.max_unanswered_reminders < 1 || r.max_unanswered_reminders > 10) {
        v.Add(f + ".max_unanswered_reminders", "must be 1..10");
      }
      break;
    }
    default:
      break;
  }
  if (r.validity < absl::ZeroDuration()) v.Add(f + ".validity", "must not be negative");
}

}  // namespace

absl::Status ValidateProcess(Process& p, const std::string& prefix) {
  Violations v;
  const std::string f = prefix.empty() ? "" : prefix + ".";
  CheckText(v, f + "display_name", p.display_name, 200, true);
  CheckText(v, f + "host_institution", p.host_institution, 200, true);
  CheckText(v, f + "description", p.description, 2000, false, true);
  CheckThemes(v, f + "themes", p.themes, 0, 20);

  if (!p.has_modalities) {
    v.Add(f + "modalities", "is required");
  } else {
    auto& m = p.modalities;
    if (m.routes.empty() || m.routes.size() > kMaxRoutes) {
      v.Add(f + "modalities.routes", absl::StrCat("needs 1..", kMaxRoutes, " routes"));
    }
    std::set<std::string> ids;
    for (size_t i = 0; i < m.routes.size(); ++i) {
      const std::string rf = At(f + "modalities.routes", i);
      CheckRoute(v, rf, m.routes[i]);
      if (!ids.insert(m.routes[i].route_id).second) v.Add(rf + ".route_id", "duplicate");
    }
    if (static_cast<int>(m.disclosure_policy) < 1 || static_cast<int>(m.disclosure_policy) > 3) {
      v.Add(f + "modalities.disclosure_policy", "is required");
    }
    if (m.delegation_size_cap < 0 || m.delegation_size_cap > 1000) {
      v.Add(f + "modalities.delegation_size_cap", "must be 0..1000");
    }
  }

  if (p.sessions.size() > kMaxSessions) {
    v.Add(f + "sessions", absl::StrCat("at most ", kMaxSessions, " sessions"));
  }
  std::set<std::string> session_ids;
  for (size_t i = 0; i < p.sessions.size(); ++i) {
    const std::string sf = At(f + "sessions", i);
    Session& s = p.sessions[i];
    if (!IsValidSubId(s.session_id)) {
      v.Add(sf + ".session_id", "must be 1..63 of [a-z0-9-]");
    } else if (!session_ids.insert(s.session_id).second) {
      v.Add(sf + ".session_id", "duplicate");
    }
    CheckText(v, sf + ".display_name", s.display_name, 200, true);
    CheckText(v, sf + ".place", s.place, 200, false);
    CheckDateRange(v, sf, s.start_date, s.end_date, "start_date", "end_date", true);
    CheckDateRange(v, sf, s.written_input_opens, s.written_input_closes, "written_input_opens",
                   "written_input_closes", false);
    if (s.states_present < 0 || s.states_present > 195) {
      v.Add(sf + ".states_present", "must be 0..195");
    }
  }

  if (p.thematic_groups.size() > kMaxThematicGroups) {
    v.Add(f + "thematic_groups", absl::StrCat("at most ", kMaxThematicGroups, " groups"));
  }
  std::set<std::string> group_ids;
  for (size_t i = 0; i < p.thematic_groups.size(); ++i) {
    const std::string gf = At(f + "thematic_groups", i);
    ThematicGroup& g = p.thematic_groups[i];
    if (!IsValidResourceId(g.group_id)) {
      v.Add(gf + ".group_id", "must be 1..63 of [a-z0-9-], starting with a letter or digit");
    } else if (!group_ids.insert(g.group_id).second) {
      v.Add(gf + ".group_id", "duplicate");
    }
    CheckText(v, gf + ".display_name", g.display_name, 200, true);
    CheckThemes(v, gf + ".themes", g.themes, 0, 20);
    if (g.agenda.size() > kMaxAgendaItems) {
      v.Add(gf + ".agenda", absl::StrCat("at most ", kMaxAgendaItems, " items"));
    }
    for (size_t k = 0; k < g.agenda.size(); ++k) {
      const std::string af = At(gf + ".agenda", k);
      CheckText(v, af + ".title", g.agenda[k].title, 300, true);
      CheckThemes(v, af + ".themes", g.agenda[k].themes, 1, 20);
      CheckDateRange(v, af, g.agenda[k].start_date, g.agenda[k].end_date, "start_date", "end_date",
                     true);
    }
  }
  return v.ToStatus("INVALID_PROCESS");
}

const std::vector<std::string>& UpdatableProcessFields() {
  static const auto* const fields =
      new std::vector<std::string>{"display_name", "host_institution", "description",    "themes",
                                   "modalities",   "sessions",         "thematic_groups"};
  return *fields;
}

absl::StatusOr<Process> ApplyProcessMask(const Process& current, const Process& patch,
                                         const std::vector<std::string>& mask) {
  std::vector<std::string> paths = mask;
  if (paths.empty() || (paths.size() == 1 && paths[0] == "*")) paths = UpdatableProcessFields();
  Process out = current;
  for (const std::string& p : paths) {
    if (p == "display_name") {
      out.display_name = patch.display_name;
    } else if (p == "host_institution") {
      out.host_institution = patch.host_institution;
    } else if (p == "description") {
      out.description = patch.description;
    } else if (p == "themes") {
      out.themes = patch.themes;
    } else if (p == "modalities") {
      out.modalities = patch.modalities;
      out.has_modalities = patch.has_modalities;
    } else if (p == "sessions") {
      out.sessions = patch.sessions;
    } else if (p == "thematic_groups") {
      out.thematic_groups = patch.thematic_groups;
    } else if (p == "name" || p == "create_time" || p == "update_time" || p == "etag") {
      return InvalidArgument("IMMUTABLE_FIELD", "update_mask",
                             absl::StrCat("'", p, "' cannot be changed"));
    } else {
      return InvalidArgument("UNKNOWN_FIELD", "update_mask",
                             absl::StrCat("'", p, "' is not a process field"));
    }
  }
  return out;
}

absl::Status CheckCanEditProcess(const Principal& principal, const std::string& process_id) {
  if (principal.kind == Principal::Kind::kOperator) return absl::OkStatus();
  if (principal.kind == Principal::Kind::kSecretariat && principal.id == process_id) {
    return absl::OkStatus();
  }
  return PermissionDenied("NOT_PROCESS_SECRETARIAT",
                          absl::StrCat(principal.ToString(), " may not change processes/",
                                       process_id, ": only its secretariat or an operator may"));
}

void RecordCommitteeTerms(const Process* current, Process& updated, absl::Time now) {
  for (AccreditationRoute& r : updated.modalities.routes) {
    r.committee_history.clear();
    if (r.kind != RouteKind::kCommitteeReview) continue;
    const AccreditationRoute* before = nullptr;
    if (current != nullptr) {
      for (const AccreditationRoute& c : current->modalities.routes) {
        if (c.route_id == r.route_id && c.kind == RouteKind::kCommitteeReview) before = &c;
      }
    }
    if (before != nullptr) r.committee_history = before->committee_history;
    const std::set<std::string> members(r.committee_states.begin(), r.committee_states.end());
    const bool same = before != nullptr && !before->committee_history.empty() &&
                      members == std::set<std::string>(before->committee_states.begin(),
                                                       before->committee_states.end());
    if (same) continue;
    r.committee_history.push_back({r.committee_states, now});
    if (r.committee_history.size() > static_cast<size_t>(kMaxCommitteeTerms)) {
      r.committee_history.erase(r.committee_history.begin());
    }
  }
}

std::string ProcessEtag(const Process& p) { return absl::StrCat("v", p.version); }

std::vector<std::string> ProcessIndexLabels(const Process& p) {
  std::vector<std::string> labels = {"all"};
  std::set<std::string_view> themes;
  for (const auto& t : p.themes) {
    for (std::string_view a : vocabulary::ThemeAndAncestors(t)) themes.insert(a);
  }
  for (std::string_view t : themes) labels.push_back(absl::StrCat("theme:", std::string(t)));
  return labels;
}

}  // namespace polylateral::registry
