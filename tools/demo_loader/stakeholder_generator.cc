#include "tools/demo_loader/stakeholder_generator.h"

#include <algorithm>
#include <map>
#include <random>

#include "absl/strings/str_cat.h"

namespace polylateral::tools {
namespace {

using registry::v1::CreateStakeholderRequest;
using registry::v1::Stakeholder;

constexpr const char* kAdjectives[] = {"Open",   "Digital", "Secure",    "Inclusive",
                                       "Global", "Civic",   "Resilient", "Connected",
                                       "Free",   "Public",  "Shared",    "Trusted"};
constexpr const char* kTopics[] = {
    "Rights",       "Networks",   "Futures", "Infrastructure", "Policy", "Data",     "Internet",
    "Cyber Policy", "Technology", "Society", "Commons",        "Access", "Security", "Standards"};
constexpr const char* kForms[] = {"Foundation",  "Institute", "Alliance", "Centre",
                                  "Initiative",  "Forum",     "Lab",      "Association",
                                  "Observatory", "Council"};
constexpr const char* kFirstNames[] = {"Amina", "Luis",  "Mei",    "Olga",   "Kwame", "Priya",
                                       "Sofia", "Tariq", "Ingrid", "Chen",   "Fatou", "Diego",
                                       "Yuki",  "Nadia", "Emeka",  "Helena", "Arjun", "Lucia"};
constexpr const char* kLastNames[] = {"Mensah", "Garcia",   "Okafor",   "Ivanova", "Haddad",
                                      "Silva",  "Nakamura", "Kowalski", "Diallo",  "Sharma",
                                      "Moreau", "Andersen", "Rahman",   "Costa",   "Njoroge"};
constexpr const char* kLanguages[] = {"fr", "es", "ar", "ru", "zh", "pt", "sw", "hi"};

// Weighted like the stakeholder communities in the documents: civil society and academia
// most numerous, governments rare (they act as states, not stakeholders).
type::v1::StakeholderGroup PickGroup(std::mt19937_64& rng) {
  static constexpr std::pair<type::v1::StakeholderGroup, int> kWeights[] = {
      {type::v1::CIVIL_SOCIETY, 35},
      {type::v1::PRIVATE_SECTOR, 20},
      {type::v1::ACADEMIA, 20},
      {type::v1::TECHNICAL_COMMUNITY, 15},
      {type::v1::INTERGOVERNMENTAL_ORGANISATION, 5},
      {type::v1::GOVERNMENT, 5}};
  int roll = static_cast<int>(rng() % 100);
  for (const auto& [group, weight] : kWeights) {
    if (roll < weight) return group;
    roll -= weight;
  }
  return type::v1::CIVIL_SOCIETY;
}

bool Developing(type::v1::Region region) {
  return region == type::v1::AFRICAN || region == type::v1::ASIA_PACIFIC ||
         region == type::v1::LATIN_AMERICAN_AND_CARIBBEAN;
}

void AddThemes(std::mt19937_64& rng, const std::vector<std::string>& themes, Stakeholder* s) {
  if (themes.empty()) return;
  std::vector<std::string> picked;
  const int n = 1 + static_cast<int>(rng() % 3);
  for (int i = 0; i < n; ++i) {
    const std::string& t = themes[rng() % themes.size()];
    if (std::find(picked.begin(), picked.end(), t) == picked.end()) picked.push_back(t);
  }
  for (auto& t : picked) s->add_themes(t);
}

void AddLanguages(std::mt19937_64& rng, Stakeholder* s) {
  s->add_languages("en");
  if (rng() % 2) s->add_languages(kLanguages[rng() % std::size(kLanguages)]);
}

CreateStakeholderRequest Request(uint64_t seed, int index, Stakeholder s) {
  CreateStakeholderRequest req;
  *req.mutable_stakeholder() = std::move(s);
  req.set_stakeholder_id(absl::StrCat("demo-", seed, "-", index));
  req.set_request_id(absl::StrCat("demo-stakeholder-", seed, "-", index));
  return req;
}

}  // namespace

std::vector<CreateStakeholderRequest> GenerateStakeholders(
    int count, uint64_t seed, const std::vector<DemoCountry>& countries,
    const std::vector<std::string>& theme_names) {
  std::vector<CreateStakeholderRequest> out;
  if (count <= 0 || countries.empty()) return out;
  std::mt19937_64 rng(seed);

  // Countries by region, so that regions take turns and every one is represented.
  std::map<int, std::vector<const DemoCountry*>> by_region;
  for (const auto& c : countries) {
    if (c.region != type::v1::NO_GROUP) by_region[c.region].push_back(&c);
  }
  std::vector<int> regions;
  for (const auto& [r, list] : by_region) regions.push_back(r);

  const int networks = std::max(1, count / 60);
  const int experts = count / 5;
  const int organisations = std::max(1, count - experts - networks);
  constexpr int kNameSpace = std::size(kAdjectives) * std::size(kTopics) * std::size(kForms);

  std::vector<int> org_indexes;
  for (int i = 0; i < organisations; ++i) {
    const auto& pool = by_region[regions[i % regions.size()]];
    const DemoCountry& country = *pool[rng() % pool.size()];
    // A stride coprime with the name space walks every combination once: unique names.
    const int n = (i * 7919) % kNameSpace;
    Stakeholder s;
    s.set_kind(Stakeholder::ORGANISATION);
    s.set_display_name(absl::StrCat(kAdjectives[n % std::size(kAdjectives)], " ",
                                    kTopics[(n / std::size(kAdjectives)) % std::size(kTopics)], " ",
                                    kForms[n / (std::size(kAdjectives) * std::size(kTopics))],
                                    i >= kNameSpace ? absl::StrCat(" ", i / kNameSpace + 1) : ""));
    s.set_stakeholder_group(PickGroup(rng));
    s.set_country(country.iso2);
    AddThemes(rng, theme_names, &s);
    AddLanguages(rng, &s);
    s.set_developing_country(Developing(country.region));
    if (s.stakeholder_group() == type::v1::CIVIL_SOCIETY) {
      static constexpr Stakeholder::EcosocStatus kStatuses[] = {
          Stakeholder::SPECIAL, Stakeholder::SPECIAL,   Stakeholder::GENERAL,
          Stakeholder::ROSTER,  Stakeholder::NO_STATUS, Stakeholder::NO_STATUS};
      s.set_ecosoc_status(kStatuses[rng() % std::size(kStatuses)]);
    }
    s.set_website(absl::StrCat("https://demo-", seed, "-", i, ".example.org"));
    org_indexes.push_back(static_cast<int>(out.size()));
    out.push_back(Request(seed, static_cast<int>(out.size()), std::move(s)));
  }

  for (int i = 0; i < experts; ++i) {
    const auto& employer = out[org_indexes[rng() % org_indexes.size()]];
    Stakeholder s;
    s.set_kind(Stakeholder::INDIVIDUAL_EXPERT);
    s.set_display_name(absl::StrCat(kFirstNames[rng() % std::size(kFirstNames)], " ",
                                    kLastNames[rng() % std::size(kLastNames)]));
    s.set_stakeholder_group(employer.stakeholder().stakeholder_group());
    s.set_country(employer.stakeholder().country());
    s.add_affiliations(absl::StrCat("stakeholders/", employer.stakeholder_id()));
    AddThemes(rng, theme_names, &s);
    AddLanguages(rng, &s);
    s.set_developing_country(employer.stakeholder().developing_country());
    out.push_back(Request(seed, static_cast<int>(out.size()), std::move(s)));
  }

  for (int i = 0; i < networks; ++i) {
    Stakeholder s;
    s.set_kind(Stakeholder::NETWORK);
    s.set_display_name(absl::StrCat("Joint Civil Society Network on ",
                                    kTopics[i % std::size(kTopics)], " ", i + 1));
    s.set_stakeholder_group(type::v1::CIVIL_SOCIETY);
    const auto& pool = by_region[regions[i % regions.size()]];
    s.set_country(pool[rng() % pool.size()]->iso2);
    s.set_ecosoc_status(Stakeholder::SPECIAL);
    const int members = std::min<int>(5 + static_cast<int>(rng() % 11), org_indexes.size());
    std::vector<int> chosen;
    while (static_cast<int>(chosen.size()) < members) {
      int m = org_indexes[rng() % org_indexes.size()];
      if (std::find(chosen.begin(), chosen.end(), m) == chosen.end()) chosen.push_back(m);
    }
    for (int m : chosen)
      s.add_network_members(absl::StrCat("stakeholders/", out[m].stakeholder_id()));
    AddThemes(rng, theme_names, &s);
    s.add_languages("en");
    out.push_back(Request(seed, static_cast<int>(out.size()), std::move(s)));
  }
  return out;
}

}  // namespace polylateral::tools
