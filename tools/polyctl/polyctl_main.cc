// polyctl: the command line for secretariat staff and operators, speaking gRPC to the four
// services directly (mutual TLS with a principal's certificate). docs/polyctl.md.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "tools/polyctl/cli.h"
#include "tools/polyctl/config_file.h"
#include "tools/polyctl/exit_codes.h"

ABSL_FLAG(std::string, config, "",
          "configuration file of flag defaults (default: $POLYCTL_CONFIG, else "
          "~/.config/polyctl/config.yaml when it exists)");
ABSL_FLAG(std::string, registry, "127.0.0.1:50051", "registry address HOST:PORT");
ABSL_FLAG(std::string, accreditation, "127.0.0.1:50052", "accreditation address");
ABSL_FLAG(std::string, composition, "127.0.0.1:50053", "composition address");
ABSL_FLAG(std::string, routing, "127.0.0.1:50054", "routing address");
ABSL_FLAG(std::string, as, "operator:ops",
          "principal KIND:ID; under TLS picks <tls_dir>/<kind>-<id>.crt/.key");
ABSL_FLAG(std::string, tls_dir, "var/tls", "scripts/dev-ca directory of certificates");
ABSL_FLAG(std::string, cert, "", "client certificate (PEM), instead of the --as file");
ABSL_FLAG(std::string, key, "", "client key (PEM), instead of the --as file");
ABSL_FLAG(std::string, ca, "",
          "CA bundle that signs the services' certificates (default <tls_dir>/ca.crt)");
ABSL_FLAG(std::string, trust_domain, "polylateral", "SPIFFE trust domain of the services");
ABSL_FLAG(bool, plaintext, false,
          "no TLS: the principal goes in the x-polylateral-principal header (loopback "
          "development only)");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(30), "deadline of each call");
ABSL_FLAG(std::string, output, "table", "table or json (-o json)");
ABSL_FLAG(std::string, columns, "", "table columns, comma-separated JSON field paths");
ABSL_FLAG(int, page_size, 0, "list: results per page (0: the service's default)");
ABSL_FLAG(std::string, page_token, "", "list: the page to start from");
ABSL_FLAG(bool, all, false, "list: follow every page");
ABSL_FLAG(std::string, file, "", "apply: the resource file, JSON or YAML (-f)");
ABSL_FLAG(std::string, etag, "", "delete: fail with ABORTED unless the resource has this etag");
ABSL_FLAG(bool, dry_run, false, "import: check every row, write nothing");
ABSL_FLAG(int, parallel, 16, "import: calls in flight");
ABSL_FLAG(std::string, format, "csv", "export: csv or json");
ABSL_FLAG(std::string, out, "", "export: the file to write (default stdout)");

namespace {

using namespace polylateral::polyctl;  // NOLINT(google-build-using-namespace): main only

constexpr char kUsage[] = R"(polyctl [FLAGS] COMMAND ...
  polyctl get NAME | get KIND ID            one resource (stakeholders/acme)
  polyctl list KIND [PARENT] [FIELD=VALUE...] [--all]   with the List filters
  polyctl apply -f FILE.yaml|FILE.json      create, or update by etag, the resources named
  polyctl delete NAME [--etag ETAG]
  polyctl import FILE.csv|FILE.json         stakeholders; every row checked first
  polyctl export stakeholders [FIELD=VALUE...] --format csv|json [--out FILE]
  polyctl call SERVICE METHOD [JSON]        any unary method
)";

// Single-dash short flags people expect ("-o json", "-f file") as absl's long ones.
std::vector<char*> ExpandShortFlags(int argc, char** argv, std::vector<std::string>* storage) {
  storage->reserve(argc);
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-o") a = "--output";
    if (a == "-f") a = "--file";
    if (absl::StartsWith(a, "-o=")) a = "--output=" + a.substr(3);
    if (absl::StartsWith(a, "-f=")) a = "--file=" + a.substr(3);
    storage->push_back(a);
  }
  std::vector<char*> out;
  for (std::string& s : *storage) out.push_back(s.data());
  return out;
}

