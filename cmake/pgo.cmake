# Profile-guided optimisation of the simulation loop (docs/performance.md, "Profile-guided build").
#
# The driver loop's time goes to branches whose direction is random (which event comes first, which
# destination), and how g++ lays out and inlines that loop is worth about 12% of a run when it
# knows the branch counts of a real one. So a Release build with GCC compiles simulation.cpp twice:
# first in a training build (this project configured again in pgo_training/, see
# cmake/pgo_training.cmake), instrumented and linked with this build's chain and system libraries
# into doorstroom_pgo_train, which runs the baseline; then, with that run's counts, here. The counts
# change the machine code's layout and inlining, not its arithmetic, so every output is the same
# number for number.
#
# Other compilers, other build types (the sanitizer build), the fuzzers and the WebAssembly module
# compile simulation.cpp as usual; so does -DDOORSTROOM_PGO=OFF.
option(DOORSTROOM_PGO "Profile-guided optimisation of the simulation loop (GCC Release builds)" ON)
if(NOT (DOORSTROOM_PGO AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_BUILD_TYPE STREQUAL "Release"))
  return()
endif()

include(ExternalProject)
add_library(doorstroom_pgo_chain STATIC $<TARGET_OBJECTS:doorstroom_chain_objects>)
set(training_build ${PROJECT_BINARY_DIR}/pgo_training)
set(training_program ${training_build}/doorstroom_pgo_train)
ExternalProject_Add(doorstroom_pgo_training
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${training_build}
  CMAKE_ARGS -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
             -DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS} -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
             "-DDOORSTROOM_PGO_TRAINING_LIBRARIES=$<TARGET_FILE:doorstroom_pgo_chain>$<SEMICOLON>$<TARGET_FILE:doorstroom_system>"
  LIST_SEPARATOR ,
  BUILD_COMMAND ${CMAKE_COMMAND} --build ${training_build} --target doorstroom_pgo_train
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON
  BUILD_BYPRODUCTS ${training_program}
  DEPENDS doorstroom_pgo_chain doorstroom_system)

# g++ writes an instrumented object's counts beside the object (its name with .gcda) and reads them
# back beside the object it compiles with -fprofile-use; both builds keep the object under
# CMakeFiles/doorstroom_simulation_objects.dir/ by its path in the source tree.
file(RELATIVE_PATH simulation_object ${PROJECT_SOURCE_DIR} ${SIMULATION_SOURCE})
set(counts_name CMakeFiles/doorstroom_simulation_objects.dir/${simulation_object}.gcda)
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/${counts_name}
  # Counts of an earlier training would add up with this one's.
  COMMAND ${CMAKE_COMMAND} -E rm -f ${training_build}/${counts_name}
  COMMAND ${training_program} ${training_build}/run
  COMMAND ${CMAKE_COMMAND} -E copy ${training_build}/${counts_name} ${PROJECT_BINARY_DIR}/${counts_name}
  DEPENDS ${training_program} doorstroom_pgo_training
  COMMENT "Profile-guided build: the training run of the simulation loop")
add_custom_target(doorstroom_pgo_counts DEPENDS ${PROJECT_BINARY_DIR}/${counts_name})
# A target dependency, not a file one: the training program is rebuilt exactly when simulation.cpp
# or what it includes changes, and then simulation.cpp is compiled again here too, after the
# training.
add_dependencies(doorstroom_simulation_objects doorstroom_pgo_counts)
# g++ finds no counts, or counts with another checksum, for a few functions that run once or never
# in training (the file's static initialisers, the implicit destructors of two exception types that
# the training program takes from the uninstrumented chain objects, the progress callback), and
# compiles those as without a profile; it says so in warnings, which are not errors here. The same
# file is compiled with -Werror in the training build and in every other build.
target_compile_options(doorstroom_simulation_objects PRIVATE -fprofile-use -fprofile-partial-training
                       -Wno-missing-profile -Wno-coverage-mismatch -Wno-error)
