#pragma once
// A hazard that is constant on pieces of the time spent in a state (the duration d, in years):
// rate[i] per year on [start[i], start[i+1]), the last piece running to infinity.
//
// A waiting time is sampled by inverting the cumulative hazard at one Exp(1) draw. The draw fixes
// the event time for the whole stay, so an observation in between (a census) needs no resampling,
// and a multiplier from some duration on (an age rule) is folded into the pieces before sampling.
#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>

namespace doorstroom::engine {

class PiecewiseHazard {
 public:
  static constexpr int kMaxPieces = 10;
  static constexpr double kNever = std::numeric_limits<double>::infinity();

  PiecewiseHazard() = default;  // zero hazard: the event never happens

  static PiecewiseHazard constant(double rate) {
    PiecewiseHazard h;
    h.n_ = 1;
    h.start_[0] = 0.0;
    h.rate_[0] = rate;
    return h;
  }

  // breaks: the durations where a new piece starts (strictly increasing, > 0);
  // rates: one more than breaks, each >= 0 and finite.
  PiecewiseHazard(std::span<const double> breaks, std::span<const double> rates) {
    if (rates.size() != breaks.size() + 1)
      throw std::invalid_argument("a piecewise hazard needs one rate more than breaks (got " +
                                  std::to_string(rates.size()) + " rates, " +
                                  std::to_string(breaks.size()) + " breaks)");
    if (rates.size() > kMaxPieces)
      throw std::invalid_argument("a piecewise hazard has at most " + std::to_string(kMaxPieces) +
                                  " pieces");
    double previous = 0.0;
    for (std::size_t i = 0; i < breaks.size(); ++i) {
      if (!(breaks[i] > previous) || !std::isfinite(breaks[i]))
        throw std::invalid_argument("hazard breaks must be finite, positive and increasing");
      previous = breaks[i];
    }
    for (double r : rates)
      if (!(r >= 0.0) || !std::isfinite(r))
        throw std::invalid_argument("hazard rates must be finite and >= 0");
    n_ = static_cast<int>(rates.size());
    start_[0] = 0.0;
    for (int i = 0; i < n_; ++i) {
      if (i > 0) start_[i] = breaks[static_cast<std::size_t>(i - 1)];
      rate_[i] = rates[static_cast<std::size_t>(i)];
    }
  }

  [[nodiscard]] int pieces() const { return n_; }
  [[nodiscard]] double piece_start(int i) const { return start_[i]; }
  [[nodiscard]] double piece_rate(int i) const { return rate_[i]; }
  [[nodiscard]] bool is_zero() const {
    for (int i = 0; i < n_; ++i)
      if (rate_[i] > 0.0) return false;
    return true;
  }

  [[nodiscard]] double rate_at(double d) const {
    double r = 0.0;
    for (int i = 0; i < n_ && start_[i] <= d; ++i) r = rate_[i];
    return r;
  }

  // Integral of the rate over [0, d].
  [[nodiscard]] double cumulative(double d) const {
    double total = 0.0;
    for (int i = 0; i < n_ && start_[i] < d; ++i) {
      const double end = (i + 1 < n_) ? std::min(start_[i + 1], d) : d;
      total += rate_[i] * (end - start_[i]);
    }
    return total;
  }

  // The duration at which the cumulative hazard reaches e (kNever if it never does).
  [[nodiscard]] double invert(double e) const {
    for (int i = 0; i < n_; ++i) {
      const bool last = (i + 1 == n_);
      const double width = last ? kNever : start_[i + 1] - start_[i];
      const double mass = rate_[i] * width;  // inf * 0 cannot occur: a last piece of rate 0 is caught below
      if (last) return rate_[i] > 0.0 ? start_[i] + e / rate_[i] : kNever;
      if (rate_[i] > 0.0 && e <= mass) return start_[i] + e / rate_[i];
      e -= mass;
    }
    return kNever;
  }

  // scaled_from(from, factor).invert(e), without building the scaled hazard: the same pieces are
  // walked with the same arithmetic, so the result is the same double. The driver loop calls this
  // for every risk at the start of every stay.
  [[nodiscard]] double invert_scaled_from(double from, double factor, double e) const {
    if (factor == 1.0 || n_ == 0) return invert(e);
    from = std::max(from, 0.0);
    double result = kNever;
    // One piece [start, next) of the scaled hazard; false once the answer is found.
    auto piece = [&](double start, double rate, double next) {
      if (next == kNever) {
        result = rate > 0.0 ? start + e / rate : kNever;
        return false;
      }
      const double mass = rate * (next - start);
      if (rate > 0.0 && e <= mass) {
        result = start + e / rate;
        return false;
      }
      e -= mass;
      return true;
    };
    for (int i = 0; i < n_; ++i) {
      const double end = (i + 1 < n_) ? start_[i + 1] : kNever;
      if (end <= from) {
        if (!piece(start_[i], rate_[i], end)) return result;
      } else if (start_[i] >= from) {
        if (!piece(start_[i], rate_[i] * factor, end)) return result;
      } else {
        if (!piece(start_[i], rate_[i], from)) return result;
        if (!piece(from, rate_[i] * factor, end)) return result;
      }
    }
    return kNever;
  }

  // The same hazard with every rate from duration `from` on multiplied by `factor`.
  [[nodiscard]] PiecewiseHazard scaled_from(double from, double factor) const {
    if (factor == 1.0 || n_ == 0) return *this;
    PiecewiseHazard h;
    from = std::max(from, 0.0);
    for (int i = 0; i < n_; ++i) {
      const double end = (i + 1 < n_) ? start_[i + 1] : kNever;
      if (end <= from) {
        h.push(start_[i], rate_[i]);
      } else if (start_[i] >= from) {
        h.push(start_[i], rate_[i] * factor);
      } else {
        h.push(start_[i], rate_[i]);
        h.push(from, rate_[i] * factor);
      }
    }
    return h;
  }

  // The same hazard with every rate multiplied by `factor`.
  [[nodiscard]] PiecewiseHazard scaled(double factor) const { return scaled_from(0.0, factor); }

 private:
  void push(double start, double rate) {
    if (n_ == kMaxPieces) throw std::invalid_argument("a piecewise hazard has too many pieces");
    start_[n_] = start;
    rate_[n_] = rate;
    ++n_;
  }

  int n_ = 0;  // first, beside the first pieces, which are the ones most stays read
  std::array<double, kMaxPieces> start_{};
  std::array<double, kMaxPieces> rate_{};
};

}  // namespace doorstroom::engine
