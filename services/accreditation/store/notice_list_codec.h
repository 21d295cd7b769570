#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_NOTICE_LIST_CODEC_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_NOTICE_LIST_CODEC_H_

// A notice list <-> its stored JSON (field `d` of {acc}:nl:<p>:<l>; `v` and `dl`, the version
// and the deadline in ms, beside it for the script's guards).

#include <string>

#include "absl/status/statusor.h"
#include "services/accreditation/domain/notice_list.h"

namespace polylateral::accreditation {

std::string NoticeListJson(const NoticeList& list);
// INTERNAL on a malformed record.
absl::StatusOr<NoticeList> NoticeListFromJson(const std::string& text);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_NOTICE_LIST_CODEC_H_
