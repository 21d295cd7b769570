#include "services/routing/api/proto_input_codec.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/routing/api/routing_mapping.h"

namespace polylateral::routing {
namespace {

// Every record the use cases hold came from this codec (Decode, Stamped) or from the API's
// own parsing, all ProtoInputRecords.
v1::Input& Mutable(InputRecord& record) { return static_cast<ProtoInputRecord&>(record).proto(); }

}  // namespace

const v1::Input& ProtoOf(const InputRecord& record) {
  return static_cast<const ProtoInputRecord&>(record).proto();
}

v1::Input ForReadersOf(const InputRecord& record) {
  v1::Input out = ProtoOf(record);
  ForReaders(&out);
  return out;
}

absl::StatusOr<std::unique_ptr<InputRecord>> ProtoInputCodec::Decode(
    const std::string& stored) const {
  v1::Input in;
  if (auto st = FromJson(stored, &in); !st.ok()) return st;
  return std::make_unique<ProtoInputRecord>(std::move(in));
}

std::string ProtoInputCodec::Encode(const InputRecord& record) const {
  return EncodeRecord(ProtoOf(record));
}

std::string ProtoInputCodec::EncodeRoute(const Route& route) const {
  v1::Route p;
  RouteToProto(route, &p);
  return EncodeRecord(p);
}

absl::StatusOr<Input> ProtoInputCodec::Read(const InputRecord& record) const {
  return InputFromProto(ProtoOf(record));
}

std::string ProtoInputCodec::Name(const InputRecord& record) const {
  return ProtoOf(record).name();
}

InputKind ProtoInputCodec::Kind(const InputRecord& record) const {
  return static_cast<InputKind>(ProtoOf(record).kind());
}

JointStatement ProtoInputCodec::Joint(const InputRecord& record) const {
  const v1::Input& in = ProtoOf(record);
  return JointFromProto(in.author().substr(in.author().find('/') + 1), in.joint_statement());
}

std::vector<Route> ProtoInputCodec::Routes(const InputRecord& record) const {
  std::vector<Route> out;
  for (const auto& r : ProtoOf(record).routes()) out.push_back(RouteFromProto(r));
  return out;
}

std::vector<Exclusion> ProtoInputCodec::Exclusions(const InputRecord& record) const {
  std::vector<Exclusion> out;
  for (const auto& e : ProtoOf(record).exclusions()) out.push_back(ExclusionFromProto(e));
  return out;
}

std::unique_ptr<InputRecord> ProtoInputCodec::Stamped(const InputRecord& submitted,
                                                      const SubmissionStamp& stamp) const {
  v1::Input record = ProtoOf(submitted);
  record.set_name(absl::StrCat("inputs/", stamp.id));
  TimeToProto(stamp.create_time, record.mutable_create_time());
  record.set_author_group(static_cast<type::v1::StakeholderGroup>(stamp.author_group));
  record.set_author_region(static_cast<type::v1::Region>(stamp.author_region));
  record.clear_route_changes();
  if (stamp.joint.has_value()) {
    JointToProto(*stamp.joint, record.mutable_joint_statement());
  } else {
    record.clear_joint_statement();
  }
  DecisionToProto(stamp.decision, &record);
  return std::make_unique<ProtoInputRecord>(std::move(record));
}

void ProtoInputCodec::SetJoint(InputRecord& record, const JointStatement& joint) const {
  JointToProto(joint, Mutable(record).mutable_joint_statement());
}

void ProtoInputCodec::Rerouted(InputRecord& record, const RouteChange& change,
                               absl::Time now) const {
  v1::Input& in = Mutable(record);
  DecisionToProto(change.decision, &in);
  auto* rc = in.add_route_changes();
  TimeToProto(now, rc->mutable_change_time());
  rc->set_cause(change.cause);
  for (const auto& r : change.withdrawn) RouteToProto(r, rc->add_withdrawn());
  for (const auto& r : change.added) RouteToProto(r, rc->add_added());
}

}  // namespace polylateral::routing
