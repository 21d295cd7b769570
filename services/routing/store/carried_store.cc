#include "services/routing/store/carried_store.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/redis/script_error.h"
#include "services/routing/store/routing_keys.h"

namespace polylateral::routing {

namespace lua {
extern const char kCarryLua[];
}  // namespace lua

absl::StatusOr<StoredMark> RedisCarriedStore::Mark(const std::string& input_id, int64_t version,
                                                   const std::string& state,
                                                   const std::string& record,
                                                   const std::vector<std::string>& processes) {
  static redis::RedisScript* const script = new redis::RedisScript("rt_carry", lua::kCarryLua);
  std::vector<std::string> keys = {keys::Input(input_id), keys::Carried(input_id),
                                   keys::Uptake(input_id)};
  std::vector<std::string> args = {std::to_string(version), state, record};
  for (const auto& p : processes) {
    keys.push_back(keys::Report(p));
    args.push_back(p);
  }
  auto r = redis_->Eval(*script, keys, args);
  if (!r.ok()) return r.status();
  if (r->is_error()) {
    return redis::ScriptErrorStatus(
        *r, "routing carry", [&](const redis::ScriptError& e) -> std::optional<absl::Status> {
          if (e.reason == "NOT_FOUND") {
            return NotFound("INPUT_NOT_FOUND", absl::StrCat("inputs/", input_id));
          }
          if (e.reason == "VERSION_MISMATCH") {
            return Aborted("CONCURRENT_CHANGE",
                           absl::StrCat("inputs/", input_id, " changed concurrently"));
          }
          return std::nullopt;
        });
  }
  if (!r->is_array() || r->size() != 2) {
    return absl::InternalError(absl::StrCat("routing script carry: ", r->DebugString()));
  }
  const absl::string_view outcome = (*r)[0].str();
  return StoredMark{std::string((*r)[1].str()), outcome == "ok"};
}

}  // namespace polylateral::routing
