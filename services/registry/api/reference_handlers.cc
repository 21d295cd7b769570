// RegistryService's read-only reference data: member states and the theme taxonomy.
#include "absl/strings/str_cat.h"
#include "common/server/proto_checks.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/api/resource_names.h"
#include "services/registry/domain/reference_listing.h"

namespace polylateral::registry {
namespace {

void StateToProto(const vocabulary::UnState& s, v1::State* out) {
  out->set_name(absl::StrCat("states/", std::string(s.iso2)));
  out->set_iso2(std::string(s.iso2));
  out->set_iso3(std::string(s.iso3));
  out->set_display_name(std::string(s.name));
  out->set_region(static_cast<type::v1::Region>(s.region));
  out->set_observer(s.observer);
}

void ThemeToProto(const vocabulary::ThemeNode& t, v1::Theme* out) {
  out->set_name(absl::StrCat("themes/", std::string(t.id)));
  out->set_display_name(std::string(t.display_name));
  if (!t.parent.empty()) out->set_parent(absl::StrCat("themes/", std::string(t.parent)));
}

}  // namespace

absl::Status RegistryService::DoGetState(const Call&, const v1::GetStateRequest& req,
                                         v1::State* resp) {
  auto code = ParseResourceName(req.name(), "states/", "name");
  if (!code.ok()) return code.status();
  const vocabulary::UnState* state = vocabulary::FindUnState(*code);
  if (state == nullptr) {
    return NotFound("STATE_NOT_FOUND",
                    absl::StrCat(req.name(), " is not a UN member or observer state"));
  }
  StateToProto(*state, resp);
  return absl::OkStatus();
}

absl::Status RegistryService::DoListStates(const Call&, const v1::ListStatesRequest& req,
                                           v1::ListStatesResponse* resp) {
  if (absl::Status s = server::CheckEnum(req.region(), "region"); !s.ok()) return s;
  auto page = ListUnStates(static_cast<vocabulary::Region>(req.region()), req.page_size(),
                           req.page_token());
  if (!page.ok()) return page.status();
  for (const vocabulary::UnState* s : page->items) StateToProto(*s, resp->add_states());
  resp->set_next_page_token(page->next_page_token);
  return absl::OkStatus();
}

absl::Status RegistryService::DoGetTheme(const Call&, const v1::GetThemeRequest& req,
                                         v1::Theme* resp) {
  auto id = ParseResourceName(req.name(), "themes/", "name");
  if (!id.ok()) return id.status();
  const vocabulary::ThemeNode* theme = vocabulary::FindTheme(*id);
  if (theme == nullptr) return NotFound("THEME_NOT_FOUND", absl::StrCat(req.name(), " not found"));
  ThemeToProto(*theme, resp);
  return absl::OkStatus();
}

absl::Status RegistryService::DoListThemes(const Call&, const v1::ListThemesRequest& req,
                                           v1::ListThemesResponse* resp) {
  std::string parent;
  if (!req.parent().empty()) {
    auto p = ParseResourceName(req.parent(), "themes/", "parent");
    if (!p.ok()) return p.status();
    parent = *p;
  }
  auto page = ListThemeNodes(parent, req.page_size(), req.page_token());
  if (!page.ok()) return page.status();
  for (const vocabulary::ThemeNode* t : page->items) ThemeToProto(*t, resp->add_themes());
  resp->set_next_page_token(page->next_page_token);
  return absl::OkStatus();
}

}  // namespace polylateral::registry