// The --config value from the raw command line (the file must be read before the flags are
// parsed, so that the command line wins over it).
std::string ConfigPath(const std::vector<char*>& args) {
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string a = args[i];
    if (a == "--") break;
    if (absl::StartsWith(a, "--config=")) return a.substr(9);
    if ((a == "--config" || a == "-config") && i + 1 < args.size()) return args[i + 1];
  }
  return DefaultConfigPath();
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(absl::StrCat(kUsage, ActionsHelp()));
  std::vector<std::string> storage;
  std::vector<char*> args = ExpandShortFlags(argc, argv, &storage);
  if (const std::string config = ConfigPath(args); !config.empty()) {
    if (absl::Status st = ApplyConfigFile(config); !st.ok()) {
      std::fprintf(stderr, "polyctl: %s\n", std::string(st.message()).c_str());
      return kExitUsage;
    }
  }
  std::vector<char*> positional =
      absl::ParseCommandLine(static_cast<int>(args.size()), args.data());
  if (positional.size() < 2) {
    std::fprintf(stderr, "%s%s", kUsage, ActionsHelp().c_str());
    return kExitUsage;
  }

  ConnectionOptions options;
  options.targets = {{"registry", absl::GetFlag(FLAGS_registry)},
                     {"accreditation", absl::GetFlag(FLAGS_accreditation)},
                     {"composition", absl::GetFlag(FLAGS_composition)},
                     {"routing", absl::GetFlag(FLAGS_routing)}};
  options.as = absl::GetFlag(FLAGS_as);
  options.tls_dir = absl::GetFlag(FLAGS_tls_dir);
  options.cert = absl::GetFlag(FLAGS_cert);
  options.key = absl::GetFlag(FLAGS_key);
  options.ca = absl::GetFlag(FLAGS_ca);
  options.trust_domain = absl::GetFlag(FLAGS_trust_domain);
  options.plaintext = absl::GetFlag(FLAGS_plaintext);
  options.timeout = absl::GetFlag(FLAGS_timeout);
  Connection connection(options);

  Cli cli;
  cli.connection = &connection;
  const std::string output = absl::GetFlag(FLAGS_output);
  if (output != "table" && output != "json") {
    std::fprintf(stderr, "polyctl: --output is table or json\n");
    return kExitUsage;
  }
  cli.format = output == "json" ? OutputFormat::kJson : OutputFormat::kTable;
  for (absl::string_view c : absl::StrSplit(absl::GetFlag(FLAGS_columns), ',', absl::SkipEmpty())) {
    cli.columns.emplace_back(c);
  }
  cli.page_size = absl::GetFlag(FLAGS_page_size);
  cli.page_token = absl::GetFlag(FLAGS_page_token);
  cli.all_pages = absl::GetFlag(FLAGS_all);
  const std::string command = positional[1];
  cli.args.assign(positional.begin() + 2, positional.end());

  if (command == "get") return RunGet(cli);
  if (command == "list") return RunList(cli);
  if (command == "apply") return RunApply(cli, absl::GetFlag(FLAGS_file));
  if (command == "delete") return RunDelete(cli, absl::GetFlag(FLAGS_etag));
  if (command == "import") {
    return RunImport(cli, absl::GetFlag(FLAGS_dry_run), absl::GetFlag(FLAGS_parallel));
  }
  if (command == "export") {
    return RunExport(cli, absl::GetFlag(FLAGS_format), absl::GetFlag(FLAGS_out));
  }
  if (command == "call") return RunCall(cli);
  if (IsAction(command)) return RunAction(cli, command);
  std::fprintf(stderr, "polyctl: unknown command '%s'\n%s%s", command.c_str(), kUsage,
               ActionsHelp().c_str());
  return kExitUsage;
}
