#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_NOTICE_LIST_RULES_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_NOTICE_LIST_RULES_H_

// A notice list's own rules, as pure functions. What a list does to its applications (each
// must be in its notice period on a non-objection route and on no other list; their notice
// ends move to the list's deadline) is applied by the store in one script
// (store/notice_list.lua), since it reads the applications as they are at that moment.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/accreditation/domain/notice_list.h"

namespace polylateral::accreditation {

// A new list, version 1. INVALID_ARGUMENT INVALID_NOTICE_LIST on `notice_list.applications`
// (1..1000 distinct application ids) or `notice_list.deadline` (after `now`).
absl::StatusOr<NoticeList> NewNoticeList(const std::string& process, const std::string& id,
                                         const std::vector<std::string>& applications,
                                         absl::Time deadline, absl::Time now,
                                         const std::string& by);

// `list` with its deadline moved to `deadline`, the extension recorded, version + 1.
// FAILED_PRECONDITION DEADLINE_PASSED once the current deadline has passed at `now`
// (inclusive: at the deadline the scheduler decides); INVALID_ARGUMENT INVALID_EXTENSION on
// `deadline` (not later than the current one) or `reason` (1..2000 characters, required).
absl::StatusOr<NoticeList> ExtendedNoticeList(const NoticeList& list, absl::Time deadline,
                                              const std::string& reason, absl::Time now,
                                              const std::string& by);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_NOTICE_LIST_RULES_H_
