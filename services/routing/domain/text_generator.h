#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_TEXT_GENERATOR_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_TEXT_GENERATOR_H_

// Deterministic pseudo-English for the uptake tests and benchmark: words drawn with a Zipf
// law (s = 1) from a vocabulary of policy words plus synthetic ones, so frequent n-grams
// ("of the") recur as in real outcome documents and posting lists are realistically
// skewed. Header-only and not part of the library: test and benchmark data only.

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace polylateral::routing::testing {

class TextGenerator final {
 public:
  explicit TextGenerator(uint64_t seed, size_t vocabulary = 5000) : rng_(seed) {
    static const char* const kCommon[] = {"the",
                                          "of",
                                          "and",
                                          "to",
                                          "in",
                                          "states",
                                          "stakeholders",
                                          "a",
                                          "for",
                                          "on",
                                          "that",
                                          "is",
                                          "with",
                                          "as",
                                          "by",
                                          "cyber",
                                          "security",
                                          "international",
                                          "development",
                                          "capacity",
                                          "building",
                                          "critical",
                                          "infrastructure",
                                          "norms",
                                          "law",
                                          "responsible",
                                          "behaviour",
                                          "information",
                                          "communications",
                                          "technologies",
                                          "cooperation",
                                          "incident",
                                          "response",
                                          "measures",
                                          "confidence",
                                          "private",
                                          "sector",
                                          "civil",
                                          "society",
                                          "academia",
                                          "technical",
                                          "community",
                                          "national",
                                          "regional",
                                          "global",
                                          "mechanism",
                                          "working",
                                          "group",
                                          "recommends",
                                          "encourages",
                                          "notes",
                                          "recalls",
                                          "affirms",
                                          "further",
                                          "their",
                                          "its",
                                          "be",
                                          "should",
                                          "may",
                                          "including",
                                          "protection"};
    for (const char* w : kCommon) words_.push_back(w);
    static const char* const kSyllables[] = {"ka",  "ro",  "ti",  "men", "sul", "de",  "par", "vo",
                                             "lin", "qua", "tor", "es",  "ban", "chi", "ful", "ni"};
    for (size_t i = 0; words_.size() < vocabulary; ++i) {
      std::string w;
      for (size_t x = i + 17; x > 0 || w.size() < 4; x /= 16) w += kSyllables[x % 16];
      words_.push_back(w);
    }
    double sum = 0;
    for (size_t r = 1; r <= words_.size(); ++r) cdf_.push_back(sum += 1.0 / r);
    for (double& c : cdf_) c /= sum;
  }

  std::string Word() {
    const double u = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
    size_t i = std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin();
    return words_[std::min(i, words_.size() - 1)];
  }

  // `n` words in sentences of 12..27 words, capitalised, with commas and full stops.
  std::string Paragraph(size_t n) {
    std::string out;
    size_t in_sentence = 0, sentence_len = 12 + rng_() % 16;
    for (size_t i = 0; i < n; ++i) {
      std::string w = Word();
      if (in_sentence == 0 && !w.empty()) w[0] = static_cast<char>(w[0] - 'a' + 'A');
      if (!out.empty()) out += ' ';
      out += w;
      if (++in_sentence == sentence_len || i + 1 == n) {
        out += '.';
        in_sentence = 0;
        sentence_len = 12 + rng_() % 16;
      } else if (rng_() % 9 == 0) {
        out += ',';
      }
    }
    return out;
  }

  // Replaces about one word in `every` by a random vocabulary word (an editor's rewording).
  std::string Reword(const std::string& text, size_t every) {
    std::string out, word;
    size_t count = 0;
    auto flush = [&] {
      if (word.empty()) return;
      out += (++count % every == 0) ? Word() : word;
      word.clear();
    };
    for (char c : text) {
      if (c == ' ' || c == '.' || c == ',') {
        flush();
        out += c;
      } else {
        word += c;
      }
    }
    flush();
    return out;
  }

 private:
  std::mt19937_64 rng_;  // the standard fixes its output sequence, so texts are reproducible
  std::vector<std::string> words_;
  std::vector<double> cdf_;
};

}  // namespace polylateral::routing::testing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_TEXT_GENERATOR_H_
