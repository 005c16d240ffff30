// The heap set up for huge pages (system/huge_page_heap.h): part of it is advised for huge pages,
// nothing was written there before the advice (a 2 MB stretch with one small page already in it
// never becomes a huge page), and a block of megabytes comes from the heap, not from an mmap of
// its own. Catches the advice being lost (g++ drops an unused malloc/free pair, and with it the
// heap's growth the advice covers) and a malloc header written into the advised part first.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "system/huge_page_heap.h"

#if defined(__linux__) && defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#include <fcntl.h>
#include <unistd.h>

namespace {

// /proc/self/smaps read into static storage: reading it through a stream would allocate, and the
// first allocation after the call writes to the advised part.
std::string_view read_smaps() {
  static char text[1 << 20];
  const int fd = ::open("/proc/self/smaps", O_RDONLY);
  if (fd < 0) return {};
  std::size_t size = 0;
  for (ssize_t n = 0; (n = ::read(fd, text + size, sizeof text - size)) > 0;) size += static_cast<std::size_t>(n);
  ::close(fd);
  return {text, size};
}

// The mappings advised for huge pages (VmFlags "hg"): how many, and their resident kB in all.
struct Advised {
  int mappings = 0;
  long resident_kb = 0;
};

Advised advised_mappings(std::string_view smaps) {
  Advised out;
  long rss = 0;
  while (!smaps.empty()) {
    const std::size_t end = smaps.find('\n');
    const std::string_view line = smaps.substr(0, end);
    smaps = end == std::string_view::npos ? std::string_view{} : smaps.substr(end + 1);
    if (line.substr(0, 4) == "Rss:") {
      rss = std::strtol(line.data() + 4, nullptr, 10);
    } else if (line.substr(0, 8) == "VmFlags:" && line.find(" hg") != std::string_view::npos) {
      ++out.mappings;
      out.resident_kb += rss;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the heap grows by the size asked, advised for huge pages, untouched, and serves blocks of megabytes", "[system]") {
  doorstroom::system::prefer_huge_page_heap(std::size_t{32} << 20);
  const Advised advised = advised_mappings(read_smaps());
  CHECK(advised.mappings == 1);
  CHECK(advised.resident_kb == 0);
  // 8 MB: glibc's default (at most 32 MB after frees, from 128 KB) would often give it an mmap of
  // its own above the heap; now it comes from the heap, below its top.
  void* volatile block = std::malloc(std::size_t{8} << 20);
  REQUIRE(block != nullptr);
  CHECK(reinterpret_cast<std::uintptr_t>(block) < reinterpret_cast<std::uintptr_t>(sbrk(0)));
  std::free(block);
}

#endif
