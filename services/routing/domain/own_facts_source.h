#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_OWN_FACTS_SOURCE_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_OWN_FACTS_SOURCE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/routing/domain/routing_facts.h"

namespace polylateral::routing {

// The routing service's own facts as one consistent read: their version (which a submission
// is checked against), one state's consultations and every relay declaration.
struct OwnFactsSnapshot {
  std::string version;
  std::vector<Consultation> consultations;
  std::vector<RelayDeclaration> relays;
};

// One stored consultation and the state that runs it.
struct StoredConsultation {
  std::string state;  // ISO alpha-2
  Consultation consultation;
};

// Where the use cases read the consultations and relay declarations the service keeps. The
// Redis implementation (api/stored_own_facts) decodes the stored records; domain tests use
// tables. A record that does not decode is INTERNAL.
class OwnFactsSource {
 public:
  virtual ~OwnFactsSource() = default;
  // `state` may be empty: no consultations are read.
  virtual absl::StatusOr<OwnFactsSnapshot> Read(const std::string& state) = 0;
  // NOT_FOUND CONSULTATION_NOT_FOUND.
  virtual absl::StatusOr<StoredConsultation> GetConsultation(const std::string& id) = 0;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_OWN_FACTS_SOURCE_H_
