// The heap set up for huge pages (system/huge_page_heap.h): a block of a few MB comes from the heap
// (not from a fresh mmap), and the heap's top is advised for huge pages. Catches the advice being
// lost: g++ drops an unused malloc/free pair, and with it the heap's growth that the advice covers.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "system/huge_page_heap.h"

#if defined(__linux__) && defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#include <unistd.h>

namespace {

// The VmFlags of the mapping holding `address`, from /proc/self/smaps ("" if none holds it).
std::string vm_flags_at(std::uintptr_t address) {
  std::ifstream smaps("/proc/self/smaps");
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    std::uintptr_t low = 0, high = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> low >> dash >> high && dash == '-' && line.find(':') > line.find(' ')) {
      inside = low <= address && address < high;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

}  // namespace

TEST_CASE("the heap grows by the size asked, advised for huge pages, and serves blocks of megabytes", "[system]") {
  doorstroom::system::prefer_huge_page_heap(std::size_t{32} << 20);
  const auto top = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Advised up to the last 2 MB boundary below the top, and grown by far more than 3 MB.
  CHECK(vm_flags_at(top - (std::size_t{3} << 20)).find(" hg") != std::string::npos);
  // 8 MB: glibc's default (at most 32 MB after frees, from 128 KB) would often give it an mmap of
  // its own above the heap; now it comes from the heap, below its top.
  void* volatile block = std::malloc(std::size_t{8} << 20);
  REQUIRE(block != nullptr);
  CHECK(reinterpret_cast<std::uintptr_t>(block) < reinterpret_cast<std::uintptr_t>(sbrk(0)));
  std::free(block);
}

#endif
