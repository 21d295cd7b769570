#include "services/accreditation/domain/notice_list_rules.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "services/accreditation/domain/request_checks.h"

namespace polylateral::accreditation {

absl::StatusOr<NoticeList> NewNoticeList(const std::string& process, const std::string& id,
                                         const std::vector<std::string>& applications,
                                         absl::Time deadline, absl::Time now,
                                         const std::string& by) {
  Violations v;
  if (applications.empty() || applications.size() > kMaxNoticeListApplications) {
    v.Add("notice_list.applications",
          absl::StrCat("must name 1..", kMaxNoticeListApplications, " applications"));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < applications.size(); ++i) {
    const std::string field = absl::StrCat("notice_list.applications[", i, "]");
    if (!IsReadableResourceId(applications[i])) {
      v.Add(field, "is not an application id");
    } else if (!seen.insert(applications[i]).second) {
      v.Add(field, "is listed twice");
    }
  }
  if (deadline <= now) v.Add("notice_list.deadline", "must be in the future");
  if (absl::Status st = v.ToStatus("INVALID_NOTICE_LIST"); !st.ok()) return st;
  NoticeList list;
  list.process = process;
  list.id = id;
  list.applications = applications;
  list.deadline = deadline;
  list.create_time = now;
  list.created_by = by;
  list.version = 1;
  return list;
}

absl::StatusOr<NoticeList> ExtendedNoticeList(const NoticeList& list, absl::Time deadline,
                                              const std::string& reason, absl::Time now,
                                              const std::string& by) {
  if (now >= list.deadline) {
    return FailedPrecondition("DEADLINE_PASSED", "notice_list.deadline",
                              "the list's deadline has passed; its applications are decided");
  }
  Violations v;
  if (deadline <= list.deadline) v.Add("deadline", "must be later than the current deadline");
  CheckText(reason, "reason", v);
  if (absl::Status st = v.ToStatus("INVALID_EXTENSION"); !st.ok()) return st;
  NoticeList out = list;
  out.extensions.push_back({by, now, list.deadline, deadline, reason});
  out.deadline = deadline;
  out.version = list.version + 1;
  return out;
}

}  // namespace polylateral::accreditation
