#include "services/routing/domain/facts_gatherer.h"

#include "services/routing/domain/channels.h"

namespace polylateral::routing {

absl::StatusOr<GatheredFacts> FactsGatherer::Gather(const RoutingInput& input, absl::Time now,
                                                    absl::Time deadline, Freshness freshness) {
  GatheredFacts out;
  auto author = registry_->Stakeholder(input.author_id, deadline);
  if (!author.ok()) return author.status();
  out.author = std::move(*author);
  out.facts.author_country = out.author.country;

  if (input.target.kind == TargetKind::kWhereverItBelongs) {
    auto all = registry_->AllProcesses(deadline);
    if (!all.ok()) return all.status();
    // Only processes that own a theme of the input can be candidates; asking accreditation
    // about the others would cost calls and change nothing.
    for (auto& p : *all) {
      if (ProcessOwnsThemes(p, input.themes)) out.facts.processes.push_back(std::move(p));
    }
  } else if (!input.target.process_id.empty()) {
    auto p = registry_->Process(input.target.process_id, deadline);
    if (!p.ok()) return p.status();
    out.facts.processes.push_back(std::move(*p));
  }

  auto networks = registry_->NetworksOf(input.author_id, deadline);
  if (!networks.ok()) return networks.status();
  out.facts.networks = std::move(*networks);

  const vocabulary::ParticipationRight right = NeededRight(input.kind);
  for (const auto& p : out.facts.processes) {
    const bool cached = freshness == Freshness::kCached;
    auto a = access_->Check(input.author_id, p.id, right, now, deadline, cached);
    if (!a.ok()) return a.status();
    out.facts.access.push_back(std::move(*a));
    for (const auto& n : out.facts.networks) {
      auto na = access_->Check(n.network_id, p.id, right, now, deadline, cached);
      if (!na.ok()) return na.status();
      out.facts.access.push_back(std::move(*na));
    }
  }
  if (auto st = AddConsultations(input, freshness, out); !st.ok()) return st;
  return out;
}

absl::Status FactsGatherer::AddConsultations(const RoutingInput& input, Freshness freshness,
                                             GatheredFacts& out) {
  if (auto st = AddOwnFacts(out.facts.author_country, freshness, out); !st.ok()) return st;
  if (!input.consultation_id.empty()) {
    // Read after the version was: at least as recent, so the version check still holds.
    auto c = own_facts_->GetConsultation(input.consultation_id);
    if (!c.ok()) return c.status();
    if (c->state != out.facts.author_country) {
      out.facts.consultations.push_back(std::move(c->consultation));
    }
  }
  return absl::OkStatus();
}

absl::Status FactsGatherer::AddOwnFacts(const std::string& state, Freshness freshness,
                                        GatheredFacts& out) {
  // Cached answers are refreshed after this long even if nothing changed (memory, not
  // correctness: the submission script checks the version).
  constexpr absl::Duration kRefresh = absl::Seconds(60);
  std::shared_ptr<const OwnFactsCache> own;
  if (freshness == Freshness::kCached) {
    absl::MutexLock lock(&mu_);
    own = own_;
  }
  if (own != nullptr && absl::Now() - own->fetched < kRefresh) {
    auto it = state.empty() ? own->by_state.end() : own->by_state.find(state);
    if (state.empty() || it != own->by_state.end()) {
      if (it != own->by_state.end()) out.facts.consultations = it->second;
      out.facts.relays = own->relays;
      out.facts_version = own->version;
      return absl::OkStatus();
    }
  }
  auto read = own_facts_->Read(state);
  if (!read.ok()) return read.status();
  auto next = std::make_shared<OwnFactsCache>();
  next->version = std::move(read->version);
  next->fetched = absl::Now();
  next->relays = std::move(read->relays);
  std::vector<Consultation> consultations = std::move(read->consultations);
  out.facts.consultations = consultations;
  out.facts.relays = next->relays;
  out.facts_version = next->version;
  {
    // Same version: the other states' consultations read earlier still hold.
    absl::MutexLock lock(&mu_);
    if (own_ != nullptr && own_->version == next->version) next->by_state = own_->by_state;
    if (!state.empty()) next->by_state[state] = std::move(consultations);
    own_ = std::move(next);
  }
  return absl::OkStatus();
}

}  // namespace polylateral::routing
