#include "tools/polyctl/structured_file.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "yaml-cpp/yaml.h"

namespace polylateral::polyctl {
namespace {

nlohmann::json FromYaml(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(FromYaml(item));
      return out;
    }
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& kv : node) out[kv.first.as<std::string>()] = FromYaml(kv.second);
      return out;
    }
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      // A quoted scalar has the tag "!": always a string.
      if (node.Tag() != "!") {
        if (text == "true" || text == "false") return text == "true";
        if (text == "null" || text == "~") return nullptr;
        int64_t n = 0;
        if (absl::SimpleAtoi(text, &n)) return n;
        double d = 0;
        if (absl::SimpleAtod(text, &d) &&
            text.find_first_not_of("0123456789.-+eE") == std::string::npos) {
          return d;
        }
      }
      return text;
    }
    default:
      return nullptr;
  }
}

}  // namespace

absl::StatusOr<nlohmann::json> ReadStructuredFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (absl::EndsWith(path, ".yaml") || absl::EndsWith(path, ".yml")) {
    try {
      return FromYaml(YAML::Load(text.str()));
    } catch (const YAML::Exception& e) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", e.what()));
    }
  }
  nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return absl::InvalidArgumentError(absl::StrCat(path, ": not valid JSON"));
  return doc;
}

}  // namespace polylateral::polyctl
