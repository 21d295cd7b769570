#include "common/edge/access_policy.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "nlohmann/json.hpp"

namespace polylateral::server {
namespace {

bool PatternMatches(absl::string_view pattern, absl::string_view value) {
  if (!pattern.empty() && pattern.back() == '*') {
    return absl::StartsWith(value, pattern.substr(0, pattern.size() - 1));
  }
  return pattern == value;
}

}  // namespace

absl::StatusOr<AccessPolicy> AccessPolicy::Parse(absl::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return absl::InvalidArgumentError("access policy: not a JSON object");
  }
  AccessPolicy policy;
  for (const char* list : {"deny_rules", "allow_rules"}) {
    if (!doc.contains(list)) continue;
    if (!doc[list].is_array())
      return absl::InvalidArgumentError(absl::StrCat(list, ": not a list"));
    for (const auto& r : doc[list]) {
      Rule rule;
      rule.name = r.value("name", "");
      if (!r.contains("request") || !r["request"].contains("paths") ||
          !r["request"]["paths"].is_array() || r["request"]["paths"].empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("access policy rule '", rule.name, "': request.paths required"));
      }
      for (const auto& p : r["request"]["paths"]) {
        if (!p.is_string()) return absl::InvalidArgumentError("request.paths: strings only");
        rule.paths.push_back(p.get<std::string>());
      }
      if (r.contains("source")) {
        rule.any_source = false;
        for (const auto& p : r["source"].value("principals", nlohmann::json::array())) {
          if (!p.is_string()) return absl::InvalidArgumentError("source.principals: strings only");
          rule.principals.push_back(p.get<std::string>());
        }
      }
      (absl::string_view(list) == "deny_rules" ? policy.deny_ : policy.allow_)
          .push_back(std::move(rule));
    }
  }
  return policy;
}

AccessPolicy AccessPolicy::AllowAll() {
  AccessPolicy policy;
  policy.allow_.push_back(Rule{"all", {"*"}, true, {}});
  return policy;
}

bool AccessPolicy::Matches(const Rule& rule, absl::string_view method, const Principal& principal) {
  bool path_ok = false;
  for (const auto& p : rule.paths) path_ok = path_ok || PatternMatches(p, method);
  if (!path_ok) return false;
  if (rule.any_source) return true;
  if (principal.is_anonymous()) return false;
  const std::string who = principal.ToString();
  for (const auto& p : rule.principals) {
    if (PatternMatches(p, who)) return true;
  }
  return false;
}

absl::Status AccessPolicy::Check(absl::string_view method, const Principal& principal) const {
  for (const auto& rule : deny_) {
    if (Matches(rule, method, principal)) {
      return PermissionDenied("ACCESS_DENIED",
                              absl::StrCat(principal.ToString(), " may not call ", method));
    }
  }
  for (const auto& rule : allow_) {
    if (Matches(rule, method, principal)) return absl::OkStatus();
  }
  return PermissionDenied(
      "ACCESS_DENIED",
      absl::StrCat(principal.ToString(), " may not call ", method,
                   principal.is_anonymous()
                       ? " (anonymous: present a client certificate naming a principal)"
                       : ""));
}

}  // namespace polylateral::server
