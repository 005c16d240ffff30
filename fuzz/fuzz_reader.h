#pragma once
// What every libFuzzer target checks: reading an input ends in a result or in an InputError that
// names the file. Any other exception escapes to libFuzzer, which reports it as a crash with the
// input; an InputError without the file name is turned into one here.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "models/io/input_error.h"

namespace doorstroom::fuzz {

template <class Read>
int read_or_refuse(const std::string& file, Read&& read) {
  try {
    read();
  } catch (const models::InputError& e) {
    if (std::string(e.what()).find(file) == std::string::npos) {
      std::fprintf(stderr, "InputError without the file name '%s': %s\n", file.c_str(), e.what());
      std::abort();
    }
  }
  return 0;
}

}  // namespace doorstroom::fuzz
