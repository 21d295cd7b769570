#ifndef POLYLATERAL_COMMON_AUDIT_CHAIN_VERIFIER_H_
#define POLYLATERAL_COMMON_AUDIT_CHAIN_VERIFIER_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "common/audit/audit_entry.h"
#include "common/audit/signed_head.h"

namespace polylateral::audit {

// The first place an export stops matching its signed head.
struct ChainBreak {
  uint64_t seq = 0;
  std::string reason;
};

// Walks an export from seq 1 in order and checks it against a signed head (whose signature
// the caller has checked with HeadVerifier). An edited entry breaks at its own seq when the
// export carries each entry's seal, else at the head; a dropped, reordered or duplicated entry
// breaks where the sequence jumps; a truncated export breaks at the first missing seq.
// Entries after the head's seq are counted but not covered by the signature. Each entry is
// hashed under its own chain version; a log switches from v1 to v2 once and never back. A
// withheld v1 entry (AuditEntry::withheld) is taken at its recorded seal: the entries after it
// are checked against the head, those before it only against their own seals.
class ChainVerifier final {
 public:
  explicit ChainVerifier(SignedHead head) : head_(std::move(head)) {}

  // Feeds the next entry and the seal the export recorded for it (empty: none). False once the
  // chain has broken; later calls are ignored.
  bool Add(const AuditEntry& entry, absl::string_view recorded_hash);
  // After the last entry: false when the export ended before the head's seq.
  bool Finish();

  bool broken() const { return broken_; }
  const ChainBreak& failure() const { return failure_; }
  uint64_t last_seq() const { return last_seq_; }
  // Entries after the head's seq (present, chained, not signed).
  uint64_t unsigned_entries() const { return last_seq_ > head_.seq ? last_seq_ - head_.seq : 0; }
  // Withheld entries seen, and the first seq from which the chain is checked to the head (1
  // when none was withheld).
  uint64_t withheld_entries() const { return withheld_; }
  uint64_t checked_from() const { return checked_from_; }

 private:
  bool Break(uint64_t seq, std::string reason);

  const SignedHead head_;
  uint64_t last_seq_ = 0;
  std::string hash_;             // hash_{last_seq_}; GenesisHash() before the first entry
  uint32_t version_ = kChainV1;  // the last entry's chain version
  uint64_t withheld_ = 0;
  uint64_t checked_from_ = 1;
  bool started_ = false;
  bool broken_ = false;
  ChainBreak failure_;
};

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_CHAIN_VERIFIER_H_
