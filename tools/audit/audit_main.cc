// polylateral-audit: exports a service's audit log and verifies an export against a signed
// head (docs/audit.md).
//   polylateral-audit verify --export=log.jsonl --head=head.json --public_key=audit.pub.pem
//   polylateral-audit export --log='{rt}' --redis=127.0.0.1:6379 --redis_user=admin
//       --redis_password_file=f [--redact] [--head_out=head.json] > log.jsonl
//   polylateral-audit generate --entries=1000000 --signing_key=audit.pem --out=log.jsonl
//       --head_out=head.json        (a synthetic signed log, for benchmarks)
// Exit codes: 0 verified (or done), 1 the export does not verify (stderr names the first bad
// sequence), 2 usage or I/O.

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/audit/canonical.h"
#include "common/audit/salt.h"
#include "common/audit/signed_head.h"
#include "common/audit_store/audit_json.h"
#include "common/audit_store/redis_audit_log.h"
#include "common/redis/redis_client.h"
#include "tools/audit/verify_export.h"

ABSL_FLAG(std::string, export, "", "verify: the export, JSON lines ('-': stdin)");
ABSL_FLAG(std::string, head, "", "verify: the signed head, JSON");
ABSL_FLAG(std::string, public_key, "", "verify: the Ed25519 public key, PEM");
ABSL_FLAG(std::string, log, "", "export: the log's hash tag: {rt}, {acc}, comp:{<process>}");
ABSL_FLAG(std::string, redis, "127.0.0.1:6379", "export: Redis address");
ABSL_FLAG(std::string, redis_user, "", "export: Redis ACL user");
ABSL_FLAG(std::string, redis_password_file, "", "export: file holding the user's password");
ABSL_FLAG(bool, redact, false, "export: sensitive values as their digests");
ABSL_FLAG(std::string, head_out, "", "export, generate: write the signed head here");
ABSL_FLAG(int64_t, entries, 1000, "generate: how many entries");
ABSL_FLAG(std::string, signing_key, "", "generate: the Ed25519 private key, PEM");
ABSL_FLAG(std::string, out, "", "generate: the export file");

namespace polylateral::audit {
namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

int Usage(absl::string_view why) {
  std::cerr << "polylateral-audit: " << why << "\n";
  return 2;
}

int Verify() {
  std::string head, key;
  if (!ReadFile(absl::GetFlag(FLAGS_head), &head)) return Usage("cannot read --head");
  if (!ReadFile(absl::GetFlag(FLAGS_public_key), &key)) return Usage("cannot read --public_key");
  const std::string path = absl::GetFlag(FLAGS_export);
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Usage("cannot read --export");
  }
  std::istream& in = path == "-" ? std::cin : file;
  const absl::Time start = absl::Now();
  VerifyOutcome v = VerifyExport(in, head, key);
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (!v.ok) {
    std::cerr << absl::StrFormat("polylateral-audit: bad sequence %d: %s\n", v.failure.seq,
                                 v.failure.reason);
    return 1;
  }
  std::cout << absl::StrFormat(
      "verified: %d entries, signed head at %d (%d after it, not yet signed), %.2f s\n", v.entries,
      v.head_seq, v.unsigned_entries, seconds);
  if (v.withheld_entries > 0) {
    std::cout << absl::StrFormat(
        "%d withheld (v1 entries shown by their seal): the chain is checked to the head from seq "
        "%d on; the entries before it only against their own seals\n",
        v.withheld_entries, v.checked_from);
  }
  return 0;
}

