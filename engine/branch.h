#pragma once
// Where a case goes when an event fires: a small categorical distribution over destination
// states. An outcome may require a minimum age; a case younger than that is not moved (the event
// is "gated") and stays where it is. States are dense integer ids owned by the model.
#include <array>
#include <stdexcept>

namespace doorstroom::engine {

class Branch {
 public:
  static constexpr int kMaxOutcomes = 16;
  static constexpr int kStay = -1;

  struct Outcome {
    int to = kStay;
    double probability = 0.0;
    double min_age = 0.0;
  };

  Branch() = default;

  // Probabilities must be >= 0 and sum to 1 (within 1e-9; the last outcome absorbs rounding).
  void add(int to, double probability, double min_age = 0.0) {
    if (n_ == kMaxOutcomes) throw std::invalid_argument("a branch has at most 16 outcomes");
    if (!(probability >= 0.0) || probability > 1.0)
      throw std::invalid_argument("a branch probability must lie in [0, 1]");
    outcomes_[n_] = {to, probability, min_age};
    cumulative_[n_] = (n_ ? cumulative_[n_ - 1] : 0.0) + probability;
    ++n_;
  }

  [[nodiscard]] double total() const { return n_ ? cumulative_[n_ - 1] : 0.0; }
  [[nodiscard]] int size() const { return n_; }
  [[nodiscard]] const Outcome& outcome(int i) const { return outcomes_[i]; }

  // The destination for a uniform draw u in [0, 1), or kStay if the outcome's minimum age is
  // not reached.
  [[nodiscard]] int choose(double u, double age) const {
    const double x = u * total();
    int i = 0;
    while (i + 1 < n_ && x >= cumulative_[i]) ++i;
    return age + 1e-12 >= outcomes_[i].min_age ? outcomes_[i].to : kStay;
  }

 private:
  // choose() reads n_, the cumulative shares and one outcome: kept in that order, so that a
  // choice among a few outcomes touches the first cache lines only.
  int n_ = 0;
  std::array<double, kMaxOutcomes> cumulative_{};
  std::array<Outcome, kMaxOutcomes> outcomes_{};
};

}  // namespace doorstroom::engine
