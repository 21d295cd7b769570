#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_BODY_RECORDS_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_BODY_RECORDS_H_

// The records the body store keeps (bodies/body_store.h) are the service's own messages as
// protobuf bytes: Body (as created), Nomination and BodyDraw.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "polylateral/composition/v1/nomination.pb.h"
#include "services/composition/bodies/body_store.h"

namespace polylateral::composition {

// The bytes kept for `m`: fields this build does not know would be stored verbatim (a caller
// could store megabytes past every size check), so they are dropped, at every depth.
std::string Record(const google::protobuf::Message& m);

// What the store writes and compares for nomination `id`.
NominationRecord ToNominationRecord(const std::string& id, const v1::Nomination& n);

// The body with its output-only fields (state, draw, nomination_count) filled in.
// DATA_LOSS when a record does not parse.
absl::StatusOr<v1::Body> BodyFromStored(const StoredBody& stored);
absl::StatusOr<v1::Nomination> NominationFromRecord(const std::string& record);

// A snapshot's records, parsed.
struct BodyMessages {
  v1::Body body;
  int64_t version = 0;
  std::vector<v1::Nomination> nominations;  // in nomination id order
};
absl::StatusOr<BodyMessages> FromSnapshot(const BodySnapshot& snapshot);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_BODY_RECORDS_H_
