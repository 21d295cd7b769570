#ifndef POLYLATERAL_SERVICES_REGISTRY_STORE_LUA_SCRIPTS_H_
#define POLYLATERAL_SERVICES_REGISTRY_STORE_LUA_SCRIPTS_H_

// The registry's Lua scripts, compiled in from the .lua files beside this header.
namespace polylateral::registry::lua {
extern const char kStakeholderCreateLua[];
extern const char kStakeholderUpdateLua[];
extern const char kStakeholderDeleteLua[];
extern const char kIndexListLua[];
extern const char kProcessCreateLua[];
extern const char kProcessUpdateLua[];
extern const char kProcessDeleteLua[];
}  // namespace polylateral::registry::lua

#endif  // POLYLATERAL_SERVICES_REGISTRY_STORE_LUA_SCRIPTS_H_
