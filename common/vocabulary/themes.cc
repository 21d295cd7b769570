#include "common/vocabulary/themes.h"

#include <algorithm>

namespace polylateral::vocabulary {
namespace {

// The topics that recur across the source documents' processes (OEWG and Global Mechanism on
// ICT security, WSIS+20, IGF, CSTD, ITU, the Council of Europe AI convention).
constexpr ThemeNode kThemes[] = {
    {"cybersecurity", "", "Cybersecurity"},
    {"critical-infrastructure-protection", "cybersecurity", "Critical infrastructure protection"},
    {"incident-response", "cybersecurity", "Incident response"},
    {"cybercrime", "cybersecurity", "Cybercrime"},
    {"confidence-building-measures", "cybersecurity", "Confidence-building measures"},
    {"international-law-in-cyberspace", "cybersecurity", "International law in cyberspace"},
    {"norms-of-responsible-state-behaviour", "cybersecurity",
     "Norms of responsible state behaviour"},
    {"supply-chain-security", "cybersecurity", "Supply-chain security"},
    {"capacity-building", "", "Capacity building"},
    {"cyber-capacity-building", "capacity-building", "Cyber capacity building"},
    {"digital-skills", "capacity-building", "Digital skills"},
    {"artificial-intelligence", "", "Artificial intelligence"},
    {"ai-safety", "artificial-intelligence", "AI safety"},
    {"ai-and-human-rights", "artificial-intelligence", "AI and human rights"},
    {"ai-in-the-military-domain", "artificial-intelligence", "AI in the military domain"},
    {"data-governance", "", "Data governance"},
    {"cross-border-data-flows", "data-governance", "Cross-border data flows"},
    {"open-data", "data-governance", "Open data"},
    {"privacy", "", "Privacy and data protection"},
    {"human-rights-online", "", "Human rights online"},
    {"freedom-of-expression", "human-rights-online", "Freedom of expression"},
    {"internet-shutdowns", "human-rights-online", "Internet shutdowns"},
    {"access", "", "Access and connectivity"},
    {"meaningful-connectivity", "access", "Meaningful connectivity"},
    {"digital-inclusion", "access", "Digital inclusion and the gender divide"},
    {"multilingualism", "", "Multilingualism"},
    {"jurisdiction", "", "Jurisdiction"},
    {"naming-and-numbering", "", "Naming and numbering"},
    {"domain-name-system", "naming-and-numbering", "Domain name system"},
    {"ip-addressing", "naming-and-numbering", "IP addressing"},
    {"intellectual-property", "", "Intellectual property"},
    {"child-online-protection", "", "Child online protection"},
    {"environment", "", "Environment and digital technology"},
    {"e-waste", "environment", "E-waste"},
    {"internet-governance", "", "Internet governance"},
    {"multistakeholder-model", "internet-governance", "The multistakeholder model"},
    {"standards", "", "Technical standards"},
    {"digital-economy", "", "Digital economy and trade"},
};

}  // namespace

absl::Span<const ThemeNode> AllThemes() { return kThemes; }

const ThemeNode* FindTheme(std::string_view id) {
  auto it = std::find_if(std::begin(kThemes), std::end(kThemes),
                         [id](const ThemeNode& t) { return t.id == id; });
  return it == std::end(kThemes) ? nullptr : &*it;
}

std::vector<std::string_view> ThemeAndAncestors(std::string_view id) {
  std::vector<std::string_view> chain;
  // The taxonomy is shallow; the depth bound guards against a cycle added by mistake.
  for (const ThemeNode* t = FindTheme(id); t != nullptr && chain.size() < 16;
       t = t->parent.empty() ? nullptr : FindTheme(t->parent)) {
    chain.push_back(t->id);
  }
  return chain;
}

}  // namespace polylateral::vocabulary
