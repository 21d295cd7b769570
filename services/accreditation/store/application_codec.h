#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_APPLICATION_CODEC_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_APPLICATION_CODEC_H_

// Records <-> Redis hash fields. Flat fields (not one JSON blob) because the scheduler script
// reads and changes single fields (st, v, unans) without decoding the record.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/redis/redis_reply.h"
#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation {

using FieldList = std::vector<std::pair<std::string, std::string>>;

FieldList ApplicationFields(const Application& a);
// From an HGETALL reply; INTERNAL on a malformed record.
absl::StatusOr<Application> ApplicationFromHash(const redis::ReplyView& flat);

FieldList AccreditationFields(const Accreditation& a);
absl::StatusOr<Accreditation> AccreditationFromHash(const redis::ReplyView& flat);
// The accreditation fields in the order AccreditationFromValues expects, for one HMGET
// (CheckAccess's hot path: no field-name map, no copies of the names).
extern const char* const kAccreditationFieldNames[10];
// From an HMGET of kAccreditationFieldNames; NOT_FOUND (empty status message) when the
// record does not exist, INTERNAL when it is malformed.
absl::StatusOr<Accreditation> AccreditationFromValues(const redis::ReplyView& values);

// Unset times are "" (InfinitePast / InfiniteFuture), others unix milliseconds.
std::string TimeField(absl::Time t);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_APPLICATION_CODEC_H_
