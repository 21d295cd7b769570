#ifndef POLYLATERAL_COMMON_REDIS_SCRIPT_ERROR_H_
#define POLYLATERAL_COMMON_REDIS_SCRIPT_ERROR_H_

// The suite's one convention for a Lua script that refuses a write:
//
//   return redis.error_reply('REASON detail')
//
// REASON is a stable UPPER_SNAKE word saying why (VERSION_MISMATCH, NOT_FOUND, NAME_TAKEN...);
// detail, optional, is the one value the caller's message may quote (the id that holds the
// name, the index of a reference). A script refuses before its first write, so a refusal
// leaves Redis untouched. A script that applies several items in one call returns an array
// whose refused items are such error replies. Success is any other reply.
//
// ScriptErrorStatus is the one mapper from such a reply to the absl::Status callers see; each
// store supplies only what its reasons mean, built with common/base/errors.h so the status
// carries its ErrorInfo reason.

#include <optional>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/redis/redis_reply.h"

namespace polylateral::redis {

struct ScriptError {
  std::string reason;  // UPPER_SNAKE
  std::string detail;  // the rest of the reply after one space; may be empty
};

// The refusal in `reply`: nullopt when `reply` is not an error reply or its first word is
// not UPPER_SNAKE (a Lua runtime error reads "ERR user_script:...": reason ERR, which no
// store maps). Redis sends a one-word refusal as "ERR WORD": read as reason WORD.
std::optional<ScriptError> ParseScriptError(const ReplyView& reply);

// What a store's reasons mean: the status for `e`, or nullopt for a reason it does not know.
using ScriptErrorMeaning = absl::FunctionRef<std::optional<absl::Status>(const ScriptError& e)>;

// OK when `reply` is not an error reply; the status `meaning` gives a refusal; INTERNAL
// "<script> script: <reply>" for a reason `meaning` does not know and for any other error
// reply (Redis's own, a script bug), which the gRPC edge logs in full and answers generically.
absl::Status ScriptErrorStatus(const ReplyView& reply, absl::string_view script,
                               ScriptErrorMeaning meaning);

}  // namespace polylateral::redis

#endif  // POLYLATERAL_COMMON_REDIS_SCRIPT_ERROR_H_