int Export() {
  redis::RedisOptions options;
  options.address = absl::GetFlag(FLAGS_redis);
  options.user = absl::GetFlag(FLAGS_redis_user);
  if (const std::string f = absl::GetFlag(FLAGS_redis_password_file); !f.empty()) {
    if (!ReadFile(f, &options.password)) return Usage("cannot read --redis_password_file");
    while (!options.password.empty() &&
           (options.password.back() == '\n' || options.password.back() == '\r')) {
      options.password.pop_back();
    }
  }
  const std::string tag = absl::GetFlag(FLAGS_log);
  if (tag.empty()) return Usage("--log is required");
  redis::RedisClient client(options, nullptr);
  RedisAuditLog log(&client, tag);
  // The head first: every entry it covers is already in the log, so the export verifies.
  if (const std::string out = absl::GetFlag(FLAGS_head_out); !out.empty()) {
    absl::StatusOr<SignedHead> head = log.LatestHead();
    if (!head.ok()) return Usage(head.status().ToString());
    std::ofstream(out) << EncodeHead(*head) << "\n";
  }
  constexpr uint64_t kPage = 1000;
  for (uint64_t from = 1;; from += kPage) {
    absl::StatusOr<std::vector<SealedEntry>> page = log.Read(from, kPage);
    if (!page.ok()) return Usage(page.status().ToString());
    for (const SealedEntry& e : *page) {
      std::cout << EncodeExportLine(absl::GetFlag(FLAGS_redact) ? Redacted(e.entry) : e.entry,
                                    e.hash)
                << "\n";
    }
    if (page->size() < kPage) break;
  }
  return std::cout.good() ? 0 : 2;
}

int Generate() {
  std::string pem;
  if (!ReadFile(absl::GetFlag(FLAGS_signing_key), &pem)) return Usage("cannot read --signing_key");
  absl::StatusOr<HeadSigner> signer = HeadSigner::FromPem(pem);
  if (!signer.ok()) return Usage(signer.status().ToString());
  std::ofstream out(absl::GetFlag(FLAGS_out), std::ios::binary);
  if (!out) return Usage("cannot write --out");
  const int64_t n = absl::GetFlag(FLAGS_entries);
  std::string prev = GenesisHash();
  for (int64_t i = 1; i <= n; ++i) {
    // Shaped like routing's entries, with an objection-like sensitive field every tenth; the
    // first half in chain version 1, the rest in 2, where every tenth also has a sensitive
    // principal and the grounds and principal are salted as a service would.
    AuditEntry e{static_cast<uint64_t>(i),
                 1700000000000 + i,
                 "stakeholder:org-" + std::to_string(i % 97),
                 "routing.route",
                 absl::StrCat("inputs/in-", i),
                 {PlainField("destination", absl::StrCat("process:p", i % 13)),
                  PlainField("channel", "CHANNEL_FORMAL_INPUT")}};
    if (i > n / 2) e.version = kChainV2;
    if (i % 10 == 0) {
      e.fields.push_back(SensitiveField("grounds", absl::StrCat("grounds ", i)));
      if (e.version == kChainV2) {
        absl::StatusOr<std::string> salt = NewEntrySalt();
        if (!salt.ok()) return Usage(salt.status().ToString());
        e.principal_sensitive = true;
        e.principal_salt = FieldSalt(*salt, kPrincipalName, 0);
        e.fields.back().salt = FieldSalt(*salt, "grounds", 3);
      }
    }
    absl::StatusOr<std::string> hash = ChainHash(e, prev);
    if (!hash.ok()) return Usage(hash.status().ToString());
    prev = *std::move(hash);
    out << EncodeExportLine(i % 20 == 0 ? Redacted(e) : e, prev) << "\n";
  }
  SignedHead head{"{rt}", static_cast<uint64_t>(n), prev, 1700000000000 + n, "", ""};
  if (absl::Status s = signer->Sign(head); !s.ok()) return Usage(s.ToString());
  std::ofstream(absl::GetFlag(FLAGS_head_out)) << EncodeHead(head) << "\n";
  return out.good() ? 0 : 2;
}

}  // namespace
}  // namespace polylateral::audit

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "polylateral-audit verify|export|generate [flags]: the audit log's export and its check");
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  if (args.size() != 2) return polylateral::audit::Usage("one command: verify, export, generate");
  const std::string command = args[1];
  if (command == "verify") return polylateral::audit::Verify();
  if (command == "export") return polylateral::audit::Export();
  if (command == "generate") return polylateral::audit::Generate();
  return polylateral::audit::Usage("unknown command " + command);
}
