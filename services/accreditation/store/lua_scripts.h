#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_LUA_SCRIPTS_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_LUA_SCRIPTS_H_

// The accreditation Lua scripts, compiled in from the .lua files beside this header.
namespace polylateral::accreditation::lua {
extern const char kAppCommitLua[];
extern const char kAppIndexBuildLua[];
extern const char kObjectionLua[];
extern const char kAccCommitLua[];
extern const char kReportReadLua[];
extern const char kDueClaimLua[];
extern const char kNoticeListLua[];
}  // namespace polylateral::accreditation::lua

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_LUA_SCRIPTS_H_
