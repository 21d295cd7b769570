// AccreditationService's notice lists: parse, call the Accreditor, map.
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/server/proto_checks.h"
#include "common/server/request_fingerprint.h"
#include "services/accreditation/api/accreditation_mapping.h"
#include "services/accreditation/api/accreditation_service.h"

namespace polylateral::accreditation {
namespace {

using Ids = std::vector<std::string>;
const Ids kList = {"processes", "noticeLists"};

void TimeToProto(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t ms = absl::ToUnixMillis(t);
  out->set_seconds(ms / 1000);
  out->set_nanos(static_cast<int32_t>((ms % 1000) * 1000000));
}

void NoticeListToProto(const NoticeList& l, v1::NoticeList* out) {
  out->set_name(absl::StrCat("processes/", l.process, "/noticeLists/", l.id));
  for (const auto& a : l.applications) {
    out->add_applications(absl::StrCat("processes/", l.process, "/applications/", a));
  }
  TimeToProto(l.deadline, out->mutable_deadline());
  for (const auto& e : l.extensions) {
    auto* x = out->add_extensions();
    x->set_extended_by(e.by);
    TimeToProto(e.at, x->mutable_extend_time());
    TimeToProto(e.old_deadline, x->mutable_old_deadline());
    TimeToProto(e.new_deadline, x->mutable_new_deadline());
    x->set_reason(e.reason);
  }
  TimeToProto(l.create_time, out->mutable_create_time());
  out->set_created_by(l.created_by);
  out->set_etag(EtagOf(l.version));
}

absl::Status Finish(const absl::StatusOr<NoticeList>& l, v1::NoticeList* out) {
  if (!l.ok()) return l.status();
  NoticeListToProto(*l, out);
  return absl::OkStatus();
}

}  // namespace

absl::Status AccreditationService::DoCreateNoticeList(const Call& call,
                                                      const v1::CreateNoticeListRequest& req,
                                                      v1::NoticeList* out) {
  auto parent = ParseName(req.parent(), {"processes"}, "parent");
  if (!parent.ok()) return parent.status();
  const v1::NoticeList& l = req.notice_list();
  std::vector<std::string> apps(l.applications().begin(), l.applications().end());
  if (!l.has_deadline()) {
    return InvalidArgument("INVALID_NOTICE_LIST", "notice_list.deadline", "is required");
  }
  auto deadline = server::TimeFromProto(l.deadline(), "notice_list.deadline");
  if (!deadline.ok()) return deadline.status();
  return Finish(
      accreditor_->CreateNoticeList(call.principal, (*parent)[0], req.notice_list_id(), apps,
                                    *deadline, req.request_id(), server::RequestFingerprint(req)),
      out);
}

absl::Status AccreditationService::DoGetNoticeList(const Call&, const v1::GetNoticeListRequest& req,
                                                   v1::NoticeList* out) {
  auto ids = ParseName(req.name(), kList, "name");
  if (!ids.ok()) return ids.status();
  return Finish(accreditor_->GetNoticeList((*ids)[0], (*ids)[1]), out);
}

absl::Status AccreditationService::DoListNoticeLists(const Call&,
                                                     const v1::ListNoticeListsRequest& req,
                                                     v1::ListNoticeListsResponse* out) {
  auto parent = ParseName(req.parent(), {"processes"}, "parent");
  if (!parent.ok()) return parent.status();
  auto listing = accreditor_->ListNoticeLists((*parent)[0], req.page_size(), req.page_token());
  if (!listing.ok()) return listing.status();
  for (const auto& l : listing->lists) NoticeListToProto(l, out->add_notice_lists());
  out->set_next_page_token(listing->next_page_token);
  return absl::OkStatus();
}

absl::Status AccreditationService::DoExtendNoticeList(const Call& call,
                                                      const v1::ExtendNoticeListRequest& req,
                                                      v1::NoticeList* out) {
  auto ids = ParseName(req.name(), kList, "name");
  if (!ids.ok()) return ids.status();
  if (!req.has_deadline()) return InvalidArgument("INVALID_EXTENSION", "deadline", "is required");
  auto deadline = server::TimeFromProto(req.deadline(), "deadline");
  if (!deadline.ok()) return deadline.status();
  return Finish(
      accreditor_->ExtendNoticeList(call.principal, (*ids)[0], (*ids)[1], *deadline, req.reason(),
                                    req.etag(), req.request_id(), server::RequestFingerprint(req)),
      out);
}

}  // namespace polylateral::accreditation
