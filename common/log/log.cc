#include "common/log/log.h"

#include <iostream>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace polylateral::log {
namespace {

struct State {
  absl::Mutex mu;
  nlohmann::json process_fields = nlohmann::json::object();
  Level min_level = Level::kInfo;
  std::ostream* sink = &std::cerr;
};

State& GetState() {
  static State* const state = new State();
  return *state;
}

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void SetProcessFields(nlohmann::json fields) {
  absl::MutexLock lock(&GetState().mu);
  GetState().process_fields = std::move(fields);
}

void SetMinLevel(Level level) {
  absl::MutexLock lock(&GetState().mu);
  GetState().min_level = level;
}

void SetSink(std::ostream* sink) {
  absl::MutexLock lock(&GetState().mu);
  GetState().sink = sink;
}

void Write(Level level, absl::string_view msg, const nlohmann::json& fields) {
  State& state = GetState();
  nlohmann::json line = {
      {"ts", absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone())},
      {"level", LevelName(level)},
      {"msg", msg},
  };
  absl::MutexLock lock(&state.mu);
  if (level < state.min_level) return;
  for (const auto& [k, v] : state.process_fields.items()) line[k] = v;
  if (fields.is_object()) {
    for (const auto& [k, v] : fields.items()) line[k] = v;
  }
  // Invalid UTF-8 in a field must not throw: replace it.
  *state.sink << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  state.sink->flush();
}

}  // namespace polylateral::log
