#pragma once
// What one request may ask of the workshop server. The page is meant for a room with one
// facilitator; the limits keep a stray script (or a typo of an extra zero) from tying up the
// machine: every request is bounded in size, in students and in simulation time.
#include <cstddef>
#include <cstdint>

namespace doorstroom::serve {

struct ServeLimits {
  std::uint64_t default_students = 100000;  // per arm (base and scenario), when a request names none
  std::uint64_t min_students = 1000;        // below this the intervals say nothing
  std::uint64_t max_students = 400000;
  double max_seconds = 10.0;                // a simulation still running after this is stopped (503)
  std::size_t max_request_bytes = 4096;     // request line + query; larger gets 414 / 413
  int replications = 10;                    // students are split over these, for the intervals
  int threads = 2;                          // simulation threads per request
  // A room: requests arriving while a simulation runs wait their turn, up to this many (more get
  // 503 with Retry-After), and the answers to this many recent settings are kept.
  int max_waiting = 32;
  std::size_t cached_results = 64;
};

}  // namespace doorstroom::serve
