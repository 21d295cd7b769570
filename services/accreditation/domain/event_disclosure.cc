#include "services/accreditation/domain/event_disclosure.h"

#include <algorithm>

#include "services/accreditation/domain/access_rules.h"

namespace polylateral::accreditation {

const std::string* EventField(const Event& e, const std::string& name) {
  for (const auto& [k, v] : e.fields) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::optional<DisclosedEvent> DiscloseEvent(const Principal& caller, const FeedEvent& e) {
  if (e.application.has_value() && !MaySee(caller, *e.application)) return std::nullopt;
  DisclosedEvent out{e.event, false};
  const std::string* objecting = EventField(e.event, "objecting_state");
  if (objecting == nullptr) return out;
  if (e.application.has_value() && SeesObjection(caller, *e.application, *objecting)) return out;
  auto& f = out.event.fields;
  f.erase(std::remove_if(f.begin(), f.end(),
                         [](const auto& kv) {
                           return kv.first == "objecting_state" || kv.first == "by" ||
                                  kv.first == "grounds";
                         }),
          f.end());
  out.withheld = true;
  return out;
}

}  // namespace polylateral::accreditation
