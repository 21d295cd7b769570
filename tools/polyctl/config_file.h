#ifndef POLYLATERAL_TOOLS_POLYCTL_CONFIG_FILE_H_
#define POLYLATERAL_TOOLS_POLYCTL_CONFIG_FILE_H_

// polyctl's configuration file: the defaults of its flags, one `flag: value` a line ('#'
// starts a comment; quotes around a value are dropped), or one JSON object of the same keys.
// The command line wins over the file.

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polylateral::polyctl {

// The key/value pairs of a configuration file's text. INVALID_ARGUMENT naming the line.
absl::StatusOr<std::map<std::string, std::string>> ParseConfig(absl::string_view text);

// The file polyctl reads when --config is not given: $POLYCTL_CONFIG, else
// $XDG_CONFIG_HOME/polyctl/config.yaml, else ~/.config/polyctl/config.yaml ("" when none
// exists).
std::string DefaultConfigPath();

// Sets the flags a configuration file names (before the command line is parsed, which then
// wins). INVALID_ARGUMENT for an unknown flag or a bad value.
absl::Status ApplyConfigFile(const std::string& path);

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_CONFIG_FILE_H_
