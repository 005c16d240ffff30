#pragma once
// The process's heap in transparent huge pages, for a short command's fixed cost. A run touches
// some 15 MB of fresh memory (the tables' rows, the tallies, the files' text) and every first
// touch of a 4 KB page is a page fault; on the virtual machine the benchmarks run on a fault costs
// about 11 us, so a run of 1,000 students spent some 40 ms of its 85 in faults. A huge page is one
// fault per 2 MB. Linux with glibc only (elsewhere, and under the sanitizers, this does nothing).
#include <cstddef>

namespace doorstroom::system {

// Grows the heap by `bytes` (at most 32 MiB) in one step and asks the kernel to back it with huge
// pages; allocations up to `bytes` then come from the heap (not from mmap, which would start from
// fresh small pages), and freed memory stays in the heap for the next allocation instead of going
// back to the kernel. Call once, first thing in main, before any thread starts. Untouched memory
// costs nothing: the kernel backs a huge page only when it is first written.
void prefer_huge_page_heap(std::size_t bytes);

}  // namespace doorstroom::system
