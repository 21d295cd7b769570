#include "common/server/audit_flags.h"

#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/server/service_main.h"

ABSL_FLAG(std::string, audit_signing_key, "",
          "Ed25519 private key (PEM) that signs the audit log's heads "
          "[POLYLATERAL_AUDIT_SIGNING_KEY]; none: heads are not published");
ABSL_FLAG(std::string, audit_head_interval, "",
          "how often a signed audit head is published [POLYLATERAL_AUDIT_HEAD_INTERVAL], "
          "default 60s");

namespace polylateral::server {

absl::StatusOr<audit::AuditWorkerOptions> AuditOptionsFromFlags() {
  audit::AuditWorkerOptions options;
  const std::string interval =
      FlagOrEnv(absl::GetFlag(FLAGS_audit_head_interval), "POLYLATERAL_AUDIT_HEAD_INTERVAL", "60s");
  if (!absl::ParseDuration(interval, &options.head_interval) ||
      options.head_interval <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--audit_head_interval must be a positive duration: ", interval));
  }
  const std::string key =
      FlagOrEnv(absl::GetFlag(FLAGS_audit_signing_key), "POLYLATERAL_AUDIT_SIGNING_KEY", "");
  if (!key.empty()) {
    absl::StatusOr<audit::HeadSigner> signer = audit::HeadSigner::FromPemFile(key);
    if (!signer.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--audit_signing_key: ", signer.status().message()));
    }
    options.signer = std::make_shared<const audit::HeadSigner>(*std::move(signer));
  }
  return options;
}

}  // namespace polylateral::server
