# The training build of cmake/pgo.cmake: simulation.cpp compiled with instrumentation, linked with the
# main build's chain and system libraries (DOORSTROOM_PGO_TRAINING_LIBRARIES) into the training
# program. Its target has the name of the main build's, so that the object has the same name in
# both builds: g++ keys the counts of a file's local functions (lambdas, the driver loop's
# instantiations) on it, and a profile written under another name does not match them.
add_library(doorstroom_simulation_objects OBJECT ${SIMULATION_SOURCE})
doorstroom_chain_target(doorstroom_simulation_objects)
target_compile_options(doorstroom_simulation_objects PRIVATE -fprofile-generate)

add_executable(doorstroom_pgo_train ${PROJECT_SOURCE_DIR}/cmake/pgo_train.cpp $<TARGET_OBJECTS:doorstroom_simulation_objects>)
target_link_libraries(doorstroom_pgo_train PRIVATE ${DOORSTROOM_PGO_TRAINING_LIBRARIES} doorstroom_engine tomlplusplus::tomlplusplus)
target_compile_options(doorstroom_pgo_train PRIVATE ${DOORSTROOM_WARNINGS})
target_link_options(doorstroom_pgo_train PRIVATE -fprofile-generate)
