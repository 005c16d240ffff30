#pragma once
// Exp(1) from a source of 32-bit words, bit for bit the value boost::random::exponential_distribution
// <double>{1.0} returns on the same words (Boost.Random's ziggurat, as in Boost 1.74), with the words
// consumed in the same order and number.
//
// Why not call Boost: its generic path builds the 53-bit fraction from two words in floating point
// (a shift, two conversions, an add and two multiplies, for any engine width) where, for 32-bit
// words, one integer splice and one conversion give the same double. The tables are Boost's own, so
// the ziggurat cannot drift from it; tests/engine/exponential_test.cpp compares millions of draws.
#include <boost/random/exponential_distribution.hpp>
#include <cmath>
#include <cstdint>

namespace doorstroom::engine {

namespace detail {

inline const double* ziggurat_x() { return boost::random::detail::exponential_table<double>::table_x; }
inline const double* ziggurat_y() { return boost::random::detail::exponential_table<double>::table_y; }

// One pair of words as Boost's int-float pair for a 32-bit engine reads it: the low 8 bits of the
// first word pick the layer; its high 24 bits are the low bits of a 53-bit fraction whose high 29
// bits are the low bits of the second word. Boost computes ((a >> 8) * 2^-24 + (b & (2^29 - 1))) *
// 2^-29 in floating point, every step exact, so one integer splice and one conversion give the same
// double. Returns the point under the layer's rectangle, fraction * table_x[layer].
struct ZigguratPoint {
  int layer;
  double x;
};
template <class NextWord>
ZigguratPoint ziggurat_point(NextWord& next) {
  const std::uint32_t a = next();
  const std::uint32_t b = next();
  const int layer = static_cast<int>(a & 0xffu);
  // Signed: the value is below 2^53, and x86-64 converts int64 to double in one instruction.
  const auto spliced = static_cast<std::int64_t>((std::uint64_t{b & 0x1fffffffu} << 24) | (a >> 8));
  return {layer, static_cast<double>(spliced) * 0x1p-53 * ziggurat_x()[layer]};
}

// The rest of a draw whose first point fell outside its layer's rectangle (about 1.5% of draws):
// Boost's loop from there on, term for term. Kept out of line so that the common case inlines.
template <class NextWord>
[[gnu::noinline]] double exponential_outside_rectangle(NextWord& next, ZigguratPoint p) {
  const double* const x_at = ziggurat_x();
  const double* const y_at = ziggurat_y();
  double shift = 0.0;
  for (;;) {
    const int i = p.layer;
    const double x = p.x;
    if (i == 0) {
      // Layer 0 is the tail, which for the exponential is the whole distribution shifted.
      shift += x_at[1];
    } else {
      // The wedge; uniform_01 on a 32-bit word is word * 2^-32.
      const double y01 = static_cast<double>(next()) * 0x1p-32;
      const double y = y_at[i] + y01 * (y_at[i + 1] - y_at[i]);
      const double y_above_ubound = (x_at[i] - x_at[i + 1]) * y01 - (x_at[i] - x);
      const double y_above_lbound = y - (y_at[i + 1] + (x_at[i + 1] - x) * y_at[i + 1]);
      if (y_above_ubound < 0 && (y_above_lbound < 0 || y < std::exp(-x))) return x + shift;
    }
    p = ziggurat_point(next);
    if (p.x < x_at[p.layer + 1]) return shift + p.x;
  }
}

}  // namespace detail

// `next` returns the next 32-bit word of the stream.
template <class NextWord>
double unit_exponential(NextWord& next) {
  const detail::ZigguratPoint p = detail::ziggurat_point(next);
  // Boost returns shift + x here with shift 0.0, and divides by lambda 1.0: both leave x as is.
  if (p.x < detail::ziggurat_x()[p.layer + 1]) return p.x;
  return detail::exponential_outside_rectangle(next, p);
}

}  // namespace doorstroom::engine
