// RedisAccreditationStore's notice lists: one JSON record per list, a listing index per
// process, and one script (notice_list.lua) that writes a list with what it does to its
// applications and its audit entry.
#include <algorithm>
#include <cstdio>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/request_ids.h"
#include "common/redis/script_error.h"
#include "services/accreditation/store/accreditation_keys.h"
#include "services/accreditation/store/application_codec.h"
#include "services/accreditation/store/lua_scripts.h"
#include "services/accreditation/store/notice_list_codec.h"
#include "services/accreditation/store/redis_accreditation_store.h"

namespace polylateral::accreditation {
namespace {

std::string ListName(const std::string& p, const std::string& l) {
  return absl::StrCat("processes/", p, "/noticeLists/", l);
}

// "<create ms, 16 digits>:<l>": creation order, unique.
std::string IndexMember(const NoticeList& l) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%016lld",
                static_cast<long long>(absl::ToUnixMillis(l.create_time)));
  return absl::StrCat(buf, ":", l.id);
}

// The script's refusals; `detail` starts with the application or list id it names.
std::optional<absl::Status> Refusal(const redis::ScriptError& e, const std::string& process,
                                    const std::string& list) {
  const std::string& r = e.reason;
  const std::string app = e.detail.substr(0, e.detail.find(' '));
  const std::string app_name = absl::StrCat("processes/", process, "/applications/", app);
  if (r == "REQUEST_ID_REUSED") return RequestIdReused();
  if (r == "EXISTS")
    return AlreadyExists("NOTICE_LIST_EXISTS", ListName(process, list) + " exists");
  if (r == "NOT_FOUND") {
    return NotFound("NOTICE_LIST_NOT_FOUND", ListName(process, list) + " not found");
  }
  if (r == "VERSION_MISMATCH") {
    return Aborted("ETAG_MISMATCH",
                   ListName(process, list) + " was changed concurrently; read it again");
  }
  if (r == "DEADLINE_PASSED") {
    return FailedPrecondition("DEADLINE_PASSED", "notice_list.deadline",
                              "the list's deadline has passed; its applications are decided");
  }
  if (r == "APP_NOT_FOUND") return NotFound("APPLICATION_NOT_FOUND", app_name + " not found");
  if (r == "WRONG_STATE") {
    return FailedPrecondition("WRONG_STATE", "notice_list.applications",
                              app_name + " is not in its notice period on a non-objection route");
  }
  if (r == "APPLICATION_ON_LIST") {
    const std::string other = e.detail.substr(e.detail.find(' ') + 1);
    return FailedPrecondition("APPLICATION_ON_LIST", "notice_list.applications",
                              absl::StrCat(app_name, " is already on ", ListName(process, other)));
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<NoticeList> RedisAccreditationStore::GetNoticeList(const std::string& p,
                                                                  const std::string& id) {
  auto reply = redis_->ReadCommand({"HGET", Keys::NoticeList(p, id), "d"}, "HGET");
  if (!reply.ok()) return reply.status();
  if (reply->is_nil()) return NotFound("NOTICE_LIST_NOT_FOUND", ListName(p, id) + " not found");
  return NoticeListFromJson(std::string(reply->str()));
}

absl::StatusOr<Page<NoticeList>> RedisAccreditationStore::ListNoticeLists(const std::string& p,
                                                                          const std::string& cursor,
                                                                          int limit) {
  const std::string start = cursor.empty() ? "-" : absl::StrCat("(", cursor);
  auto ids = redis_->ReadCommand(
      {"ZRANGEBYLEX", Keys::NoticeLists(p), start, "+", "LIMIT", "0", std::to_string(limit + 1)},
      "ZRANGEBYLEX");
  if (!ids.ok()) return ids.status();
  Page<NoticeList> page;
  const size_t n = std::min(ids->size(), static_cast<size_t>(limit));
  if (n == 0) return page;
  std::vector<std::vector<std::string>> cmds;
  cmds.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    absl::string_view member = (*ids)[i].str();
    cmds.push_back(
        {"HGET", Keys::NoticeList(p, std::string(member.substr(member.find(':') + 1))), "d"});
  }
  auto replies = redis_->Pipeline(cmds, "HGET");
  if (!replies.ok()) return replies.status();
  for (size_t i = 0; i < n; ++i) {
    if ((*replies)[i].is_nil()) continue;
    auto list = NoticeListFromJson(std::string((*replies)[i].str()));
    if (list.ok()) page.items.push_back(*std::move(list));
  }
  if (ids->size() > n) page.next_cursor = std::string((*ids)[n - 1].str());
  return page;
}

absl::StatusOr<NoticeList> RedisAccreditationStore::WriteNoticeList(const NoticeListWrite& w) {
  const NoticeList& l = w.list;
  std::vector<std::string> keys = {Keys::NoticeList(l.process, l.id), Keys::NoticeLists(l.process),
                                   Keys::Due(), Keys::Request(w.request_id), Keys::AuditLog()};
  // The audit entry's principal and reason: the creator, or the extension this write adds.
  const bool extends = w.expected_version != 0 && !l.extensions.empty();
  const std::string& by = extends ? l.extensions.back().by : l.created_by;
  std::vector<std::string> args = {std::to_string(w.expected_version),
                                   w.request_id.empty() ? "0" : "1",
                                   std::to_string(kRequestIdTtlSeconds),
                                   w.request_fingerprint,
                                   TimeField(w.now),
                                   TimeField(l.deadline),
                                   l.id,
                                   l.process,
                                   NoticeListJson(l),
                                   IndexMember(l),
                                   Keys::prefix(),
                                   by,
                                   extends ? l.extensions.back().reason : ""};
  args.insert(args.end(), l.applications.begin(), l.applications.end());
  auto reply = redis_->Eval(notice_list_, keys, args);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) {
    return redis::ScriptErrorStatus(*reply, "notice_list", [&](const redis::ScriptError& e) {
      return Refusal(e, l.process, l.id);
    });
  }
  if (reply->size() == 2 && (*reply)[0].str() == "REPLAY") {
    return GetNoticeList(l.process, std::string((*reply)[1].str()));
  }
  return l;
}

}  // namespace polylateral::accreditation
