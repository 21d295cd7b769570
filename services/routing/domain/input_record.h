#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_RECORD_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_RECORD_H_

// The record an input is kept as belongs to the contract (it is what GetInput answers,
// holding every field as the caller sent it), so the use cases never see its shape: they hold
// an InputRecord and read or change it only through the InputRecordCodec port, which the API
// implements with its protobuf mapping (api/proto_input_codec).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/vocabulary/groups.h"
#include "services/routing/domain/input.h"
#include "services/routing/domain/rerouting.h"
#include "services/routing/domain/route.h"
#include "services/routing/domain/routing_policy.h"

namespace polylateral::routing {

// One input's record, opaque to the domain.
class InputRecord {
 public:
  virtual ~InputRecord() = default;
};

// What the submission adds to the caller's record before it is stored.
struct SubmissionStamp {
  std::string id;
  absl::Time create_time = absl::InfinitePast();
  vocabulary::StakeholderGroup author_group = vocabulary::StakeholderGroup::kUnspecified;
  vocabulary::Region author_region = vocabulary::Region::kUnspecified;
  std::optional<JointStatement> joint;  // set exactly for a joint statement
  RoutingDecision decision;
};

class InputRecordCodec {
 public:
  virtual ~InputRecordCodec() = default;

  // A stored record (InputStore's string) read back; INTERNAL when it does not parse.
  virtual absl::StatusOr<std::unique_ptr<InputRecord>> Decode(const std::string& stored) const = 0;
  virtual std::string Encode(const InputRecord& record) const = 0;
  // A route as an inbox entry carries it (QueuedRoute::record).
  virtual std::string EncodeRoute(const Route& route) const = 0;

  // The record's input in the domain's form; INVALID_ARGUMENT INVALID_INPUT naming the field
  // for a malformed name.
  virtual absl::StatusOr<Input> Read(const InputRecord& record) const = 0;
  virtual std::string Name(const InputRecord& record) const = 0;  // "inputs/{id}"
  virtual InputKind Kind(const InputRecord& record) const = 0;
  // The joint statement as stored (every signatory), led by the record's author.
  virtual JointStatement Joint(const InputRecord& record) const = 0;
  // The routes the record was last given.
  virtual std::vector<Route> Routes(const InputRecord& record) const = 0;
  // Its current exclusions, ordered by destination, then code.
  virtual std::vector<Exclusion> Exclusions(const InputRecord& record) const = 0;

  // The record to store for a submission: `submitted` (the caller's) with `stamp` applied and
  // any route changes cleared.
  virtual std::unique_ptr<InputRecord> Stamped(const InputRecord& submitted,
                                               const SubmissionStamp& stamp) const = 0;
  virtual void SetJoint(InputRecord& record, const JointStatement& joint) const = 0;
  // The new decision applied and `change` appended to the record's route changes.
  virtual void Rerouted(InputRecord& record, const RouteChange& change, absl::Time now) const = 0;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_RECORD_H_
