# polylateral_test(NAME SOURCES... DEPS... [LABELS...])
# One GoogleTest binary registered with ctest. LABELS: unit (no server), integration
# (real redis-server / gRPC on loopback), client, ops.
function(polylateral_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  polylateral_test_flags(${name})
  target_precompile_headers(${name} REUSE_FROM polylateral_test_pch)
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "POLYLATERAL_SOURCE_DIR=${CMAKE_SOURCE_DIR};POLYLATERAL_BINARY_DIR=${CMAKE_BINARY_DIR}")
endfunction()
