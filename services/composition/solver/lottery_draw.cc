#include "services/composition/solver/lottery_draw.h"

#include <algorithm>
#include <random>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/composition/solver/panel_members.h"
#include "services/composition/solver/sha256.h"

namespace polylateral::composition {

std::string SeedCommitment(absl::string_view seed) { return Sha256Hex(seed); }

absl::Status ValidateDrawSeed(absl::string_view seed, absl::string_view field) {
  if (seed.size() < kMinSeedBytes) {
    return InvalidArgument(
        "WEAK_SEED", field,
        absl::StrCat("must be at least ", kMinSeedBytes,
                     " bytes (128 bits) of unpredictable data; got ", seed.size()));
  }
  if (seed.size() > kMaxSeedBytes) {
    return InvalidArgument("INVALID_SEED", field,
                           absl::StrCat("must be at most ", kMaxSeedBytes, " bytes"));
  }
  return absl::OkStatus();
}

namespace {

std::mt19937_64 SeededRng(absl::string_view seed) {
  const std::array<uint8_t, 32> digest = Sha256(seed);
  uint64_t seed64 = 0;
  for (int i = 0; i < 8; ++i) seed64 = seed64 << 8 | digest[i];
  return std::mt19937_64(seed64);
}

}  // namespace

absl::StatusOr<Draw> DrawPanel(const LeximinResult& lottery, absl::string_view seed) {
  if (auto st = ValidateDrawSeed(seed); !st.ok()) return st;
  if (lottery.panels.empty()) {
    return FailedPrecondition("NO_LOTTERY", "lottery.panels", "the lottery has no panels");
  }
  std::mt19937_64 rng = SeededRng(seed);
  Draw draw;
  draw.commitment = Sha256Hex(seed);
  const double u = UniformUnit(rng);
  double cumulative = 0;
  draw.panel = static_cast<int>(lottery.panels.size()) - 1;
  for (size_t p = 0; p < lottery.panels.size(); ++p) {
    cumulative += lottery.panels[p].weight;
    if (u < cumulative) {
      draw.panel = static_cast<int>(p);
      break;
    }
  }
  draw.members = MembersFromTypes(lottery.types, lottery.panels[draw.panel].counts, &rng);
  return draw;
}

int UniformPanelNumber(absl::string_view seed, int panel_count) {
  std::mt19937_64 rng = SeededRng(seed);
  const double u = UniformUnit(rng);
  const int number = static_cast<int>(u * panel_count) + 1;
  return std::min(number, panel_count);
}

absl::StatusOr<Draw> DrawUniformPanel(const std::vector<std::vector<int>>& panels,
                                      absl::string_view seed) {
  if (auto st = ValidateDrawSeed(seed); !st.ok()) return st;
  if (panels.empty()) {
    return FailedPrecondition("NO_LOTTERY", "lottery.panels", "the lottery has no panels");
  }
  Draw draw;
  draw.commitment = Sha256Hex(seed);
  draw.panel = UniformPanelNumber(seed, static_cast<int>(panels.size())) - 1;
  draw.members = panels[draw.panel];
  return draw;
}

}  // namespace polylateral::composition
