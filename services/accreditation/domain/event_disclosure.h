#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_EVENT_DISCLOSURE_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_EVENT_DISCLOSURE_H_

#include <optional>
#include <string>

#include "common/base/principal.h"
#include "services/accreditation/domain/accreditation_store.h"
#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation {

// One event of the change feed (WatchEvents, webhooks) before disclosure: the stream entry
// and what deciding its disclosure needs.
struct FeedEvent {
  // The stream entry id ("<ms>-<seq>").
  std::string id;
  // As stored (schema in store/accreditation_keys.h); objection.lodged adds "grounds" while
  // the objection is in force (the stream itself never carries grounds).
  Event event;
  // The application an objection event names, read when the event was read; absent for
  // other events and for an application that no longer exists.
  std::optional<Application> application;
};

// An event as one caller is shown it.
struct DisclosedEvent {
  Event event;
  // The objecting state, actor and grounds were removed.
  bool withheld = false;
};

// The value of field `name`, or null.
const std::string* EventField(const Event& e, const std::string& name);

// What `caller` is shown of `e`: every event names public resources, so every caller sees
// every event, except that an objection event's objecting state, actor ("by") and grounds go
// exactly to those ListObjections shows the objection to (SeesObjection under the
// application's disclosure policy); for others they are removed and the event is marked
// withheld. An objection event whose application could not be read discloses nothing of
// them. An event about a draft (none is written today) is shown as MaySee says; nullopt
// when not shown at all.
std::optional<DisclosedEvent> DiscloseEvent(const Principal& caller, const FeedEvent& e);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_EVENT_DISCLOSURE_H_
