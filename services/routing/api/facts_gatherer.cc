#include "services/routing/api/facts_gatherer.h"

#include "services/routing/api/routing_mapping.h"
#include "services/routing/domain/channels.h"

namespace polylateral::routing {

absl::StatusOr<GatheredFacts> FactsGatherer::Gather(const RoutingInput& input, absl::Time now,
                                                    absl::Time deadline) {
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
  for (const auto& n : *networks) out.facts.networks.push_back({n.id, n.display_name});

  const registry::Right right = NeededRight(input.kind);
  for (const auto& p : out.facts.processes) {
    auto a = accreditation_->Check(input.author_id, p.id, right, now, deadline);
    if (!a.ok()) return a.status();
    out.facts.access.push_back(std::move(*a));
    for (const auto& n : out.facts.networks) {
      auto na = accreditation_->Check(n.network_id, p.id, right, now, deadline);
      if (!na.ok()) return na.status();
      out.facts.access.push_back(std::move(*na));
    }
  }
  if (auto st = AddConsultations(input, out); !st.ok()) return st;
  return out;
}

absl::Status FactsGatherer::AddConsultations(const RoutingInput& input, GatheredFacts& out) {
  std::vector<std::string> records;
  if (!out.facts.author_country.empty()) {
    auto own = store_->StateConsultations(out.facts.author_country);
    if (!own.ok()) return own.status();
    records = std::move(*own);
  }
  if (!input.consultation_id.empty()) {
    auto c = store_->GetConsultation(input.consultation_id);
    if (!c.ok()) return c.status();
    if (c->first != out.facts.author_country) records.push_back(c->second);
  }
  for (const auto& r : records) {
    v1::Consultation c;
    if (auto st = FromJson(r, &c); !st.ok()) return st;
    auto d = ConsultationFromProto(c);
    if (d.ok()) out.facts.consultations.push_back(std::move(*d));
  }
  auto relays = store_->Relays();
  if (!relays.ok()) return relays.status();
  for (const auto& r : *relays) {
    v1::RelayDeclaration rd;
    if (auto st = FromJson(r, &rd); !st.ok()) return st;
    auto d = RelayFromProto(rd);
    if (d.ok()) out.facts.relays.push_back(std::move(*d));
  }
  return absl::OkStatus();
}

}  // namespace polylateral::routing
