#pragma once
// Progress on stderr for long work: silent for the first two seconds (short runs stay quiet),
// then one line, rewritten in place, with the share done, the rate and the time left.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace doorstroom::system {

class ProgressLine {
 public:
  explicit ProgressLine(std::string what, bool enabled = true)
      : what_(std::move(what)), enabled_(enabled), start_(Clock::now()) {}

  void update(std::uint64_t done, std::uint64_t total) {
    if (!enabled_ || total == 0) return;
    const double elapsed = seconds();
    if (elapsed < 2.0) return;
    const double share = static_cast<double>(done) / static_cast<double>(total);
    const double left = share > 0 ? elapsed * (1.0 - share) / share : 0.0;
    std::fprintf(stderr, "\r%s: %5.1f%% (%llu of %llu, %.2g per s, %.0f s left)   ", what_.c_str(),
                 100.0 * share, static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total), static_cast<double>(done) / elapsed, left);
    shown_ = true;
    if (done >= total) finish();
  }

  void finish() {
    if (shown_) std::fprintf(stderr, "\n");
    shown_ = false;
  }

  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::string what_;
  bool enabled_;
  Clock::time_point start_;
  bool shown_ = false;
};

}  // namespace doorstroom::system
