#include "common/audit/chain_verifier.h"

#include "absl/strings/str_cat.h"
#include "common/audit/canonical.h"

namespace polylateral::audit {

bool ChainVerifier::Break(uint64_t seq, std::string reason) {
  broken_ = true;
  failure_ = ChainBreak{seq, std::move(reason)};
  return false;
}

bool ChainVerifier::Add(const AuditEntry& entry, absl::string_view recorded_hash) {
  if (broken_) return false;
  if (!started_) {
    hash_ = GenesisHash();
    started_ = true;
  }
  const uint64_t expected = last_seq_ + 1;
  if (entry.seq != expected) {
    return Break(expected, entry.seq > expected
                               ? absl::StrCat("missing: the next entry is ", entry.seq)
                               : absl::StrCat("out of order: found ", entry.seq));
  }
  if (entry.version < version_) {
    return Break(entry.seq,
                 absl::StrCat("chain version goes back from ", version_, " to ", entry.version));
  }
  version_ = entry.version;
  if (entry.withheld) {
    // Only a v1 entry can need withholding: a v2 one hides what it must by its salted digests.
    if (entry.version != kChainV1) return Break(entry.seq, "a v2 entry is withheld");
    if (recorded_hash.size() != 32) return Break(entry.seq, "withheld without its seal");
    hash_ = std::string(recorded_hash);
    ++withheld_;
    checked_from_ = entry.seq + 1;
  } else {
    absl::StatusOr<std::string> hash = ChainHash(entry, hash_);
    if (!hash.ok()) return Break(entry.seq, std::string(hash.status().message()));
    if (!recorded_hash.empty() && *hash != recorded_hash) {
      return Break(entry.seq, "content does not match its seal");
    }
    hash_ = *std::move(hash);
  }
  last_seq_ = entry.seq;
  if (last_seq_ == head_.seq && hash_ != head_.hash) {
    return Break(last_seq_, "chain does not end at the signed head's hash");
  }
  return true;
}

bool ChainVerifier::Finish() {
  if (broken_) return false;
  if (last_seq_ < head_.seq) {
    return Break(last_seq_ + 1, absl::StrCat("missing: the export ends at ", last_seq_,
                                             ", the head is at ", head_.seq));
  }
  if (head_.seq == 0 && head_.hash != GenesisHash()) {
    return Break(0, "an empty head must carry the genesis hash");
  }
  return true;
}

}  // namespace polylateral::audit
