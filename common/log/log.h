#ifndef POLYLATERAL_COMMON_LOG_LOG_H_
#define POLYLATERAL_COMMON_LOG_LOG_H_

// Structured logging: one JSON object a line, so that log shippers need no parsing rules.
// nlohmann-json does the escaping (messages carry user-supplied names).

#include <ostream>

#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace polylateral::log {

enum class Level { kDebug, kInfo, kWarning, kError };

// Fields every line of this process carries (service name, replica).
void SetProcessFields(nlohmann::json fields);
// Lines below `level` are dropped.
void SetMinLevel(Level level);
// Where lines go; stderr by default. Tests point it at a stringstream.
void SetSink(std::ostream* sink);

// Writes {"ts":..., "level":..., "msg":..., <process fields>, <fields>}.
void Write(Level level, absl::string_view msg,
           const nlohmann::json& fields = nlohmann::json::object());

inline void Info(absl::string_view msg, const nlohmann::json& f = nlohmann::json::object()) {
  Write(Level::kInfo, msg, f);
}
inline void Warning(absl::string_view msg, const nlohmann::json& f = nlohmann::json::object()) {
  Write(Level::kWarning, msg, f);
}
inline void Error(absl::string_view msg, const nlohmann::json& f = nlohmann::json::object()) {
  Write(Level::kError, msg, f);
}

}  // namespace polylateral::log

#endif  // POLYLATERAL_COMMON_LOG_LOG_H_
