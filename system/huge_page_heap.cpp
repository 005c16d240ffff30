#include "system/huge_page_heap.h"

#include <cstdint>
#include <cstdlib>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace doorstroom::system {

#if defined(__linux__) && defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)

void prefer_huge_page_heap(std::size_t bytes) {
  constexpr std::size_t kHugePage = std::size_t{2} << 20;
  constexpr std::size_t kMost = std::size_t{32} << 20;  // glibc's ceiling for M_MMAP_THRESHOLD
  if (bytes < 2 * kHugePage) return;
  const int size = static_cast<int>(bytes < kMost ? bytes : kMost);
  // Settings first, so that the allocation below takes the heap's top padding with it.
  if (mallopt(M_MMAP_THRESHOLD, size) == 0 || mallopt(M_TOP_PAD, size) == 0 || mallopt(M_TRIM_THRESHOLD, 2 * size) == 0) return;
  // Larger than what is left at the heap's top after start-up, so malloc must grow the heap, and
  // grows it by this block plus the padding set above. Volatile, or the compiler drops the unused
  // malloc and free.
  void* volatile block = std::malloc(kHugePage);
  if (block == nullptr) return;
  const auto start = reinterpret_cast<std::uintptr_t>(block);
  // Past the block malloc has written the header of the heap's free top. The kernel backs a 2 MB
  // stretch with a huge page only if none of its pages was touched before, so the advice starts at
  // the first boundary beyond that header.
  constexpr std::size_t kSlack = 64;  // more than a chunk header
  const std::uintptr_t first = (start + kHugePage + kSlack + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(kHugePage - 1);
  std::free(block);
  if (last <= first) return;
  // Only advice: where the kernel declines (huge pages off), the heap works with small pages.
  if (madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE) != 0) return;
  // The free top starts at `start` again. One block, never written nor freed (it costs address
  // space, not memory), holds [start, first - kSlack), so that allocations start just below the
  // first huge page and the top's header stays out of it until an allocation reaches it.
  [[maybe_unused]] static void* volatile below_first = nullptr;
  below_first = std::malloc(first - start - kSlack);
}

#else

void prefer_huge_page_heap(std::size_t) {}

#endif

}  // namespace doorstroom::system
