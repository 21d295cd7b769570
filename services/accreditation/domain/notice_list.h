#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_NOTICE_LIST_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_NOTICE_LIST_H_

// A notice list: the secretariat circulates several non-objection applications of one process
// to the member states with one deadline, as the UN's non-objection practice does, instead of
// each application's own notice period.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace polylateral::accreditation {

// Most applications one list carries.
inline constexpr size_t kMaxNoticeListApplications = 1000;

// One extension of a list's deadline, kept on the list.
struct NoticeExtension {
  std::string by;  // principal text
  absl::Time at = absl::InfinitePast();
  absl::Time old_deadline = absl::InfinitePast();
  absl::Time new_deadline = absl::InfinitePast();
  std::string reason;
};

struct NoticeList {
  std::string process;
  std::string id;
  std::vector<std::string> applications;  // application ids within the process
  // Objections are taken before it (exclusive); the applications still in notice are decided
  // at it by the scheduler.
  absl::Time deadline = absl::InfinitePast();
  absl::Time create_time = absl::InfinitePast();
  std::string created_by;  // principal text
  std::vector<NoticeExtension> extensions;
  int64_t version = 0;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_NOTICE_LIST_H_
