#include "services/routing/domain/routing_policy.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/base/errors.h"
#include "services/routing/domain/channels.h"
#include "services/routing/domain/horizontal_routes.h"

namespace polylateral::routing {
namespace {

std::string FormatUtc(absl::Time t) {
  return t == absl::InfiniteFuture()
             ? std::string("further notice")
             : absl::FormatTime("%Y-%m-%d %H:%M UTC", t, absl::UTCTimeZone());
}

bool IsCandidate(const std::vector<const ProcessInfo*>& candidates, const std::string& id) {
  return std::any_of(candidates.begin(), candidates.end(),
                     [&](const ProcessInfo* p) { return p->id == id; });
}

// A consultation covers the input when its process (if named) is a candidate and its
// themes (if listed) match; a consultation naming neither is a general one.
bool ConsultationCovers(const Consultation& c, const RoutingInput& in,
                        const std::vector<const ProcessInfo*>& candidates) {
  if (!c.process_id.empty() && !IsCandidate(candidates, c.process_id)) return false;
  return c.themes.empty() || FirstMatchingTheme(in.themes, c.themes).has_value();
}

Route VerticalRoute(const std::string& state, std::string process_id, std::string reason) {
  Route r;
  r.kind = RouteKind::kVertical;
  r.destination = StateInboxDestination(state);
  r.via = state;
  r.process_id = std::move(process_id);
  r.reason = std::move(reason);
  return r;
}

void AddVerticalRoutes(const RoutingInput& in, const RoutingFacts& facts,
                       const std::vector<const ProcessInfo*>& candidates, absl::Time now,
                       RoutingDecision& d) {
  std::vector<const Consultation*> own;
  for (const Consultation& c : facts.consultations) {
    if (!facts.author_country.empty() && c.state == facts.author_country && c.opens <= now &&
        now < c.closes && ConsultationCovers(c, in, candidates)) {
      own.push_back(&c);
    }
  }
  std::sort(own.begin(), own.end(), [](const Consultation* a, const Consultation* b) {
    return a->consultation_id < b->consultation_id;
  });
  for (const Consultation* c : own) {
    Route r =
        VerticalRoute(c->state, c->process_id,
                      absl::StrCat("the author's own government (", c->state,
                                   ") runs consultation ", c->consultation_id,
                                   c->process_id.empty() ? "" : absl::StrCat(" on ", c->process_id),
                                   ", open until ", FormatUtc(c->closes)));
    r.consultation_id = c->consultation_id;
    d.routes.push_back(std::move(r));
  }
  for (const RelayDeclaration& rel : facts.relays) {
    if (rel.since > now || now >= rel.until) continue;
    if (!rel.process_id.empty() && !IsCandidate(candidates, rel.process_id)) continue;
    auto theme = FirstMatchingTheme(in.themes, rel.themes);
    if (!theme) continue;
    d.routes.push_back(VerticalRoute(
        rel.state, rel.process_id,
        absl::StrCat(rel.state, " declared that it relays stakeholder input on ", *theme,
                     rel.process_id.empty() ? "" : absl::StrCat(" into ", rel.process_id))));
  }
}

void AddNetworkRoutes(const RoutingInput& in, const RoutingFacts& facts,
                      const std::vector<const ProcessInfo*>& candidates, RoutingDecision& d) {
  const vocabulary::ParticipationRight right = NeededRight(in.kind);
  for (const NetworkFacts& n : facts.networks) {
    for (const ProcessInfo* p : candidates) {
      if (!FindAccess(facts, n.network_id, p->id, right).allowed) continue;
      Route r;
      r.kind = RouteKind::kNetwork;
      r.destination = NetworkDestination(n.network_id);
      r.via = n.network_id;
      r.process_id = p->id;
      r.reason = absl::StrCat(in.author_id, " belongs to network ", n.network_id,
                              ", which is accredited in ", p->id, " with the needed right");
      d.routes.push_back(std::move(r));
      break;  // one route per network: the network carries it wherever it is accredited
    }
  }
}

Route ClearingHouseRoute(std::string reason) {
  Route r;
  r.kind = RouteKind::kClearingHouse;
  r.destination = kClearingHouseDestination;
  r.reason = std::move(reason);
  return r;
}

// The clearing house holds whatever nobody else takes, so that an accepted input is always
// somewhere a person reads: the exclusions say why each channel refused it.
void HoldUntaken(RoutingDecision& d) {
  if (!d.routes.empty()) return;
  std::vector<std::string> codes;
  for (const Exclusion& e : d.exclusions) {
    if (std::find(codes.begin(), codes.end(), e.code) == codes.end()) codes.push_back(e.code);
  }
  std::sort(codes.begin(), codes.end());
  d.routes.push_back(ClearingHouseRoute(
      absl::StrCat("no channel, consultation, relay or network takes the input now",
                   codes.empty() ? "" : absl::StrCat(" (", absl::StrJoin(codes, ", "), ")"),
                   "; the clearing house holds it")));
}

absl::StatusOr<RoutingDecision> DecideConsultationResponse(const RoutingInput& in,
                                                           const RoutingFacts& facts,
                                                           absl::Time now) {
  auto it =
      std::find_if(facts.consultations.begin(), facts.consultations.end(),
                   [&](const Consultation& c) { return c.consultation_id == in.consultation_id; });
  if (it == facts.consultations.end()) {
    return NotFound("CONSULTATION_NOT_FOUND", absl::StrCat("consultations/", in.consultation_id));
  }
  RoutingDecision d;
  if (it->opens <= now && now < it->closes) {
    Route r = VerticalRoute(it->state, it->process_id,
                            absl::StrCat("answers consultation ", it->consultation_id, " of ",
                                         it->state, ", open until ", FormatUtc(it->closes)));
    r.consultation_id = it->consultation_id;
    d.routes.push_back(std::move(r));
  } else {
    d.exclusions.push_back({StateInboxDestination(it->state), it->process_id, "CONSULTATION_CLOSED",
                            absl::StrCat("consultation ", it->consultation_id, " is open ",
                                         FormatUtc(it->opens), " to ", FormatUtc(it->closes))});
  }
  return d;
}

// Kind, then destination; the first route to a destination wins (own consultation before a
// relay by the same state).
void Normalise(RoutingDecision& d) {
  std::stable_sort(d.routes.begin(), d.routes.end(), [](const Route& a, const Route& b) {
    return std::tie(a.kind, a.destination) < std::tie(b.kind, b.destination);
  });
  d.routes.erase(std::unique(d.routes.begin(), d.routes.end(),
                             [](const Route& a, const Route& b) { return a.SameRoute(b); }),
                 d.routes.end());
  std::stable_sort(d.exclusions.begin(), d.exclusions.end(),
                   [](const Exclusion& a, const Exclusion& b) {
                     return std::tie(a.destination, a.code) < std::tie(b.destination, b.code);
                   });
}

}  // namespace

RoutingInput ForRouting(const Input& input) {
  RoutingInput r;
  r.input_id = input.id;
  r.kind = input.kind;
  r.author_id = input.joint.has_value() ? input.joint->lead_id : input.author_id;
  r.themes = input.themes;
  r.target = input.target;
  r.consultation_id = input.consultation_id;
  return r;
}

absl::StatusOr<RoutingDecision> DecideRoutes(const RoutingInput& in, const RoutingFacts& facts,
                                             absl::Time now) {
  if (in.kind == InputKind::kConsultationResponse) {
    auto d = DecideConsultationResponse(in, facts, now);
    if (d.ok()) {
      HoldUntaken(*d);
      Normalise(*d);
    }
    return d;
  }
  std::vector<const ProcessInfo*> candidates;
  if (in.target.kind == TargetKind::kWhereverItBelongs) {
    for (const ProcessInfo& p : facts.processes) {
      if (ProcessOwnsThemes(p, in.themes)) candidates.push_back(&p);
    }
  } else {
    for (const ProcessInfo& p : facts.processes) {
      if (p.id == in.target.process_id) candidates.push_back(&p);
    }
    if (candidates.empty()) {
      return NotFound("PROCESS_NOT_FOUND", absl::StrCat("processes/", in.target.process_id));
    }
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const ProcessInfo* a, const ProcessInfo* b) { return a->id < b->id; });
  candidates.erase(std::unique(candidates.begin(), candidates.end(),
                               [](auto* a, auto* b) { return a->id == b->id; }),
                   candidates.end());

  RoutingDecision d;
  for (const ProcessInfo* p : candidates) {
    if (absl::Status s = AddHorizontalRoutes(in, *p, facts, now, d); !s.ok()) return s;
  }
  if (d.routes.empty()) {
    AddVerticalRoutes(in, facts, candidates, now, d);
    AddNetworkRoutes(in, facts, candidates, d);
  }
  if (candidates.empty()) {
    d.routes.push_back(ClearingHouseRoute(absl::StrCat(
        "no process or thematic group owns the themes ", absl::StrJoin(in.themes, ", "),
        "; the clearing house connects the issue with networks")));
  }
  HoldUntaken(d);
  Normalise(d);
  return d;
}

}  // namespace polylateral::routing
