#include "services/routing/domain/horizontal_routes.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/routing/domain/channels.h"

namespace polylateral::routing {
namespace {

absl::string_view RightWords(vocabulary::ParticipationRight r) {
  return r == vocabulary::ParticipationRight::kOralStatements ? "the oral-statements right"
                                                              : "the written-input right";
}

// A channel the input would reach if the author may use it.
struct Channel {
  std::string destination;
  std::string why;  // why it is open (or closed)
};

// The group's current item matching the input, as an open channel; else why not. The
// reason is written only when someone reads it (`explain`, or a match): most groups of a
// process do not match, and formatting dominated the decision's cost.
bool GroupTakes(const RoutingInput& in, const ProcessInfo& p, const ThematicGroup& g,
                absl::Time now, bool explain, Channel* c) {
  const AgendaItem* item = CurrentAgendaItem(g, now);
  std::optional<std::string> theme;
  if (item != nullptr) theme = FirstMatchingTheme(in.themes, item->themes);
  if (!theme && !explain) return false;
  c->destination = GroupDestination(p.id, g.group_id);
  if (item == nullptr) {
    c->why = absl::StrCat("thematic group ", g.group_id, " has no agenda item current on ",
                          absl::FormatCivilTime(UtcDay(now)));
    return false;
  }
  c->why = absl::StrCat("thematic group ", g.group_id, "'s current agenda item \"", item->title,
                        "\" (", FormatDay(item->start_date), " to ", FormatDay(item->end_date), ")",
                        theme ? absl::StrCat(" matches theme ", *theme) : " does not match");
  return theme.has_value();
}

const ThematicGroup* FindGroup(const ProcessInfo& p, const std::string& id) {
  for (const auto& g : p.thematic_groups) {
    if (g.group_id == id) return &g;
  }
  return nullptr;
}

const Session* FindSession(const ProcessInfo& p, const std::string& id) {
  for (const auto& s : p.sessions) {
    if (s.session_id == id) return &s;
  }
  return nullptr;
}

// The plenary while any session takes the kind; the first open session names the reason.
bool PlenaryTakes(const RoutingInput& in, const ProcessInfo& p, absl::Time now, Channel* c) {
  c->destination = PlenaryDestination(p.id);
  std::string last_why;
  for (const Session& s : p.sessions) {
    std::string why;
    if (SessionTakes(s, in.kind, now, &why)) {
      c->why = why;
      return true;
    }
    last_why = why;
  }
  c->why = p.sessions.empty()
               ? std::string("the process has no sessions")
               : absl::StrCat("no session takes it on ", absl::FormatCivilTime(UtcDay(now)),
                              " (last checked: ", last_why, ")");
  return false;
}

}  // namespace

absl::Status AddHorizontalRoutes(const RoutingInput& in, const ProcessInfo& p,
                                 const RoutingFacts& facts, absl::Time now,
                                 RoutingDecision& decision) {
  std::vector<Channel> open;
  std::vector<std::pair<Channel, std::string>> closed;  // channel, code
  switch (in.target.kind) {
    case TargetKind::kSession: {
      const Session* s = FindSession(p, in.target.session_id);
      if (s == nullptr) {
        return NotFound("SESSION_NOT_FOUND",
                        absl::StrCat("processes/", p.id, "/sessions/", in.target.session_id));
      }
      Channel c{SessionDestination(p.id, s->session_id), ""};
      if (SessionTakes(*s, in.kind, now, &c.why)) {
        open.push_back(c);
      } else {
        closed.emplace_back(c, "CHANNEL_CLOSED");
      }
      break;
    }
    case TargetKind::kThematicGroup: {
      const ThematicGroup* g = FindGroup(p, in.target.group_id);
      if (g == nullptr) {
        return NotFound("GROUP_NOT_FOUND",
                        absl::StrCat("processes/", p.id, "/groups/", in.target.group_id));
      }
      Channel c;
      if (GroupTakes(in, p, *g, now, /*explain=*/true, &c)) {
        open.push_back(c);
      } else {
        closed.emplace_back(c, "NO_MATCHING_AGENDA_ITEM");
      }
      break;
    }
    default: {
      // Groups whose current item matches are the most specific owners; the plenary takes
      // the input only when none does.
      for (const ThematicGroup& g : p.thematic_groups) {
        Channel c;
        if (GroupTakes(in, p, g, now, /*explain=*/false, &c)) open.push_back(c);
      }
      if (open.empty()) {
        Channel c;
        if (PlenaryTakes(in, p, now, &c)) {
          open.push_back(c);
        } else {
          closed.emplace_back(c, "CHANNEL_CLOSED");
        }
      }
    }
  }

  const vocabulary::ParticipationRight right = NeededRight(in.kind);
  const AccessAnswer access = FindAccess(facts, in.author_id, p.id, right);
  if (!access.allowed) {
    // Recorded whether or not a channel is open: a block is a fact about the author that
    // the input's record must show.
    std::vector<Channel> would_reach = open;
    for (const auto& [c, code] : closed) would_reach.push_back(c);
    const std::string code = access.denial_reason.empty() ? kNotAccredited : access.denial_reason;
    for (const Channel& c : would_reach) {
      decision.exclusions.push_back(
          {c.destination, p.id, code,
           absl::StrCat(in.author_id, " lacks ", RightWords(right), " in ", p.id, ": ", code,
                        access.detail.empty() ? "" : absl::StrCat(" (", access.detail, ")"))});
    }
  }
  for (const auto& [c, code] : closed) {
    decision.exclusions.push_back({c.destination, p.id, code, c.why});
  }
  if (!access.allowed) return absl::OkStatus();
  for (const Channel& c : open) {
    Route r;
    r.kind = RouteKind::kHorizontal;
    r.destination = c.destination;
    r.process_id = p.id;
    r.reason =
        absl::StrCat(in.author_id, " holds ", RightWords(right), " in ", p.id, " and ", c.why);
    decision.routes.push_back(std::move(r));
  }
  return absl::OkStatus();
}

}  // namespace polylateral::routing
