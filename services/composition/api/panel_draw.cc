#include "services/composition/api/panel_draw.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/composition/solver/lottery_draw.h"

namespace polylateral::composition {
namespace {

// Weights come from an LP: they sum to 1 up to its tolerances.
constexpr double kWeightTolerance = 1e-6;

absl::Status CheckDistribution(const std::vector<std::vector<int>>& types,
                               const std::vector<WeightedPanel>& panels,
                               const std::string& prefix) {
  Violations v;
  if (types.empty()) v.Add(prefix + "types", "at least one type is required");
  for (size_t t = 0; t < types.size(); ++t) {
    if (types[t].empty()) v.Add(absl::StrCat(prefix, "types[", t, "]"), "a type has members");
  }
  if (panels.empty()) v.Add(prefix + "panels", "at least one panel is required");
  double total = 0;
  for (size_t p = 0; p < panels.size(); ++p) {
    const WeightedPanel& panel = panels[p];
    const std::string path = absl::StrCat(prefix, "panels[", p, "]");
    if (!(panel.weight >= 0) || !std::isfinite(panel.weight)) {
      v.Add(path + ".weight", "must be a finite number >= 0");
    } else {
      total += panel.weight;
    }
    if (panel.counts.size() != types.size()) {
      v.Add(path + ".type_counts", "needs one count per type");
      continue;
    }
    for (size_t t = 0; t < types.size(); ++t) {
      if (panel.counts[t] < 0 || panel.counts[t] > static_cast<int>(types[t].size())) {
        v.Add(absl::StrCat(path, ".type_counts[", t, "]"), "must lie in [0, size of the type]");
      }
    }
  }
  if (v.empty() && std::abs(total - 1) > kWeightTolerance) {
    v.Add(prefix + "panels", absl::StrCat("weights sum to ", total, ", not 1"));
  }
  return v.ToStatus("INVALID_DISTRIBUTION");
}

}  // namespace

IndexedDistribution IndexDistribution(const v1::LeximinDistribution& d) {
  IndexedDistribution out;
  for (const v1::CandidateType& t : d.types()) {
    std::vector<int> members;
    for (const std::string& id : t.candidate_ids()) {
      members.push_back(static_cast<int>(out.ids.size()));
      out.ids.push_back(id);
    }
    out.types.push_back(std::move(members));
  }
  for (const v1::WeightedPanel& p : d.panels()) {
    out.panels.push_back(
        {std::vector<int>(p.type_counts().begin(), p.type_counts().end()), p.weight()});
  }
  return out;
}

absl::StatusOr<DrawnPanel> DrawFromDistribution(const std::vector<std::vector<int>>& types,
                                                const std::vector<WeightedPanel>& panels,
                                                absl::string_view seed,
                                                absl::string_view commitment,
                                                const std::string& field_prefix) {
  if (absl::Status s = ValidateDrawSeed(seed, "seed"); !s.ok()) return s;
  if (commitment.size() != 64 || absl::AsciiStrToLower(commitment) != commitment ||
      commitment.find_first_not_of("0123456789abcdef") != absl::string_view::npos) {
    return InvalidArgument("INVALID_SEED", "seed_sha256", "must be 64 lowercase hex digits");
  }
  if (SeedCommitment(seed) != commitment) {
    return FailedPrecondition("SEED_COMMITMENT_MISMATCH", "seed_sha256",
                              "SHA-256 of the revealed seed differs from the published one");
  }
  if (absl::Status s = CheckDistribution(types, panels, field_prefix); !s.ok()) return s;

  // The domain's draw, so that the service, polylateral-sortition and anyone following the
  // protocol in lottery_draw.h get the same panel from the same seed.
  LeximinResult lottery;
  lottery.feasible = true;
  lottery.types = types;
  lottery.panels = panels;
  auto draw = DrawPanel(lottery, seed);
  if (!draw.ok()) return draw.status();
  return DrawnPanel{draw->panel, std::move(draw->members)};
}

}  // namespace polylateral::composition
