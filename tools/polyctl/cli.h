#ifndef POLYLATERAL_TOOLS_POLYCTL_CLI_H_
#define POLYLATERAL_TOOLS_POLYCTL_CLI_H_

// What every polyctl command gets: the connection, the output choice and its arguments.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "tools/polyctl/connection.h"
#include "tools/polyctl/output.h"

namespace polylateral::polyctl {

struct Cli {
  Connection* connection = nullptr;
  OutputFormat format = OutputFormat::kTable;
  // --columns; empty: the kind's defaults.
  std::vector<std::string> columns;
  // list: the page size asked (0: the service's default) and whether to follow every page.
  int page_size = 0;
  std::string page_token;
  bool all_pages = false;
  // The command's words after the command itself.
  std::vector<std::string> args;
  FILE* out = stdout;
  FILE* err = stderr;
};

// Each returns an ExitCode (exit_codes.h).
int RunGet(Cli& cli);
int RunList(Cli& cli);
int RunApply(Cli& cli, const std::string& file);
int RunDelete(Cli& cli, const std::string& etag);
// submit, review, object, suspend, draw, inbox pull|ack, ...: `command` names the action.
int RunAction(Cli& cli, const std::string& command);
// call SERVICE METHOD [JSON]
int RunCall(Cli& cli);
int RunImport(Cli& cli, bool dry_run, int parallel);
int RunExport(Cli& cli, const std::string& format, const std::string& out_path);

// Whether `command` is one of RunAction's.
bool IsAction(const std::string& command);
// One line per action, for the usage text.
std::string ActionsHelp();

// "field=value" words as a JSON request of `method` ("/pkg.Service/Method"): each value typed
// by the request field it names (numbers, booleans, enums by name, repeated fields repeat,
// messages as JSON). INVALID_ARGUMENT naming the word.
absl::StatusOr<nlohmann::json> RequestFromWords(const std::string& method,
                                                const std::vector<std::string>& words,
                                                nlohmann::json request);

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_CLI_H_
