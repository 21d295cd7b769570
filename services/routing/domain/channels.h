#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_CHANNELS_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_CHANNELS_H_

// When an institution's channel is open and which themes it owns. Registry dates are
// calendar days without a time zone; they are read as UTC days, both ends inclusive.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/routing/domain/input.h"
#include "services/routing/domain/registry_view.h"

namespace polylateral::routing {

// The UTC calendar day of `t`.
absl::CivilDay UtcDay(absl::Time t);

// Whether `input_theme` is `owner_theme` or one of its sub-themes (an input on critical
// infrastructure protection matches an agenda item on cybersecurity, not the reverse).
bool ThemeMatches(std::string_view input_theme, std::string_view owner_theme);
// The first input theme matching any owner theme, or nullopt.
std::optional<std::string> FirstMatchingTheme(const std::vector<std::string>& input_themes,
                                              const std::vector<std::string>& owner_themes);

// Whether [start, end] contains `day`; an unset start never does, an unset end is open-ended.
bool DayWithin(const OptionalDay& start, const OptionalDay& end, absl::CivilDay day);

// The agenda item current on `now`'s day (the first listed when items overlap), or nullptr.
const AgendaItem* CurrentAgendaItem(const ThematicGroup& g, absl::Time now);

// Whether the process or any of its thematic groups or agenda items owns one of the themes.
bool ProcessOwnsThemes(const ProcessInfo& p, const std::vector<std::string>& themes);

// Whether `session` takes an input of `kind` on `now`'s day: statement requests while the
// session sits (start..end), written kinds within its written-input window. Sets `why` to a
// sentence naming the session and the dates either way.
bool SessionTakes(const Session& session, InputKind kind, absl::Time now, std::string* why);

std::string FormatDay(const OptionalDay& d);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_CHANNELS_H_
