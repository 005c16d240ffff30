// libFuzzer target: a scenario file over the default parameters and calibration, then compiled.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_reader.h"
#include "models/chain/chain_model.h"
#include "models/chain/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace doorstroom::models;
  static const std::string parameters(embedded_parameters()), calibrated(embedded_calibrated());
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  return doorstroom::fuzz::read_or_refuse("fuzzed.toml", [&] {
    const Scenario s = load_scenario(text, "fuzzed.toml", parameters, "parameters.toml", calibrated, "calibrated.toml");
    (void)compile(s.parameters);
  });
}
