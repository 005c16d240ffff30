// The training run of the profile-guided build (cmake/pgo.cmake): the embedded baseline as
// `doorstroom run` simulates it, replicate 0 through the census and flow tallies together and the
// others through the census tally alone, so that the branch counts are those of a user's run.
#include <cstdio>
#include <exception>

#include "models/studies/run.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: doorstroom_pgo_train OUT_DIR\n", stderr);
    return 2;
  }
  try {
    doorstroom::models::RunRequest request;
    // cmake/pgo_check.cmake runs doorstroom with these settings and compares the tables.
    request.options.students = 100000;
    request.options.replications = 3;
    request.options.seed = 1;
    request.options.threads = 1;
    request.flows = true;
    request.out_dir = argv[1];
    doorstroom::models::run_to_folder(request);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "doorstroom_pgo_train: %s\n", e.what());
    return 1;
  }
  return 0;
}
