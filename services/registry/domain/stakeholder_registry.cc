#include "services/registry/domain/stakeholder_registry.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/page_size.h"
#include "common/base/page_token.h"
#include "common/base/request_ids.h"
#include "common/base/resource_name.h"
#include "common/base/stored_time.h"
#include "services/registry/domain/registry_audit.h"
#include "services/registry/domain/stakeholder_access.h"
#include "services/registry/domain/stakeholder_references.h"
#include "services/registry/domain/stakeholder_rules.h"

namespace polylateral::registry {
namespace {
// Writes without an etag retry this often when another writer got in between.
constexpr int kMaxWriteAttempts = 3;
}  // namespace

absl::Status ValidateRequestId(const std::string& request_id) {
  if (request_id.size() > 64) {
    return InvalidArgument("INVALID_REQUEST_ID", "request_id", "at most 64 characters");
  }
  for (char c : request_id) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_') {
      return InvalidArgument("INVALID_REQUEST_ID", "request_id", "only [A-Za-z0-9_-]");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Stakeholder> StakeholderRegistry::Create(const Principal& caller, Stakeholder s,
                                                        const std::string& id,
                                                        const std::string& request_id,
                                                        const std::string& fingerprint) {
  const std::string own_id = NewStakeholderId(caller, id);
  if (auto st = CheckCanCreateStakeholder(caller, s, own_id); !st.ok()) return st;
  if (!own_id.empty()) {
    if (auto st = CheckResourceId(own_id, "stakeholder_id", "INVALID_STAKEHOLDER_ID"); !st.ok()) {
      return st;
    }
  }
  if (auto st = ValidateRequestId(request_id); !st.ok()) return st;
  s.id = own_id.empty() ? NewId() : own_id;
  if (auto st = ValidateStakeholder(s); !st.ok()) return st;
  s.create_time = s.update_time = StorableNow(*clock_);
  StampEcosocStatus(nullptr, caller, s.create_time, s);
  s.version = 1;
  WriteAudit audit{caller.ToString(), s.create_time, {}};
  if (auto note = EcosocStatusSet(nullptr, s)) audit.entries.push_back(*std::move(note));
  return store_->Create(s, CallerRequestKey(caller, request_id), fingerprint, audit);
}

absl::StatusOr<Stakeholder> StakeholderRegistry::Get(const std::string& id) {
  if (!IsReadableResourceId(id)) {
    return InvalidArgument("INVALID_NAME", "name", "must be stakeholders/{stakeholder_id}");
  }
  return store_->Get(id);
}

absl::StatusOr<StakeholderListing> StakeholderRegistry::List(StakeholderQuery q) {
  if (auto st = ValidateStakeholderQuery(q); !st.ok()) return st;
  const uint64_t fingerprint = QueryFingerprint(CanonicalStakeholderQuery(q));
  std::string cursor;
  if (!q.page_token.empty()) {
    auto decoded = DecodePageToken(q.page_token, fingerprint);
    if (!decoded.ok()) return decoded.status();
    cursor = *std::move(decoded);
  }
  auto page = store_->List(QueryIndexLabels(q), q.name_prefix, cursor, q.page_size);
  if (!page.ok()) return page.status();
  StakeholderListing out;
  out.stakeholders = std::move(page->items);
  if (!page->next_cursor.empty()) {
    out.next_page_token = EncodePageToken(fingerprint, page->next_cursor);
  }
  return out;
}

absl::StatusOr<Stakeholder> StakeholderRegistry::Update(const Principal& caller,
                                                        const Stakeholder& patch,
                                                        const std::vector<std::string>& mask,
                                                        const std::string& etag) {
  if (!IsReadableResourceId(patch.id)) {
    return InvalidArgument("INVALID_NAME", "stakeholder.name",
                           "must be stakeholders/{stakeholder_id}");
  }
  if (auto st = CheckCanEditStakeholder(caller, patch.id); !st.ok()) return st;
  absl::Status last;
  for (int attempt = 0; attempt < kMaxWriteAttempts; ++attempt) {
    auto current = store_->Get(patch.id);
    if (!current.ok()) return current.status();
    if (!etag.empty() && etag != StakeholderEtag(*current)) {
      return Aborted("ETAG_MISMATCH", absl::StrCat("stakeholders/", patch.id, " changed since ",
                                                   etag, "; read it again"));
    }
    auto updated = ApplyStakeholderMask(*current, patch, mask);
    if (!updated.ok()) return updated.status();
    if (auto st = CheckCanUpdateStakeholder(caller, *current, *updated); !st.ok()) return st;
    if (auto st = ValidateStakeholder(*updated); !st.ok()) return st;
    updated->update_time = StorableNow(*clock_);
    StampEcosocStatus(&*current, caller, updated->update_time, *updated);
    WriteAudit audit{caller.ToString(), updated->update_time, {}};
    if (auto note = EcosocStatusSet(&*current, *updated)) audit.entries.push_back(*std::move(note));
    auto stored = store_->Update(*current, *updated, audit);
    // A concurrent writer without an etag of its own: read again and reapply.
    if (stored.ok() || stored.status().code() != absl::StatusCode::kAborted || !etag.empty()) {
      return stored;
    }
    last = stored.status();
  }
  return last;
}

absl::Status StakeholderRegistry::Delete(const Principal& caller, const std::string& id,
                                         const std::string& etag) {
  if (!IsReadableResourceId(id)) {
    return InvalidArgument("INVALID_NAME", "name", "must be stakeholders/{stakeholder_id}");
  }
  if (auto st = CheckCanEditStakeholder(caller, id); !st.ok()) return st;
  absl::Status last;
  for (int attempt = 0; attempt < kMaxWriteAttempts; ++attempt) {
    auto current = store_->Get(id);
    if (!current.ok()) return current.status();
    if (!etag.empty() && etag != StakeholderEtag(*current)) {
      return Aborted("ETAG_MISMATCH",
                     absl::StrCat("stakeholders/", id, " changed since ", etag, "; read it again"));
    }
    auto referrers = store_->Referrers(id);
    if (!referrers.ok()) return referrers.status();
    const absl::Time now = StorableNow(*clock_);
    std::vector<Stakeholder> after;
    after.reserve(referrers->size());
    for (const Stakeholder& r : *referrers) {
      after.push_back(
          WithoutReference(r, id, ReferenceRemoval::Cause::kStakeholderDeleted, caller, now));
    }
    last = store_->Delete(*current, *referrers, after,
                          {caller.ToString(), now, {StakeholderDeleted(*current, *referrers)}});
    // Someone named it, or changed a referrer, since the read: read again.
    if (ErrorReason(last) != "REFERRERS_CHANGED") return last;
  }
  return last;
}

absl::StatusOr<StakeholderListing> StakeholderRegistry::ListReferrers(
    const Principal& caller, const std::string& id, int page_size, const std::string& page_token) {
  if (!IsReadableResourceId(id)) {
    return InvalidArgument("INVALID_NAME", "name", "must be stakeholders/{stakeholder_id}");
  }
  if (auto st = CheckCanSeeReferrers(caller, id); !st.ok()) return st;
  auto size = ResolvePageSize(page_size);
  if (!size.ok()) return size.status();
  const uint64_t fingerprint = QueryFingerprint(absl::StrCat("referrers:", id));
  std::string after;
  if (!page_token.empty()) {
    auto decoded = DecodePageToken(page_token, fingerprint);
    if (!decoded.ok()) return decoded.status();
    after = *std::move(decoded);
  }
  auto referrers = store_->Referrers(id);
  if (!referrers.ok()) return referrers.status();
  bool more = false;
  StakeholderListing out;
  out.stakeholders = ReferrerPage(*std::move(referrers), after, *size, &more);
  if (more && !out.stakeholders.empty()) {
    out.next_page_token = EncodePageToken(fingerprint, out.stakeholders.back().id);
  }
  return out;
}

absl::StatusOr<Stakeholder> StakeholderRegistry::RemoveReference(const Principal& caller,
                                                                 const std::string& id,
                                                                 const std::string& referrer_id) {
  if (!IsReadableResourceId(id)) {
    return InvalidArgument("INVALID_NAME", "name", "must be stakeholders/{stakeholder_id}");
  }
  if (!IsReadableResourceId(referrer_id)) {
    return InvalidArgument("INVALID_NAME", "referrer", "must be stakeholders/{stakeholder_id}");
  }
  if (auto st = CheckCanEditStakeholder(caller, id); !st.ok()) return st;
  absl::Status last;
  for (int attempt = 0; attempt < kMaxWriteAttempts; ++attempt) {
    auto referrer = store_->Get(referrer_id);
    if (!referrer.ok()) return referrer.status();
    if (!RefersTo(*referrer, id)) {
      return NotFound("REFERENCE_NOT_FOUND", absl::StrCat("stakeholders/", referrer_id,
                                                          " does not name stakeholders/", id));
    }
    const absl::Time now = StorableNow(*clock_);
    auto stored = store_->Update(
        *referrer, WithoutReference(*referrer, id, ReferenceRemoval::Cause::kDisowned, caller, now),
        {caller.ToString(), now, {ReferenceRemoved(id, *referrer)}});
    if (stored.ok() || stored.status().code() != absl::StatusCode::kAborted) return stored;
    last = stored.status();
  }
  return last;
}

}  // namespace polylateral::registry
