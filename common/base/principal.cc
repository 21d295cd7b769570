#include "common/base/principal.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral {
namespace {

constexpr std::pair<Principal::Kind, absl::string_view> kKinds[] = {
    {Principal::Kind::kSecretariat, "secretariat"}, {Principal::Kind::kState, "state"},
    {Principal::Kind::kStakeholder, "stakeholder"}, {Principal::Kind::kOperator, "operator"},
    {Principal::Kind::kService, "service"},
};

bool IsIdChar(char c) {
  return absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '@';
}

}  // namespace

absl::string_view PrincipalKindName(Principal::Kind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "anonymous";
}

std::string Principal::ToString() const {
  if (kind == Kind::kAnonymous) return "anonymous";
  return absl::StrCat(PrincipalKindName(kind), ":", id);
}

absl::StatusOr<Principal> ParsePrincipal(absl::string_view text) {
  size_t colon = text.find(':');
  if (colon != absl::string_view::npos) {
    absl::string_view kind = text.substr(0, colon);
    absl::string_view id = text.substr(colon + 1);
    bool id_ok = !id.empty() && id.size() <= 128;
    for (char c : id) id_ok = id_ok && IsIdChar(c);
    for (const auto& [k, name] : kKinds) {
      if (name == kind && id_ok) {
        Principal p{k, std::string(id)};
        // State codes are ISO alpha-2, compared in upper case everywhere.
        if (k == Principal::Kind::kState) absl::AsciiStrToUpper(&p.id);
        return p;
      }
    }
  }
  return PermissionDenied("MALFORMED_PRINCIPAL",
                          "caller identity must be kind:id with kind one of secretariat, "
                          "state, stakeholder, operator, service");
}

}  // namespace polylateral
