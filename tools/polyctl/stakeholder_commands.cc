// polyctl import and export: stakeholders between files and the registry, with the typed
// registry stub (the bulk path, many calls in flight).
#include <fstream>
#include <mutex>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "tools/polyctl/cli.h"
#include "tools/polyctl/csv.h"
#include "tools/polyctl/exit_codes.h"
#include "tools/polyctl/progress_bar.h"
#include "tools/polyctl/resource_kinds.h"
#include "tools/polyctl/stakeholder_import.h"
#include "tools/polyctl/stakeholder_rows.h"

namespace polylateral::polyctl {
namespace {

namespace v1 = registry::v1;

constexpr char kListStakeholders[] = "/polylateral.registry.v1.RegistryService/ListStakeholders";

bool ReadWholeFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  *text = s.str();
  return true;
}

std::string Where(const RowProblem& p) {
  if (p.row == 0) return "file";
  return p.column.empty() ? absl::StrCat("row ", p.row)
                          : absl::StrCat("row ", p.row, ", column ", p.column);
}

int ReportProblems(Cli& cli, const std::vector<RowProblem>& problems) {
  if (cli.format == OutputFormat::kJson) {
    nlohmann::json list = nlohmann::json::array();
    for (const RowProblem& p : problems) {
      list.push_back({{"row", p.row}, {"column", p.column}, {"reason", p.reason}});
    }
    std::fprintf(cli.out, "%s\n", nlohmann::json({{"problems", list}}).dump(2).c_str());
  }
  for (const RowProblem& p : problems) {
    std::fprintf(cli.err, "%s: %s\n", Where(p).c_str(), p.reason.c_str());
  }
  std::fprintf(cli.err, "%zu problem(s); nothing was imported\n", problems.size());
  return kExitBadInput;
}

absl::StatusOr<std::unique_ptr<v1::RegistryService::Stub>> RegistryStub(Cli& cli) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = cli.connection->Channel("registry");
  if (!channel.ok()) return channel.status();
  return v1::RegistryService::NewStub(*channel);
}

}  // namespace

int RunImport(Cli& cli, bool dry_run, int parallel) {
  if (cli.args.size() != 1) {
    std::fprintf(cli.err, "usage: polyctl import FILE.csv|FILE.json\n");
    return kExitUsage;
  }
  const std::string& path = cli.args[0];
  std::string text;
  if (!ReadWholeFile(path, &text)) {
    std::fprintf(cli.err, "cannot read %s\n", path.c_str());
    return kExitUsage;
  }
  StakeholderFile file =
      absl::EndsWith(path, ".json") ? ReadStakeholderJson(text) : ReadStakeholderCsv(text);
  const std::vector<std::vector<size_t>> waves = ImportWaves(file.rows, &file.problems);
  if (!file.problems.empty()) return ReportProblems(cli, file.problems);
  if (dry_run) {
    std::fprintf(cli.out, "%zu row(s) valid; nothing written (--dry_run)\n", file.rows.size());
    return kExitOk;
  }

  absl::StatusOr<std::unique_ptr<v1::RegistryService::Stub>> stub = RegistryStub(cli);
  if (!stub.ok()) {
    std::fprintf(cli.err, "%s\n", std::string(stub.status().message()).c_str());
    return kExitUsage;
  }
  ProgressBar bar(cli.out, static_cast<int>(file.rows.size()));
  std::mutex bar_mu;
  absl::Time last_draw = absl::InfinitePast();
  ImportOptions options;
  options.parallel = parallel;
  options.progress = [&](int done, int created, int existing, int failed) {
    if (!bar.enabled()) return;
    std::lock_guard<std::mutex> lock(bar_mu);
    // A redraw at most every 100 ms: a terminal is slower than the registry.
    const absl::Time now = absl::Now();
    if (now - last_draw < absl::Milliseconds(100) && done < static_cast<int>(file.rows.size())) {
      return;
    }
    last_draw = now;
    bar.Show(done, absl::StrCat(created, " created, ", existing, " existing, ", failed, " failed"));
  };
  const absl::Time start = absl::Now();
  const ImportReport report =
      ImportStakeholders(**stub, *cli.connection, file.rows, waves, options);
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  {
    std::lock_guard<std::mutex> lock(bar_mu);
    bar.Finish();
  }

  if (cli.format == OutputFormat::kJson) {
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& f : report.failures) {
      nlohmann::json e = CallErrorJson(f.error)["error"];
      failures.push_back({{"row", f.row}, {"id", f.id}, {"error", e}});
    }
    std::fprintf(cli.out, "%s\n",
                 nlohmann::json({{"rows", file.rows.size()},
                                 {"created", report.created},
                                 {"existing", report.existing},
                                 {"failed", failures},
                                 {"seconds", seconds}})
                     .dump(2)
                     .c_str());
  } else {
    std::fprintf(cli.out, "%zu rows: %d created, %d existing, %zu failed (%.2f s)\n",
                 file.rows.size(), report.created, report.existing, report.failures.size(),
                 seconds);
  }
  for (const auto& f : report.failures) {
    std::fprintf(cli.err, "row %d (%s): %s\n", f.row, f.id.c_str(),
                 FormatCallError(f.error).c_str());
  }
  return report.failures.empty() ? kExitOk : kExitPartial;
}

