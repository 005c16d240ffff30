// libFuzzer target: a calibration targets CSV.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_reader.h"
#include "models/measure/targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  return doorstroom::fuzz::read_or_refuse("fuzzed.csv", [&] { (void)doorstroom::models::read_targets(text, "fuzzed.csv"); });
}
