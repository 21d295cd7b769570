#include "services/gateway/path_template.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace polylateral::gateway {

namespace {

absl::Status Bad(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("path template \"", text, "\": ", why));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int hi = HexValue(text[i + 1]);
    const int lo = HexValue(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  PathTemplate t;
  t.text_ = std::string(text);
  if (text.empty() || text[0] != '/') return Bad(text, "must start with '/'");
  absl::string_view rest = text.substr(1);
  // The verb follows the last ':' outside braces.
  size_t depth = 0;
  size_t verb_at = absl::string_view::npos;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '{') ++depth;
    if (rest[i] == '}') {
      if (depth == 0) return Bad(text, "unbalanced '}'");
      --depth;
    }
    if (rest[i] == ':' && depth == 0) verb_at = i;
  }
  if (depth != 0) return Bad(text, "unbalanced '{'");
  if (verb_at != absl::string_view::npos) {
    t.verb_ = std::string(rest.substr(verb_at + 1));
    if (t.verb_.empty()) return Bad(text, "empty verb");
    rest = rest.substr(0, verb_at);
  }
  // Segments; a variable's own segments are spliced in, its braces removed.
  size_t i = 0;
  while (i <= rest.size()) {
    if (i < rest.size() && rest[i] == '{') {
      const size_t close = rest.find('}', i);
      absl::string_view inner = rest.substr(i + 1, close - i - 1);
      Variable v;
      std::string pattern = "*";
      const size_t eq = inner.find('=');
      v.field_path = std::string(inner.substr(0, eq));
      if (eq != absl::string_view::npos) pattern = std::string(inner.substr(eq + 1));
      if (v.field_path.empty()) return Bad(text, "variable without a field");
      v.begin = t.segments_.size();
      for (absl::string_view s : absl::StrSplit(pattern, '/')) {
        if (s.empty()) return Bad(text, "empty segment");
        Segment seg;
        if (s == "*") {
          seg.kind = Segment::Kind::kStar;
          ++t.stars_;
        } else if (s == "**") {
          seg.kind = Segment::Kind::kDoubleStar;
          ++t.double_stars_;
        } else {
          seg.literal = std::string(s);
          ++t.literals_;
        }
        t.segments_.push_back(std::move(seg));
      }
      v.end = t.segments_.size();
      t.variables_.push_back(std::move(v));
      i = close + 1;
      if (i < rest.size() && rest[i] != '/') return Bad(text, "'}' not at a segment's end");
      ++i;
      continue;
    }
    size_t slash = rest.find('/', i);
    if (slash == absl::string_view::npos) slash = rest.size();
    absl::string_view s = rest.substr(i, slash - i);
    if (s.empty()) return Bad(text, "empty segment");
    Segment seg;
    if (s == "*") {
      seg.kind = Segment::Kind::kStar;
      ++t.stars_;
    } else if (s == "**") {
      seg.kind = Segment::Kind::kDoubleStar;
      ++t.double_stars_;
    } else if (s.find_first_of("{}") != absl::string_view::npos) {
      return Bad(text, "a variable must be a whole segment");
    } else {
      seg.literal = std::string(s);
      ++t.literals_;
    }
    t.segments_.push_back(std::move(seg));
    i = slash + 1;
  }
  return t;
}

bool PathTemplate::MatchFrom(size_t ti, const std::vector<std::string>& parts, size_t pi,
                             std::vector<size_t>* ends) const {
  // ends[k]: the part index just after template segment k; backtracking is only needed for
  // "**", which takes as few parts as let the rest match.
  if (ti == segments_.size()) return pi == parts.size();
  if (pi == parts.size()) return false;
  const Segment& seg = segments_[ti];
  switch (seg.kind) {
    case Segment::Kind::kLiteral:
      if (parts[pi] != seg.literal) return false;
      (*ends)[ti] = pi + 1;
      return MatchFrom(ti + 1, parts, pi + 1, ends);
    case Segment::Kind::kStar:
      (*ends)[ti] = pi + 1;
      return MatchFrom(ti + 1, parts, pi + 1, ends);
    case Segment::Kind::kDoubleStar:
      for (size_t end = pi + 1; end <= parts.size(); ++end) {
        (*ends)[ti] = end;
        if (MatchFrom(ti + 1, parts, end, ends)) return true;
      }
      return false;
  }
  return false;
}

std::optional<PathBindings> PathTemplate::Match(absl::string_view path) const {
  if (path.empty() || path[0] != '/') return std::nullopt;
  path.remove_prefix(1);
  std::vector<std::string> parts = absl::StrSplit(path, '/');
  std::string& last = parts.back();
  const size_t colon = last.rfind(':');
  if (verb_.empty()) {
    if (colon != std::string::npos) return std::nullopt;
  } else {
    if (colon == std::string::npos || last.compare(colon + 1, std::string::npos, verb_) != 0) {
      return std::nullopt;
    }
    last.resize(colon);
  }
  for (std::string& part : parts) {
    if (part.empty()) return std::nullopt;
    auto decoded = PercentDecode(part);
    if (!decoded || decoded->empty() || decoded->find('/') != std::string::npos) {
      return std::nullopt;
    }
    part = *std::move(decoded);
  }
  std::vector<size_t> ends(segments_.size(), 0);
  if (!MatchFrom(0, parts, 0, &ends)) return std::nullopt;
  PathBindings out;
  out.reserve(variables_.size());
  for (const Variable& v : variables_) {
    const size_t first = v.begin == 0 ? 0 : ends[v.begin - 1];
    const size_t last_part = ends[v.end - 1];
    std::vector<absl::string_view> pieces(parts.begin() + first, parts.begin() + last_part);
    out.emplace_back(v.field_path, absl::StrJoin(pieces, "/"));
  }
  return out;
}

bool PathTemplate::MoreSpecificThan(const PathTemplate& other) const {
  if (double_stars_ != other.double_stars_) return double_stars_ < other.double_stars_;
  if (literals_ != other.literals_) return literals_ > other.literals_;
  return stars_ < other.stars_;
}

std::string PathTemplate::OpenApiPath() const {
  std::string out;
  size_t var = 0;
  for (size_t s = 0; s < segments_.size();) {
    out += "/";
    if (var < variables_.size() && variables_[var].begin == s) {
      absl::StrAppend(&out, "{", variables_[var].field_path, "}");
      s = variables_[var].end;
      ++var;
      continue;
    }
    const Segment& seg = segments_[s];
    out += seg.kind == Segment::Kind::kLiteral ? seg.literal
           : seg.kind == Segment::Kind::kStar  ? "*"
                                               : "**";
    ++s;
  }
  if (!verb_.empty()) absl::StrAppend(&out, ":", verb_);
  return out;
}

std::vector<std::pair<std::string, std::string>> PathTemplate::Variables() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Variable& v : variables_) {
    std::vector<std::string> pattern;
    for (size_t s = v.begin; s < v.end; ++s) {
      const Segment& seg = segments_[s];
      pattern.push_back(seg.kind == Segment::Kind::kLiteral ? seg.literal
                        : seg.kind == Segment::Kind::kStar  ? "*"
                                                            : "**");
    }
    out.emplace_back(v.field_path, absl::StrJoin(pattern, "/"));
  }
  return out;
}

}  // namespace polylateral::gateway
