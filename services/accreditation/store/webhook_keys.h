#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_WEBHOOK_KEYS_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_WEBHOOK_KEYS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "services/accreditation/store/accreditation_keys.h"

namespace polylateral::accreditation {

// Webhook subscriptions' keys, under accreditation's {acc} tag (its ACL pattern):
//   {acc}:wh:<id>     hash: the subscription (url process secret owner ct) and its delivery
//                     state (cur: last event passed, att: failed attempts of the next one,
//                     nx: earliest next attempt ms, ls/lu: lease holder and end ms)
//   {acc}:whs         zset: subscription ids scored by creation ms
//   {acc}:whdl:<id>   list: its dead letters (DeadLetter JSON), the newest 1000
class WebhookKeys final {
 public:
  static std::string Subscription(const std::string& id) {
    return absl::StrCat(Keys::prefix(), "wh:", id);
  }
  static std::string Subscriptions() { return Keys::prefix() + "whs"; }
  static std::string DeadLetters(const std::string& id) {
    return absl::StrCat(Keys::prefix(), "whdl:", id);
  }
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_WEBHOOK_KEYS_H_
