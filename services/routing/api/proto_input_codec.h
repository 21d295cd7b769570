#ifndef POLYLATERAL_SERVICES_ROUTING_API_PROTO_INPUT_CODEC_H_
#define POLYLATERAL_SERVICES_ROUTING_API_PROTO_INPUT_CODEC_H_

#include <memory>
#include <string>
#include <vector>

#include "polylateral/routing/v1/routing.pb.h"
#include "services/routing/domain/input_record.h"

namespace polylateral::routing {

// An input record as the API keeps it: the v1::Input (every signatory; ForReaders trims it).
class ProtoInputRecord final : public InputRecord {
 public:
  explicit ProtoInputRecord(v1::Input proto) : proto_(std::move(proto)) {}
  const v1::Input& proto() const { return proto_; }
  v1::Input& proto() { return proto_; }

 private:
  v1::Input proto_;
};

// The v1::Input behind a record this codec made.
const v1::Input& ProtoOf(const InputRecord& record);
// `record`'s v1::Input as readers see it (ForReaders).
v1::Input ForReadersOf(const InputRecord& record);

// InputRecordCodec with routing_mapping: records stored as EncodeRecord's binary protobuf
// (read back from JSON too), routes as v1::Route.
class ProtoInputCodec final : public InputRecordCodec {
 public:
  absl::StatusOr<std::unique_ptr<InputRecord>> Decode(const std::string& stored) const override;
  std::string Encode(const InputRecord& record) const override;
  std::string EncodeRoute(const Route& route) const override;
  absl::StatusOr<Input> Read(const InputRecord& record) const override;
  std::string Name(const InputRecord& record) const override;
  InputKind Kind(const InputRecord& record) const override;
  JointStatement Joint(const InputRecord& record) const override;
  std::vector<Route> Routes(const InputRecord& record) const override;
  std::vector<Exclusion> Exclusions(const InputRecord& record) const override;
  std::unique_ptr<InputRecord> Stamped(const InputRecord& submitted,
                                       const SubmissionStamp& stamp) const override;
  void SetJoint(InputRecord& record, const JointStatement& joint) const override;
  void Rerouted(InputRecord& record, const RouteChange& change, absl::Time now) const override;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_PROTO_INPUT_CODEC_H_
