#include "common/audit_api/audit_service.h"

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/audit_api/audit_mapping.h"
#include "common/audit_store/redis_audit_log.h"
#include "common/base/errors.h"
#include "common/base/page_size.h"
#include "common/base/page_token.h"

namespace polylateral::audit {
namespace {

// Where a page starts: start_seq (0 = 1), or the token's cursor, which is bound to the parent
// and start_seq it was issued for.
absl::StatusOr<uint64_t> FirstSeq(const v1::ListAuditEntriesRequest& req,
                                  const std::string& log_name, uint64_t* fingerprint) {
  if (req.start_seq() < 0) {
    return InvalidArgument("INVALID_START_SEQ", "start_seq", "must be 0 (from 1) or a sequence");
  }
  const uint64_t start = req.start_seq() == 0 ? 1 : static_cast<uint64_t>(req.start_seq());
  *fingerprint = QueryFingerprint(absl::StrCat("audit-entries|", log_name, "|", start));
  if (req.page_token().empty()) return start;
  auto cursor = DecodePageToken(req.page_token(), *fingerprint);
  if (!cursor.ok()) return cursor.status();
  uint64_t next = 0;
  if (!absl::SimpleAtoi(*cursor, &next) || next < start) {
    return InvalidArgument("INVALID_PAGE_TOKEN", "page_token", "is not a token this API issued");
  }
  return next;
}

}  // namespace

grpc::ServerUnaryReactor* AuditApiService::ListAuditEntries(grpc::CallbackServerContext* ctx,
                                                            const v1::ListAuditEntriesRequest* req,
                                                            v1::ListAuditEntriesResponse* resp) {
  return dispatcher_->Run(
      ctx, "/polylateral.audit.v1.AuditService/ListAuditEntries", req, resp,
      [this](const server::CallContext& call, const v1::ListAuditEntriesRequest& r,
             v1::ListAuditEntriesResponse* out) { return DoListAuditEntries(call, r, out); });
}

grpc::ServerUnaryReactor* AuditApiService::GetAuditHead(grpc::CallbackServerContext* ctx,
                                                        const v1::GetAuditHeadRequest* req,
                                                        v1::AuditHead* resp) {
  return dispatcher_->Run(ctx, "/polylateral.audit.v1.AuditService/GetAuditHead", req, resp,
                          [this](const server::CallContext&, const v1::GetAuditHeadRequest& r,
                                 v1::AuditHead* out) { return DoGetAuditHead(r, out); });
}

absl::Status AuditApiService::DoListAuditEntries(const server::CallContext& call,
                                                 const v1::ListAuditEntriesRequest& req,
                                                 v1::ListAuditEntriesResponse* resp) const {
  auto name = ParseAuditLogName(req.parent(), "parent");
  if (!name.ok()) return name.status();
  auto limit = ResolvePageSize(req.page_size());
  if (!limit.ok()) return limit.status();
  const std::string log_name = name->Name();
  uint64_t fingerprint = 0;
  auto first = FirstSeq(req, log_name, &fingerprint);
  if (!first.ok()) return first.status();
  auto tag = TagOf(logs_, *name);
  if (!tag.ok()) return tag.status();

  // One more than the page: whether the log goes on decides the token.
  RedisAuditLog log(redis_, *tag);
  auto read = log.Read(*first, static_cast<uint64_t>(*limit) + 1);
  if (!read.ok()) return read.status();
  const bool more = read->size() > static_cast<size_t>(*limit);
  if (more) read->resize(static_cast<size_t>(*limit));

  std::vector<AuditEntry> page;
  page.reserve(read->size());
  for (const SealedEntry& e : *read) page.push_back(e.entry);
  if (absl::Status st = disclosure_->Apply(call.principal, page); !st.ok()) return st;
  for (size_t i = 0; i < page.size(); ++i) {
    ToProto(page[i], (*read)[i].hash, log_name, resp->add_entries());
  }
  if (more) {
    resp->set_next_page_token(
        EncodePageToken(fingerprint, std::to_string(*first + static_cast<uint64_t>(*limit))));
  }
  return absl::OkStatus();
}

absl::Status AuditApiService::DoGetAuditHead(const v1::GetAuditHeadRequest& req,
                                             v1::AuditHead* resp) const {
  auto name = ParseAuditHeadName(req.name(), "name");
  if (!name.ok()) return name.status();
  auto tag = TagOf(logs_, *name);
  if (!tag.ok()) return tag.status();
  RedisAuditLog log(redis_, *tag);
  auto head = log.LatestHead();
  if (!head.ok()) return head.status();
  ToProto(*head, name->Name(), resp);
  return absl::OkStatus();
}

}  // namespace polylateral::audit
