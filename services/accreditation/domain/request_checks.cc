#include "services/accreditation/domain/request_checks.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/text.h"
#include "services/accreditation/domain/accreditor.h"

namespace polylateral::accreditation {

void CheckRequestId(const std::string& rid, Violations& v) {
  if (rid.empty()) return;
  bool ok = rid.size() <= 64;
  for (char c : rid) ok = ok && (absl::ascii_isalnum(c) || c == '_' || c == '-');
  if (!ok) v.Add("request_id", "must be 1..64 of [A-Za-z0-9_-]");
}

void CheckText(const std::string& text, const std::string& field, Violations& v) {
  const long n = Utf8PrintableLength(text, /*allow_newlines=*/true);
  if (n < 1 || static_cast<size_t>(n) > kMaxTextLength) {
    v.Add(field, "must be 1..2000 characters of UTF-8 without control characters");
  }
}

void CheckOptionalText(const std::string& text, const std::string& field, Violations& v) {
  if (!text.empty()) CheckText(text, field, v);
}

void CheckTexts(const std::vector<std::string>& texts, const std::string& field, Violations& v) {
  if (texts.empty() || texts.size() > kMaxQuestions) {
    v.Add(field, "must hold 1..20 entries");
    return;
  }
  for (size_t i = 0; i < texts.size(); ++i)
    CheckText(texts[i], absl::StrCat(field, "[", i, "]"), v);
}

bool LooksLikeIso2(const std::string& iso2) {
  return iso2.size() == 2 && absl::ascii_isupper(iso2[0]) && absl::ascii_isupper(iso2[1]);
}

}  // namespace polylateral::accreditation