int RunExport(Cli& cli, const std::string& format, const std::string& out_path) {
  if (cli.args.empty() || FindKind(cli.args[0]) == nullptr ||
      FindKind(cli.args[0])->kind != "stakeholders" || (format != "csv" && format != "json")) {
    std::fprintf(cli.err,
                 "usage: polyctl export stakeholders [FILTER=VALUE...] --format csv|json "
                 "[--out FILE]\n");
    return kExitUsage;
  }
  absl::StatusOr<nlohmann::json> filters = RequestFromWords(
      kListStakeholders, std::vector<std::string>(cli.args.begin() + 1, cli.args.end()), {});
  if (!filters.ok()) {
    std::fprintf(cli.err, "%s\n", std::string(filters.status().message()).c_str());
    return kExitUsage;
  }
  v1::ListStakeholdersRequest req;
  if (!google::protobuf::util::JsonStringToMessage(filters->dump(), &req).ok()) {
    std::fprintf(cli.err, "bad filter\n");
    return kExitUsage;
  }
  req.set_page_size(200);
  absl::StatusOr<std::unique_ptr<v1::RegistryService::Stub>> stub = RegistryStub(cli);
  if (!stub.ok()) {
    std::fprintf(cli.err, "%s\n", std::string(stub.status().message()).c_str());
    return kExitUsage;
  }

  std::string text = format == "csv" ? CsvLine(StakeholderColumns()) : "[\n";
  int count = 0;
  do {
    v1::ListStakeholdersResponse page;
    auto ctx = cli.connection->NewContext();
    const grpc::Status st = (*stub)->ListStakeholders(ctx.get(), req, &page);
    if (!st.ok()) {
      const CallError e = DecodeCallError(st);
      std::fprintf(cli.err, "%s\n", FormatCallError(e).c_str());
      return ExitCodeOf(e);
    }
    for (const v1::Stakeholder& s : page.stakeholders()) {
      if (format == "csv") {
        text += CsvLine(StakeholderCsvFields(s));
      } else {
        std::string json;
        (void)google::protobuf::util::MessageToJsonString(s, &json);
        absl::StrAppend(&text, count > 0 ? ",\n" : "", "  ", json);
      }
      ++count;
    }
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  if (format == "json") text += count > 0 ? "\n]\n" : "]\n";

  if (out_path.empty() || out_path == "-") {
    std::fwrite(text.data(), 1, text.size(), cli.out);
  } else {
    std::ofstream out(out_path, std::ios::binary);
    out << text;
    if (!out) {
      std::fprintf(cli.err, "cannot write %s\n", out_path.c_str());
      return kExitUsage;
    }
    std::fprintf(cli.err, "%d stakeholder(s) written to %s\n", count, out_path.c_str());
  }
  return kExitOk;
}

}  // namespace polylateral::polyctl
