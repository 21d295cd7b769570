#include "services/composition/api/uniform_mapping.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/composition/solver/lottery_draw.h"
#include "services/composition/solver/sha256.h"

namespace polylateral::composition {

absl::Status CheckUniformPanels(int m, int max_seats, absl::string_view field) {
  if (m == 0) return absl::OkStatus();
  if (absl::Status s = ValidateUniformPanels(m, field); !s.ok()) return s;
  if (static_cast<int64_t>(m) * max_seats > kMaxUniformSeats) {
    return InvalidArgument("UNIFORM_PANELS_OUT_OF_RANGE", field,
                           absl::StrCat("times spec.max_seats must be at most ", kMaxUniformSeats,
                                        "; got ", m, " * ", max_seats));
  }
  return absl::OkStatus();
}

void UniformToProto(const Pool& pool, const UniformLottery& in, v1::UniformLottery* out) {
  for (size_t j = 0; j < in.panels.size(); ++j) {
    v1::NumberedPanel* panel = out->add_panels();
    panel->set_number(static_cast<int>(j) + 1);
    panel->mutable_members()->Add(in.panels[j].begin(), in.panels[j].end());
  }
  for (size_t i = 0; i < pool.candidates.size() && i < in.probabilities.size(); ++i) {
    v1::CandidateProbability* p = out->add_probabilities();
    p->set_candidate_id(pool.candidates[i].id);
    p->set_probability(in.probabilities[i]);
  }
  out->set_max_deviation(in.max_deviation);
  out->set_deviation_bound(in.deviation_bound);
}

std::string UniformPanelsDigest(const v1::UniformLottery& lottery) {
  std::string text;
  for (const v1::NumberedPanel& panel : lottery.panels()) {
    absl::StrAppend(&text, panel.number(), ":");
    for (int i = 0; i < panel.members_size(); ++i) {
      absl::StrAppend(&text, i == 0 ? "" : ",", panel.members(i));
    }
    text += "\n";
  }
  return Sha256Hex(text);
}

absl::StatusOr<DrawnNumber> DrawFromUniform(const v1::UniformLottery& lottery,
                                            absl::string_view seed, absl::string_view commitment,
                                            const std::string& field_prefix) {
  if (absl::Status s = ValidateDrawSeed(seed, "seed"); !s.ok()) return s;
  if (commitment.size() != 64 ||
      commitment.find_first_not_of("0123456789abcdef") != absl::string_view::npos) {
    return InvalidArgument("INVALID_SEED", "seed_sha256", "must be 64 lowercase hex digits");
  }
  if (SeedCommitment(seed) != commitment) {
    return FailedPrecondition("SEED_COMMITMENT_MISMATCH", "seed_sha256",
                              "SHA-256 of the revealed seed differs from the published one");
  }
  Violations v;
  if (lottery.panels_size() == 0) v.Add(field_prefix + "panels", "at least one panel");
  if (lottery.panels_size() > kMaxUniformPanels) {
    v.Add(field_prefix + "panels", absl::StrCat("at most ", kMaxUniformPanels, " panels"));
  }
  std::vector<std::vector<int>> panels;
  for (int j = 0; j < lottery.panels_size() && v.empty(); ++j) {
    const v1::NumberedPanel& panel = lottery.panels(j);
    const std::string path = absl::StrCat(field_prefix, "panels[", j, "]");
    if (panel.number() != j + 1) v.Add(path + ".number", absl::StrCat("must be ", j + 1));
    for (int member : panel.members()) {
      if (member < 0 || member >= lottery.probabilities_size()) {
        v.Add(path + ".members", "must index `probabilities`");
        break;
      }
    }
    panels.emplace_back(panel.members().begin(), panel.members().end());
  }
  if (!v.empty()) return v.ToStatus("INVALID_UNIFORM_LOTTERY");
  auto draw = DrawUniformPanel(panels, seed);
  if (!draw.ok()) return draw.status();
  return DrawnNumber{draw->panel + 1, std::move(draw->members)};
}

}  // namespace polylateral::composition
