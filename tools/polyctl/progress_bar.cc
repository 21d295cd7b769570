#include "tools/polyctl/progress_bar.h"

#include <unistd.h>

#include <algorithm>

namespace polylateral::polyctl {

namespace {
constexpr int kWidth = 30;
}  // namespace

ProgressBar::ProgressBar(FILE* out, int total)
    : out_(out), total_(std::max(total, 1)), enabled_(isatty(fileno(out)) == 1) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Show(int done, const std::string& note) {
  if (!enabled_) return;
  const int filled = std::clamp(done * kWidth / total_, 0, kWidth);
  std::fprintf(out_, "\r[%s%s] %d/%d %s\033[K", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, ' ').c_str(), done, total_, note.c_str());
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (enabled_ && drawn_) std::fputc('\n', out_);
  enabled_ = false;
}

}  // namespace polylateral::polyctl
