#include "services/routing/api/stored_own_facts.h"

#include <utility>

#include "services/routing/api/routing_mapping.h"

namespace polylateral::routing {

absl::StatusOr<OwnFactsSnapshot> StoredOwnFacts::Read(const std::string& state) {
  auto read = store_->ReadOwnFacts(state);
  if (!read.ok()) return read.status();
  OwnFactsSnapshot out;
  out.version = std::move(read->version);
  for (const auto& r : read->relays) {
    v1::RelayDeclaration rd;
    if (auto st = FromJson(r, &rd); !st.ok()) return st;
    auto d = RelayFromProto(rd);
    if (d.ok()) out.relays.push_back(std::move(*d));
  }
  for (const auto& r : read->consultations) {
    v1::Consultation c;
    if (auto st = FromJson(r, &c); !st.ok()) return st;
    auto d = ConsultationFromProto(c);
    if (d.ok()) out.consultations.push_back(std::move(*d));
  }
  return out;
}

absl::StatusOr<StoredConsultation> StoredOwnFacts::GetConsultation(const std::string& id) {
  auto c = store_->GetConsultation(id);
  if (!c.ok()) return c.status();
  v1::Consultation proto;
  if (auto st = FromJson(c->second, &proto); !st.ok()) return st;
  auto d = ConsultationFromProto(proto);
  if (!d.ok()) return d.status();
  return StoredConsultation{std::move(c->first), std::move(*d)};
}

}  // namespace polylateral::routing
