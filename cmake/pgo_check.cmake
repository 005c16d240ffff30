# The test of the profile-guided build (tests/CMakeLists.txt): runs DOORSTROOM as cmake/pgo_train.cpp
# ran the instrumented loop (the embedded baseline, 100,000 students, 3 replicates, seed 1, one
# thread, flows.csv from replicate 0) into OUT, and compares its tables with TRAINING_RUN's.
execute_process(
  COMMAND ${DOORSTROOM} run --students 100000 --replications 3 --seed 1 --threads 1 --out ${OUT} --quiet
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "doorstroom run failed (${status})")
endif()
foreach(table outcomes.csv census.csv flows.csv)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${TRAINING_RUN}/${table} ${OUT}/${table} RESULT_VARIABLE differ)
  if(NOT differ EQUAL 0)
    message(FATAL_ERROR "${table} of the profile-optimised doorstroom differs from the training run's (${TRAINING_RUN})")
  endif()
  message(STATUS "${table}: the same as the training run's")
endforeach()
