#ifndef POLYLATERAL_TOOLS_AUDIT_VERIFY_EXPORT_H_
#define POLYLATERAL_TOOLS_AUDIT_VERIFY_EXPORT_H_

#include <cstdint>
#include <istream>
#include <string>

#include "absl/strings/string_view.h"
#include "common/audit/chain_verifier.h"

namespace polylateral::audit {

struct VerifyOutcome {
  bool ok = false;
  ChainBreak failure;    // when !ok: the first bad sequence and why (seq 0: the head itself)
  uint64_t entries = 0;  // lines read
  uint64_t head_seq = 0;
  uint64_t unsigned_entries = 0;
  uint64_t withheld_entries = 0;  // v1 entries shown by their seal only
  uint64_t checked_from = 1;      // the chain is checked to the head from this seq on
};

// Checks an export (JSON lines, audit_json.h) read from `export_lines` against a signed head
// (JSON) and the Ed25519 public key (PEM) that must have signed it.
VerifyOutcome VerifyExport(std::istream& export_lines, absl::string_view head_json,
                           absl::string_view public_key_pem);

}  // namespace polylateral::audit

#endif  // POLYLATERAL_TOOLS_AUDIT_VERIFY_EXPORT_H_
