# Precompiled headers (common/pch). Most of a gRPC-facing or test file's compile time is
# parsing gRPC's, protobuf's, Abseil's and the generated protos' headers; these targets parse
# them once per build instead. GCC uses a precompiled header only where the compile options
# that can change its meaning match the ones it was built with.

# The options a precompiled header and every target reusing it share: some libraries bring
# these and others do not (_FILE_OFFSET_BITS changes no type on 64-bit Linux, -pthread
# defines _REENTRANT), and the header needs the generated protos' directory wherever it is used.
function(polylateral_pch_flags target)
  target_compile_options(${target} PRIVATE -pthread)
  target_compile_definitions(${target} PRIVATE _FILE_OFFSET_BITS=64)
  target_link_libraries(${target} PRIVATE Threads::Threads)
  target_include_directories(${target} SYSTEM PRIVATE "${POLYLATERAL_GEN_DIR}")
endfunction()

# The tests' options (polylateral_test): the shared ones, at -O0.
function(polylateral_test_flags target)
  # A test file is assertion glue around the (optimised) libraries it links; optimising the
  # expanded gtest macros costs most of the build's compile time and buys nothing.
  target_compile_options(${target} PRIVATE -O0)
  polylateral_pch_flags(${target})
endfunction()

# polylateral_use_grpc_pch(TARGET...): these targets reuse the gRPC precompiled header. Only
# targets that speak gRPC: the domain and store libraries stay without it, so that a gRPC or
# protobuf type used there without its include still fails to build.
function(polylateral_use_grpc_pch)
  foreach(target ${ARGN})
    polylateral_pch_flags(${target})
    target_precompile_headers(${target} REUSE_FROM polylateral_grpc_pch)
  endforeach()
endfunction()
