#ifndef POLYLATERAL_SERVICES_GATEWAY_PATH_TEMPLATE_H_
#define POLYLATERAL_SERVICES_GATEWAY_PATH_TEMPLATE_H_

// google.api.http path templates: parsing ("/v1/{name=processes/*/applications/*}:submit")
// and matching a request path against one, giving each variable's value. Plain C++: the
// route table feeds it the strings from the descriptors.
//
//   Template = "/" Segments [ ":" Verb ]
//   Segment  = "*" (one segment) | "**" (one or more) | LITERAL | "{" field.path [ "=" Segments ]
//   "}"
//
// A variable without "=" is one segment. A path whose last segment has a ':' matches only a
// template with that verb, so "/v1/stakeholders/x:frobnicate" is not GetStakeholder of
// "stakeholders/x:frobnicate".

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polylateral::gateway {

// A variable's field path ("stakeholder.name") and the value it matched.
using PathBindings = std::vector<std::pair<std::string, std::string>>;

class PathTemplate final {
 public:
  // INVALID_ARGUMENT naming what is wrong with `text`.
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // The variables' values when `path` (without the query string, percent-encoded) matches;
  // nullopt otherwise. Values are percent-decoded segment by segment.
  std::optional<PathBindings> Match(absl::string_view path) const;

  const std::string& text() const { return text_; }
  const std::string& verb() const { return verb_; }
  // Precedence among templates that may match the same path: fewer "**", then more literal
  // segments, then fewer "*", come first.
  bool MoreSpecificThan(const PathTemplate& other) const;
  // For OpenAPI: the path with each variable as "{field.path}" ("/v1/{name}:submit"), and each
  // variable's field path with its own pattern ("processes/*/applications/*").
  std::string OpenApiPath() const;
  std::vector<std::pair<std::string, std::string>> Variables() const;

 private:
  struct Segment {
    enum class Kind { kLiteral, kStar, kDoubleStar };
    Kind kind = Kind::kLiteral;
    std::string literal;
  };
  struct Variable {
    std::string field_path;
    size_t begin = 0;  // segment indexes [begin, end)
    size_t end = 0;
  };

  bool MatchFrom(size_t ti, const std::vector<std::string>& parts, size_t pi,
                 std::vector<size_t>* ends) const;

  std::string text_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
  int double_stars_ = 0;
  int stars_ = 0;
  int literals_ = 0;
};

// "%2F" and friends decoded; nullopt on a malformed escape.
std::optional<std::string> PercentDecode(absl::string_view text);

}  // namespace polylateral::gateway

#endif  // POLYLATERAL_SERVICES_GATEWAY_PATH_TEMPLATE_H_
