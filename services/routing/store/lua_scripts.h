#ifndef POLYLATERAL_SERVICES_ROUTING_STORE_LUA_SCRIPTS_H_
#define POLYLATERAL_SERVICES_ROUTING_STORE_LUA_SCRIPTS_H_

// The routing Lua scripts, compiled in from the .lua files beside this header.
namespace polylateral::routing::lua {
extern const char kSubmitLua[];
extern const char kPullLua[];
extern const char kAckLua[];
extern const char kCasLua[];
extern const char kRerouteLua[];
extern const char kUptakeLua[];
extern const char kOutcomeLua[];
extern const char kRelayLua[];
}  // namespace polylateral::routing::lua

#endif  // POLYLATERAL_SERVICES_ROUTING_STORE_LUA_SCRIPTS_H_
