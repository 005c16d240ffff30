#pragma once
// Several processes working on one job (MPI, e.g. `mpirun -np 4 doorstroom sweep ...`): which one
// this is, a barrier, and the sum of integer counters at rank 0. Counters are integers so that the
// sum is the same whatever the number of processes; work is split by index, so each piece is the
// same computation wherever it runs. Built without MPI (DOORSTROOM_WITH_MPI undefined), a session
// is one process, rank 0 of 1, and the calls do nothing.
#include <cstdint>
#include <cstdlib>
#include <vector>

#ifdef DOORSTROOM_WITH_MPI
#include <mpi.h>
#endif

namespace doorstroom::system {

class MpiSession {
 public:
  MpiSession(int& argc, char**& argv) {
#ifdef DOORSTROOM_WITH_MPI
    // Only under a launcher (mpirun, srun): a singleton MPI_Init starts OpenMPI's runtime, which
    // fails under a file size limit (ulimit -f) and leaks for the sanitizers, for no use.
    initialized_ = std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") || std::getenv("PMI_RANK");
    if (!initialized_) return;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
#else
    (void)argc;
    (void)argv;
#endif
  }
  ~MpiSession() {
#ifdef DOORSTROOM_WITH_MPI
    if (initialized_) MPI_Finalize();
#endif
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }

  void barrier() const {
#ifdef DOORSTROOM_WITH_MPI
    if (size_ > 1) MPI_Barrier(MPI_COMM_WORLD);
#endif
  }

  // Element-wise sum over all processes, left in `values` at rank 0.
  void sum_to_root(std::vector<std::uint64_t>& values) const {
#ifdef DOORSTROOM_WITH_MPI
    if (size_ == 1) return;
    std::vector<std::uint64_t> total(rank_ == 0 ? values.size() : 0);
    MPI_Reduce(values.data(), rank_ == 0 ? total.data() : nullptr, static_cast<int>(values.size()), MPI_UINT64_T, MPI_SUM, 0,
               MPI_COMM_WORLD);
    if (rank_ == 0) values = std::move(total);
#else
    (void)values;
#endif
  }

  // Stops every process (after an error on one of them), with a non-zero exit status.
  [[noreturn]] void abort(int code) const {
#ifdef DOORSTROOM_WITH_MPI
    if (size_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
#endif
    std::exit(code);
  }

  [[nodiscard]] static constexpr bool available() {
#ifdef DOORSTROOM_WITH_MPI
    return true;
#else
    return false;
#endif
  }

 private:
  int rank_ = 0;
  int size_ = 1;
  bool initialized_ = false;
};

}  // namespace doorstroom::system
