# polylateral_proto_library(NAME PROTOS <paths relative to an import dir> [GRPC] [DEPS libs])
# Runs protoc (and the gRPC plugin with GRPC) into ${CMAKE_BINARY_DIR}/gen/<same path>.
# Debian ships no protobuf CMake config; FindProtobuf's protobuf_generate mis-places outputs of
# protos that live outside the source tree (google/rpc), so protoc is driven directly.
set(POLYLATERAL_GEN_DIR "${CMAKE_BINARY_DIR}/gen")
set(POLYLATERAL_GOOGLEAPIS_DIR "/usr/share/gocode/src/github.com/gogo/googleapis"
    CACHE PATH "google/rpc protos (Debian golang-github-gogo-googleapis-dev)")
set(POLYLATERAL_PROTO_IMPORT_DIRS "${CMAKE_SOURCE_DIR}/proto" "${POLYLATERAL_GOOGLEAPIS_DIR}")
file(MAKE_DIRECTORY "${POLYLATERAL_GEN_DIR}")
get_target_property(POLYLATERAL_GRPC_CPP_PLUGIN gRPC::grpc_cpp_plugin LOCATION)

function(polylateral_proto_library name)
  cmake_parse_arguments(P "GRPC" "" "PROTOS;DEPS" ${ARGN})
  set(import_flags)
  foreach(dir ${POLYLATERAL_PROTO_IMPORT_DIRS})
    list(APPEND import_flags "-I${dir}")
  endforeach()
  set(srcs)
  foreach(p ${P_PROTOS})
    set(found "")
    foreach(dir ${POLYLATERAL_PROTO_IMPORT_DIRS})
      if(NOT found AND EXISTS "${dir}/${p}")
        set(found "${dir}/${p}")
      endif()
    endforeach()
    if(NOT found)
      message(FATAL_ERROR "proto ${p} not found in ${POLYLATERAL_PROTO_IMPORT_DIRS}")
    endif()
    string(REGEX REPLACE "\\.proto$" "" stem "${p}")
    set(outs "${POLYLATERAL_GEN_DIR}/${stem}.pb.cc" "${POLYLATERAL_GEN_DIR}/${stem}.pb.h")
    set(cmd ${Protobuf_PROTOC_EXECUTABLE} ${import_flags} --cpp_out=${POLYLATERAL_GEN_DIR})
    if(P_GRPC)
      list(APPEND outs "${POLYLATERAL_GEN_DIR}/${stem}.grpc.pb.cc"
                       "${POLYLATERAL_GEN_DIR}/${stem}.grpc.pb.h")
      list(APPEND cmd --grpc_out=${POLYLATERAL_GEN_DIR}
                      --plugin=protoc-gen-grpc=${POLYLATERAL_GRPC_CPP_PLUGIN})
    endif()
    add_custom_command(OUTPUT ${outs}
      COMMAND ${cmd} "${found}"
      DEPENDS "${found}" ${Protobuf_PROTOC_EXECUTABLE}
      COMMENT "protoc ${p}" VERBATIM)
    list(APPEND srcs ${outs})
  endforeach()
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} SYSTEM PUBLIC "${POLYLATERAL_GEN_DIR}")
  target_link_libraries(${name} PUBLIC protobuf::libprotobuf ${P_DEPS})
  if(P_GRPC)
    target_link_libraries(${name} PUBLIC gRPC::grpc++)
  endif()
  if(POLYLATERAL_SANITIZE)
    # Generated code is protoc's, like the protobuf and gRPC libraries it calls (which are not
    # instrumented either); instrumenting it tripled its compile time and checks none of ours.
    target_compile_options(${name} PRIVATE -fno-sanitize=all -g0)
  endif()
endfunction()
