#include "services/routing/domain/channels.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/vocabulary/themes.h"

namespace polylateral::routing {

absl::CivilDay UtcDay(absl::Time t) { return absl::ToCivilDay(t, absl::UTCTimeZone()); }

bool ThemeMatches(std::string_view input_theme, std::string_view owner_theme) {
  if (input_theme == owner_theme) return true;
  // Walks up the parents without allocating: this runs for every (theme, agenda item) pair
  // of every decision. The depth bound guards against a cycle added by mistake.
  const vocabulary::ThemeNode* t = vocabulary::FindTheme(input_theme);
  for (int depth = 0; t != nullptr && !t->parent.empty() && depth < 16; ++depth) {
    if (t->parent == owner_theme) return true;
    t = vocabulary::FindTheme(t->parent);
  }
  return false;
}

std::optional<std::string> FirstMatchingTheme(const std::vector<std::string>& input_themes,
                                              const std::vector<std::string>& owner_themes) {
  for (const std::string& t : input_themes) {
    for (const std::string& o : owner_themes) {
      if (ThemeMatches(t, o)) return t;
    }
  }
  return std::nullopt;
}

bool DayWithin(const OptionalDay& start, const OptionalDay& end, absl::CivilDay day) {
  if (!start.set || day < start.day) return false;
  return !end.set || day <= end.day;
}

const AgendaItem* CurrentAgendaItem(const ThematicGroup& g, absl::Time now) {
  const absl::CivilDay today = UtcDay(now);
  for (const AgendaItem& item : g.agenda) {
    if (DayWithin(item.start_date, item.end_date, today)) return &item;
  }
  return nullptr;
}

bool ProcessOwnsThemes(const ProcessInfo& p, const std::vector<std::string>& themes) {
  if (FirstMatchingTheme(themes, p.themes)) return true;
  for (const ThematicGroup& g : p.thematic_groups) {
    if (FirstMatchingTheme(themes, g.themes)) return true;
    for (const AgendaItem& item : g.agenda) {
      if (FirstMatchingTheme(themes, item.themes)) return true;
    }
  }
  return false;
}

std::string FormatDay(const OptionalDay& d) {
  return d.set ? absl::FormatCivilTime(d.day) : std::string("open-ended");
}

bool SessionTakes(const Session& s, InputKind kind, absl::Time now, std::string* why) {
  const absl::CivilDay today = UtcDay(now);
  if (kind == InputKind::kStatementRequest) {
    const bool open = DayWithin(s.start_date, s.end_date, today);
    *why = absl::StrCat("session ", s.session_id, " sits ", FormatDay(s.start_date), " to ",
                        FormatDay(s.end_date));
    return open;
  }
  const bool open = DayWithin(s.written_input_opens, s.written_input_closes, today);
  *why = s.written_input_opens.set
             ? absl::StrCat("the written-input window of session ", s.session_id, " runs ",
                            FormatDay(s.written_input_opens), " to ",
                            FormatDay(s.written_input_closes))
             : absl::StrCat("session ", s.session_id, " has no written-input window");
  return open;
}

}  // namespace polylateral::routing
