#include "tools/audit/verify_export.h"

#include "absl/strings/str_cat.h"
#include "common/audit/signed_head.h"
#include "common/audit_store/audit_json.h"

namespace polylateral::audit {

VerifyOutcome VerifyExport(std::istream& export_lines, absl::string_view head_json,
                           absl::string_view public_key_pem) {
  VerifyOutcome out;
  absl::StatusOr<SignedHead> head = DecodeHead(head_json);
  if (!head.ok()) {
    out.failure = {0, absl::StrCat("head: ", head.status().message())};
    return out;
  }
  out.head_seq = head->seq;
  absl::StatusOr<HeadVerifier> key = HeadVerifier::FromPem(public_key_pem);
  if (!key.ok()) {
    out.failure = {0, std::string(key.status().message())};
    return out;
  }
  if (absl::Status s = key->Verify(*head); !s.ok()) {
    out.failure = {0, absl::StrCat("head: ", s.message())};
    return out;
  }
  ChainVerifier chain(*head);
  std::string line;
  while (std::getline(export_lines, line)) {
    if (line.empty()) continue;
    ++out.entries;
    absl::StatusOr<ExportLine> parsed = DecodeExportLine(line);
    if (!parsed.ok()) {
      out.failure = {chain.last_seq() + 1,
                     absl::StrCat("line ", out.entries, ": ", parsed.status().message())};
      return out;
    }
    if (!chain.Add(parsed->entry, parsed->hash)) break;
  }
  out.ok = chain.Finish();
  if (!out.ok) out.failure = chain.failure();
  out.unsigned_entries = chain.unsigned_entries();
  out.withheld_entries = chain.withheld_entries();
  out.checked_from = chain.checked_from();
  return out;
}

}  // namespace polylateral::audit
