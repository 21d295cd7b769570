#include "services/registry/domain/process_registry.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/page_size.h"
#include "common/base/page_token.h"
#include "common/base/request_ids.h"
#include "common/base/resource_name.h"
#include "common/base/stored_time.h"
#include "common/vocabulary/themes.h"
#include "services/registry/domain/process_rules.h"
#include "services/registry/domain/registry_audit.h"
#include "services/registry/domain/stakeholder_registry.h"

namespace polylateral::registry {
namespace {

absl::Status CheckProcessName(const std::string& id, const char* field) {
  if (IsReadableResourceId(id)) return absl::OkStatus();
  return InvalidArgument("INVALID_NAME", field, "must be processes/{process_id}");
}

absl::Status EtagMismatch(const std::string& id, const std::string& etag) {
  return Aborted("ETAG_MISMATCH",
                 absl::StrCat("processes/", id, " changed since ", etag, "; read it again"));
}

}  // namespace

absl::StatusOr<Process> ProcessRegistry::Create(const Principal& caller, Process p,
                                                const std::string& id,
                                                const std::string& request_id,
                                                const std::string& fingerprint) {
  if (auto st = CheckResourceId(id, "process_id", "INVALID_NAME"); !st.ok()) return st;
  if (auto st = CheckCanEditProcess(caller, id); !st.ok()) return st;
  if (auto st = ValidateRequestId(request_id); !st.ok()) return st;
  p.id = id;
  if (auto st = ValidateProcess(p); !st.ok()) return st;
  p.create_time = p.update_time = StorableNow(*clock_);
  p.version = 1;
  RecordCommitteeTerms(nullptr, p, p.create_time);
  return store_->Create(p, CallerRequestKey(caller, request_id), fingerprint,
                        {caller.ToString(), p.create_time, {ProcessCreated(p)}});
}

absl::StatusOr<Process> ProcessRegistry::Get(const std::string& id) {
  if (auto st = CheckProcessName(id, "name"); !st.ok()) return st;
  return store_->Get(id);
}

absl::StatusOr<ProcessListing> ProcessRegistry::List(const std::string& theme, int page_size,
                                                     const std::string& page_token) {
  auto limit = ResolvePageSize(page_size);
  if (!limit.ok()) return limit.status();
  if (!theme.empty() && vocabulary::FindTheme(theme) == nullptr) {
    return InvalidArgument("INVALID_QUERY", "theme",
                           absl::StrCat("unknown theme 'themes/", theme, "'"));
  }
  const std::string label = theme.empty() ? "all" : absl::StrCat("theme:", theme);
  const uint64_t fingerprint = QueryFingerprint(label);
  std::string cursor;
  if (!page_token.empty()) {
    auto decoded = DecodePageToken(page_token, fingerprint);
    if (!decoded.ok()) return decoded.status();
    cursor = *std::move(decoded);
  }
  auto page = store_->List(label, cursor, *limit);
  if (!page.ok()) return page.status();
  ProcessListing out;
  out.processes = std::move(page->items);
  if (!page->next_cursor.empty())
    out.next_page_token = EncodePageToken(fingerprint, page->next_cursor);
  return out;
}

absl::StatusOr<Process> ProcessRegistry::Update(const Principal& caller, const Process& patch,
                                                const std::vector<std::string>& mask,
                                                const std::string& etag) {
  if (auto st = CheckProcessName(patch.id, "process.name"); !st.ok()) return st;
  if (auto st = CheckCanEditProcess(caller, patch.id); !st.ok()) return st;
  auto current = store_->Get(patch.id);
  if (!current.ok()) return current.status();
  if (!etag.empty() && etag != ProcessEtag(*current)) return EtagMismatch(patch.id, etag);
  auto updated = ApplyProcessMask(*current, patch, mask);
  if (!updated.ok()) return updated.status();
  if (auto st = ValidateProcess(*updated); !st.ok()) return st;
  updated->update_time = StorableNow(*clock_);
  RecordCommitteeTerms(&*current, *updated, updated->update_time);
  // The fields replaced, as ApplyProcessMask resolved them.
  const bool whole = mask.empty() || (mask.size() == 1 && mask[0] == "*");
  const std::vector<std::string>& paths = whole ? UpdatableProcessFields() : mask;
  return store_->Update(
      *current, *updated,
      {caller.ToString(), updated->update_time, {ProcessUpdated(*current, *updated, paths)}});
}

absl::Status ProcessRegistry::Delete(const Principal& caller, const std::string& id,
                                     const std::string& etag) {
  if (auto st = CheckProcessName(id, "name"); !st.ok()) return st;
  if (auto st = CheckCanEditProcess(caller, id); !st.ok()) return st;
  auto current = store_->Get(id);
  if (!current.ok()) return current.status();
  if (!etag.empty() && etag != ProcessEtag(*current)) return EtagMismatch(id, etag);
  return store_->Delete(*current,
                        {caller.ToString(), StorableNow(*clock_), {ProcessDeleted(*current)}});
}

}  // namespace polylateral::registry
