#include "services/composition/api/body_records.h"

#include <memory>

namespace polylateral::composition {

std::string Record(const google::protobuf::Message& m) {
  std::unique_ptr<google::protobuf::Message> known(m.New());
  known->CopyFrom(m);
  known->DiscardUnknownFields();
  return known->SerializeAsString();
}

NominationRecord ToNominationRecord(const std::string& id, const v1::Nomination& n) {
  return NominationRecord{id, n.candidate().id(), Record(n)};
}

absl::StatusOr<v1::Body> BodyFromStored(const StoredBody& stored) {
  v1::Body body;
  if (!body.ParseFromString(stored.record)) {
    return absl::DataLossError("stored body does not parse");
  }
  body.set_state(stored.drawn ? v1::DRAWN : v1::NOMINATING);
  if (stored.drawn && !body.mutable_draw()->ParseFromString(stored.draw)) {
    return absl::DataLossError("stored draw does not parse");
  }
  body.set_nomination_count(stored.nomination_count);
  return body;
}

absl::StatusOr<v1::Nomination> NominationFromRecord(const std::string& record) {
  v1::Nomination n;
  if (!n.ParseFromString(record)) return absl::DataLossError("stored nomination does not parse");
  return n;
}

absl::StatusOr<BodyMessages> FromSnapshot(const BodySnapshot& snapshot) {
  BodyMessages out;
  auto body = BodyFromStored(snapshot.body);
  if (!body.ok()) return body.status();
  out.body = *std::move(body);
  out.version = snapshot.version;
  out.nominations.reserve(snapshot.nominations.size());
  for (const std::string& record : snapshot.nominations) {
    auto n = NominationFromRecord(record);
    if (!n.ok()) return n.status();
    out.nominations.push_back(*std::move(n));
  }
  return out;
}

}  // namespace polylateral::composition
