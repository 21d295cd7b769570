// Accreditor's notice lists: create, read, list, extend.
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/page_size.h"
#include "common/base/page_token.h"
#include "common/base/request_ids.h"
#include "common/base/resource_name.h"
#include "services/accreditation/domain/accreditor.h"
#include "services/accreditation/domain/request_checks.h"

namespace polylateral::accreditation {
namespace {

absl::Status MayCirculate(const Principal& caller, const std::string& process) {
  if (IsSecretariatOf(caller, process)) return absl::OkStatus();
  return PermissionDenied(
      "NOT_SECRETARIAT",
      absl::StrCat(caller.ToString(), " is not the secretariat of processes/", process));
}

}  // namespace

absl::StatusOr<NoticeList> Accreditor::CreateNoticeList(
    const Principal& caller, const std::string& process, const std::string& list_id,
    const std::vector<std::string>& application_names, absl::Time deadline,
    const std::string& request_id, const std::string& fingerprint) {
  if (absl::Status st = MayCirculate(caller, process); !st.ok()) return st;
  std::vector<std::string> applications;
  applications.reserve(application_names.size());
  for (size_t i = 0; i < application_names.size(); ++i) {
    const std::string field = absl::StrCat("notice_list.applications[", i, "]");
    auto ids = ParseResourceName(application_names[i], {"processes", "applications"}, field);
    if (!ids.ok()) return ids.status();
    if ((*ids)[0] != process) {
      return InvalidArgument("INVALID_NOTICE_LIST", field, "is not an application of the parent");
    }
    applications.push_back((*ids)[1]);
  }
  Violations v;
  if (!list_id.empty() && !IsReadableResourceId(list_id)) {
    v.Add("notice_list_id", "must be 1..63 of [a-z0-9-]");
  }
  CheckRequestId(request_id, v);
  if (absl::Status st = v.ToStatus("INVALID_NOTICE_LIST"); !st.ok()) return st;
  auto list = NewNoticeList(process, list_id.empty() ? NewId("nl-") : list_id, applications,
                            ToStoredPrecision(deadline), Now(), caller.ToString());
  if (!list.ok()) return list.status();
  NoticeListWrite w;
  w.list = *std::move(list);
  w.now = Now();
  w.request_id = request_id.empty() ? ""
                                    : absl::StrCat("nlcreate:", process, ":",
                                                   CallerRequestKey(caller, request_id));
  w.request_fingerprint = fingerprint;
  return store_->WriteNoticeList(w);
}

absl::StatusOr<NoticeList> Accreditor::GetNoticeList(const std::string& process,
                                                     const std::string& id) {
  return store_->GetNoticeList(process, id);
}

absl::StatusOr<NoticeListListing> Accreditor::ListNoticeLists(const std::string& process,
                                                              int page_size,
                                                              const std::string& page_token) {
  auto limit = ResolvePageSize(page_size);
  if (!limit.ok()) return limit.status();
  const uint64_t fingerprint = QueryFingerprint(absl::StrCat("noticeLists|", process));
  std::string cursor;
  if (!page_token.empty()) {
    auto c = DecodePageToken(page_token, fingerprint);
    if (!c.ok()) return c.status();
    cursor = *c;
  }
  auto page = store_->ListNoticeLists(process, cursor, *limit);
  if (!page.ok()) return page.status();
  NoticeListListing out;
  out.lists = std::move(page->items);
  if (!page->next_cursor.empty()) {
    out.next_page_token = EncodePageToken(fingerprint, page->next_cursor);
  }
  return out;
}

absl::StatusOr<NoticeList> Accreditor::ExtendNoticeList(
    const Principal& caller, const std::string& process, const std::string& id, absl::Time deadline,
    const std::string& reason, const std::string& etag, const std::string& request_id,
    const std::string& fingerprint) {
  if (absl::Status st = MayCirculate(caller, process); !st.ok()) return st;
  Violations v;
  CheckRequestId(request_id, v);
  if (absl::Status st = v.ToStatus(); !st.ok()) return st;
  const std::string token = request_id.empty() ? ""
                                               : absl::StrCat("nlextend:", process, ":", id, ":",
                                                              CallerRequestKey(caller, request_id));
  // A retry of an extension that was applied finds the deadline already moved: not an error.
  if (!token.empty()) {
    auto seen = store_->RequestSeen(token, fingerprint);
    if (!seen.ok()) return seen.status();
    if (*seen) return store_->GetNoticeList(process, id);
  }
  auto list = store_->GetNoticeList(process, id);
  if (!list.ok()) return list.status();
  if (!etag.empty() && etag != EtagOf(list->version)) {
    return Aborted("ETAG_MISMATCH", absl::StrCat("the notice list changed since ", etag));
  }
  auto extended =
      ExtendedNoticeList(*list, ToStoredPrecision(deadline), reason, Now(), caller.ToString());
  if (!extended.ok()) return extended.status();
  NoticeListWrite w;
  w.expected_version = list->version;
  w.list = *std::move(extended);
  w.now = Now();
  w.request_id = token;
  w.request_fingerprint = fingerprint;
  return store_->WriteNoticeList(w);
}

}  // namespace polylateral::accreditation
