#ifndef POLYLATERAL_SERVICES_ACCREDITATION_API_EVENT_MAPPING_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_API_EVENT_MAPPING_H_

#include <string>

#include "absl/status/statusor.h"
#include "polylateral/accreditation/v1/events.pb.h"
#include "services/accreditation/domain/event_disclosure.h"
#include "services/accreditation/store/event_stream.h"

namespace polylateral::accreditation {

// The resume token of a stream entry: opaque to callers (base64url of a versioned id), so
// that the stream's id format stays ours to change.
std::string EncodeResumeToken(const StreamId& id);
// INVALID_ARGUMENT INVALID_RESUME_TOKEN on `field` for anything EncodeResumeToken did not make.
absl::StatusOr<StreamId> DecodeResumeToken(const std::string& token, const std::string& field);

// An event as a caller is shown it (DiscloseEvent), with its token.
void ToProto(const StreamId& id, const DisclosedEvent& e, v1::Event* out);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_API_EVENT_MAPPING_H_
