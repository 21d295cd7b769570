#include "services/routing/store/carried_store.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
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
  if (r->is_error() || !r->is_array() || r->size() < 1) {
    return absl::InternalError(absl::StrCat("routing script carry: ", r->str()));
  }
  const absl::string_view outcome = (*r)[0].str();
  if (outcome == "gone") return NotFound("INPUT_NOT_FOUND", absl::StrCat("inputs/", input_id));
  if (outcome == "clash") {
    return Aborted("CONCURRENT_CHANGE", absl::StrCat("inputs/", input_id, " changed concurrently"));
  }
  if (r->size() != 2) return absl::InternalError("routing script carry: short reply");
  return StoredMark{std::string((*r)[1].str()), outcome == "ok"};
}

}  // namespace polylateral::routing
