#ifndef POLYLATERAL_TOOLS_POLYCTL_PROGRESS_BAR_H_
#define POLYLATERAL_TOOLS_POLYCTL_PROGRESS_BAR_H_

#include <cstdio>
#include <string>

namespace polylateral::polyctl {

// One line redrawn in place ("\r"), for people watching a long import at a terminal. Drawn
// only when `out` is a terminal, so files and pipes get the final report alone.
class ProgressBar final {
 public:
  ProgressBar(FILE* out, int total);
  ~ProgressBar();

  // `done` of total, with a short note ("3120 created, 12 existing").
  void Show(int done, const std::string& note);
  // Ends the line (once); later Show calls draw nothing.
  void Finish();

  bool enabled() const { return enabled_; }

 private:
  FILE* const out_;
  const int total_;
  bool enabled_;
  bool drawn_ = false;
};

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_PROGRESS_BAR_H_
