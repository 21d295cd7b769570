#include "services/routing/store/inbox_figures_store.h"

#include "absl/strings/str_cat.h"
#include "services/routing/store/routing_keys.h"

namespace polylateral::routing {

namespace lua {
extern const char kInboxFiguresLua[];
extern const char kInboxIndexBackfillLua[];
}  // namespace lua

RedisInboxFiguresStore::RedisInboxFiguresStore(redis::RedisClient* redis)
    : redis_(redis),
      script_("rt_inbox_figures", lua::kInboxFiguresLua),
      backfill_("rt_inbox_index_backfill", lua::kInboxIndexBackfillLua) {
  if (auto* m = redis_->metrics()) {
    m->RegisterCommand(script_.name());
    m->RegisterCommand(backfill_.name());
  }
}

absl::Status RedisInboxFiguresStore::BuildIndex(int page, const std::function<bool()>& stop) {
  int64_t start = 0;
  while (start >= 0 && !stop()) {
    auto r = redis_->Eval(
        backfill_, {keys::Inputs(), keys::Inboxes(), keys::InboxesBuilt()},
        {std::to_string(start), std::to_string(page), std::string(keys::kInputPrefix)});
    if (!r.ok()) return r.status();
    if (!r->is_integer()) {
      return absl::InternalError(absl::StrCat("routing inbox index: ", r->DebugString()));
    }
    start = r->integer();
  }
  return absl::OkStatus();
}

absl::StatusOr<InboxFiguresPage> RedisInboxFiguresStore::Page(const std::string& after, int limit) {
  auto r = redis_->Eval(script_, {keys::Inboxes()},
                        {after, std::to_string(limit), std::string(keys::kInboxPrefix),
                         std::string(keys::kDeadLettersPrefix)});
  if (!r.ok()) return r.status();
  if (r->is_error() || !r->is_array() || r->size() < 1) {
    return absl::InternalError(absl::StrCat("routing inbox figures: ", r->DebugString()));
  }
  InboxFiguresPage page;
  page.next = std::string((*r)[0].str());
  page.inboxes.reserve(r->size() - 1);
  for (size_t i = 1; i < r->size(); ++i) {
    redis::ReplyView e = (*r)[i];
    if (!e.is_array() || e.size() != 5) {
      return absl::InternalError(absl::StrCat("routing inbox figures: ", r->DebugString()));
    }
    page.inboxes.push_back(
        {std::string(e[0].str()), e[1].integer(), e[2].integer(), e[3].integer(), e[4].integer()});
  }
  return page;
}

}  // namespace polylateral::routing
