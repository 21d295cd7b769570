#include "common/redis/script_error.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace polylateral::redis {
namespace {

bool UpperSnake(absl::string_view word) {
  if (word.empty() || word[0] < 'A' || word[0] > 'Z') return false;
  for (char c : word) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

std::optional<ScriptError> ParseScriptError(const ReplyView& reply) {
  if (!reply.is_error()) return std::nullopt;
  absl::string_view text = reply.str();
  // Redis prefixes "ERR " to an error reply of one word ('BODY_FULL').
  if (absl::StartsWith(text, "ERR ") && UpperSnake(text.substr(4))) text.remove_prefix(4);
  const size_t space = text.find(' ');
  const absl::string_view reason = text.substr(0, space);
  if (!UpperSnake(reason)) return std::nullopt;
  ScriptError e;
  e.reason = std::string(reason);
  if (space != absl::string_view::npos) e.detail = std::string(text.substr(space + 1));
  return e;
}

absl::Status ScriptErrorStatus(const ReplyView& reply, absl::string_view script,
                               ScriptErrorMeaning meaning) {
  if (!reply.is_error()) return absl::OkStatus();
  if (auto e = ParseScriptError(reply)) {
    if (auto status = meaning(*e)) return *std::move(status);
  }
  return absl::InternalError(absl::StrCat(script, " script: ", reply.str()));
}

}  // namespace polylateral::redis
