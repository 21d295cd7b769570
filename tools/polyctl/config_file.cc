#include "tools/polyctl/config_file.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "nlohmann/json.hpp"

namespace polylateral::polyctl {

absl::StatusOr<std::map<std::string, std::string>> ParseConfig(absl::string_view text) {
  std::map<std::string, std::string> out;
  if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(text), "{")) {
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_object()) return absl::InvalidArgumentError("config: not a JSON object");
    for (const auto& [key, value] : doc.items()) {
      out[key] = value.is_string() ? value.get<std::string>() : value.dump();
    }
    return out;
  }
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    if (const size_t hash = line.find('#'); hash != absl::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("config line ", line_no, ": expected key: value"));
    }
    const std::string key(absl::StripAsciiWhitespace(line.substr(0, colon)));
    absl::string_view value = absl::StripAsciiWhitespace(line.substr(colon + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    out[key] = std::string(value);
  }
  return out;
}

std::string DefaultConfigPath() {
  if (const char* env = std::getenv("POLYCTL_CONFIG"); env != nullptr && *env != '\0') return env;
  std::string dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0') {
    dir = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    dir = absl::StrCat(home, "/.config");
  } else {
    return "";
  }
  std::string path = absl::StrCat(dir, "/polyctl/config.yaml");
  return access(path.c_str(), R_OK) == 0 ? path : "";
}

absl::Status ApplyConfigFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read config file ", path));
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<std::map<std::string, std::string>> config = ParseConfig(text.str());
  if (!config.ok()) return config.status();
  for (const auto& [key, value] : *config) {
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(key);
    std::string error;
    if (flag == nullptr || key == "config") {
      return absl::InvalidArgumentError(absl::StrCat(path, ": unknown setting '", key, "'"));
    }
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", key, ": ", error));
    }
  }
  return absl::OkStatus();
}

}  // namespace polylateral::polyctl
