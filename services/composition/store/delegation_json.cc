#include "services/composition/store/delegation_json.h"

#include "nlohmann/json.hpp"

namespace polylateral::composition {

std::string DelegationToJson(const Delegation& d) {
  nlohmann::json members = nlohmann::json::array();
  for (const DelegationMember& m : d.members) {
    members.push_back({{"role", static_cast<int>(m.role)},
                       {"name", m.display_name},
                       {"fn", m.function},
                       {"sh", m.stakeholder_id},
                       {"aff", m.affiliation_id},
                       {"affn", m.affiliation_name},
                       {"grp", m.stakeholder_group}});
    if (m.stakeholder_deleted) members.back()["gone"] = true;
  }
  nlohmann::json j = {{"p", d.process_id},
                      {"s", d.session_id},
                      {"st", d.state},
                      {"rg", d.region},
                      {"m", members},
                      {"ct", absl::ToUnixMicros(d.create_time)},
                      {"ut", absl::ToUnixMicros(d.update_time)}};
  return j.dump();
}

absl::StatusOr<Delegation> DelegationFromJson(const std::string& json, int64_t version) {
  try {
    const nlohmann::json j = nlohmann::json::parse(json);
    Delegation d;
    d.process_id = j.at("p").get<std::string>();
    d.session_id = j.at("s").get<std::string>();
    d.state = j.at("st").get<std::string>();
    d.region = j.at("rg").get<std::string>();
    for (const auto& m : j.at("m")) {
      DelegationMember member;
      member.role = static_cast<MemberRole>(m.at("role").get<int>());
      member.display_name = m.at("name").get<std::string>();
      member.function = m.at("fn").get<std::string>();
      member.stakeholder_id = m.at("sh").get<std::string>();
      member.affiliation_id = m.at("aff").get<std::string>();
      member.affiliation_name = m.at("affn").get<std::string>();
      member.stakeholder_group = m.at("grp").get<std::string>();
      member.stakeholder_deleted = m.value("gone", false);
      d.members.push_back(std::move(member));
    }
    d.create_time = absl::FromUnixMicros(j.at("ct").get<int64_t>());
    d.update_time = absl::FromUnixMicros(j.at("ut").get<int64_t>());
    d.version = version;
    return d;
  } catch (const nlohmann::json::exception& e) {
    return absl::DataLossError(std::string("stored delegation does not parse: ") + e.what());
  }
}

}  // namespace polylateral::composition
