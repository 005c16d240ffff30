// libFuzzer target: a sweep design CSV, checked against the default parameter set.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_reader.h"
#include "models/studies/run.h"
#include "models/studies/sweep.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace doorstroom::models;
  static const ParameterSet p = load("", "").parameters;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  return doorstroom::fuzz::read_or_refuse("fuzzed.csv", [&] { (void)read_design(text, "fuzzed.csv", p); });
}
