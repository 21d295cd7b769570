#ifndef POLYLATERAL_SERVICES_ROUTING_API_ROUTING_MAPPING_H_
#define POLYLATERAL_SERVICES_ROUTING_API_ROUTING_MAPPING_H_

// proto <-> domain for routing. The stored record of an input is its v1::Input in protobuf
// JSON (readable with redis-cli), holding every signatory; ForReaders trims it for callers.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "polylateral/routing/v1/routing.pb.h"
#include "services/routing/domain/input.h"
#include "services/routing/domain/route.h"
#include "services/routing/domain/routing_facts.h"

namespace polylateral::routing {

// "processes/p/sessions/s" with {"processes","sessions"} -> {"p","s"}; INVALID_ARGUMENT
// INVALID_NAME on `field` otherwise.
absl::StatusOr<std::vector<std::string>> ParseName(const std::string& name,
                                                   const std::vector<std::string>& collections,
                                                   const std::string& field);
// "themes/x" or "x" -> "x".
std::string BareTheme(const std::string& theme);

void TimeToProto(absl::Time t, google::protobuf::Timestamp* out);
absl::Time TimeFromProto(const google::protobuf::Timestamp& t);

// The caller's fields of an input (names parsed, violations under "input."). The joint
// statement is taken from `in` as stored (every signatory).
absl::StatusOr<Input> InputFromProto(const v1::Input& in);
void JointToProto(const JointStatement& js, v1::JointStatement* out);
JointStatement JointFromProto(const std::string& lead, const v1::JointStatement& in);

void RouteToProto(const Route& r, v1::Route* out);
Route RouteFromProto(const v1::Route& r);
void ExclusionToProto(const Exclusion& e, v1::Exclusion* out);
Exclusion ExclusionFromProto(const v1::Exclusion& e);
void DecisionToProto(const RoutingDecision& d, v1::Input* out);

// Unconfirmed signatories are never listed: drops them and counts pending invitations.
void ForReaders(v1::Input* in);

std::string ToJson(const google::protobuf::Message& m);
// Reads a stored record in either encoding: protobuf JSON, or EncodeRecord's binary form.
absl::Status FromJson(const std::string& json, google::protobuf::Message* m);
// The stored form of input records (the hot path's): binary protobuf. JSON conversion cost
// a third of SubmitInput's and PullInbox's CPU. Records written as JSON before still read.
// The binary form without unknown fields (they would be stored verbatim, past every size
// check).
std::string EncodeRecord(const google::protobuf::Message& m);

absl::StatusOr<Consultation> ConsultationFromProto(const v1::Consultation& c);
absl::StatusOr<RelayDeclaration> RelayFromProto(const v1::RelayDeclaration& r);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_ROUTING_MAPPING_H_
