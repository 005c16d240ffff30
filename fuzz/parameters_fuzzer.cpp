// libFuzzer target: a parameter file under the baseline scenario, then compiled.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_reader.h"
#include "models/chain/chain_model.h"
#include "models/chain/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace doorstroom::models;
  static const std::string baseline(embedded_baseline());
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  return doorstroom::fuzz::read_or_refuse("fuzzed.toml", [&] {
    const Scenario s = load_scenario(baseline, "baseline.toml", text, "fuzzed.toml");
    (void)compile(s.parameters);
  });
}
