#!/usr/bin/env bash
# scripts/check-layering on a small tree: clean code passes, and each rule reports its own
# breakage with the file and line (a check that cannot fail would prove nothing).
set -uo pipefail
check=$1
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
failures=0

put() { mkdir -p "$tree/$(dirname "$1")" && printf '%s\n' "$2" >"$tree/$1"; }
expect() {
  local what=$1 want_rc=$2 want_line=$3
  local out rc
  out=$("$check" "$tree" 2>&1)
  rc=$?
  if [[ $rc -ne $want_rc ]] || ! grep -qF -- "$want_line" <<<"$out"; then
    echo "FAIL $what: rc=$rc (want $want_rc), output:"
    echo "$out"
    failures=$((failures + 1))
  else
    echo "ok   $what"
  fi
}

put services/alpha/domain/rule.h '#include <string>
#include "absl/status/status.h"
#include "common/base/ids.h"
#include "services/alpha/domain/other.h"'
put services/alpha/store/store.cc '#include "hiredis/hiredis.h"
#include "polylateral/alpha/v1/alpha.pb.h"'
put services/alpha/api/handlers.cc '#include <grpcpp/grpcpp.h>
#include "services/alpha/domain/rule.h"'
put services/beta/client/alpha_client.cc '#include "polylateral/alpha/v1/alpha_service.grpc.pb.h"'
expect "clean tree passes" 0 "layering: clean"

put services/beta/api/uses_alpha.cc '#include "services/alpha/domain/rule.h"'
expect "cross-service include" 1 \
  "services/beta/api/uses_alpha.cc:1: cross-service include: services/alpha/domain/rule.h"
rm "$tree/services/beta/api/uses_alpha.cc"

put common/base/leak.cc '#include "services/alpha/domain/rule.h"'
expect "common includes a service" 1 \
  "common/base/leak.cc:1: common code includes a service: services/alpha/domain/rule.h"
rm -r "$tree/common"

for inc in '<grpcpp/grpcpp.h>' '"hiredis/hiredis.h"' '"polylateral/alpha/v1/alpha.pb.h"' \
  '<google/protobuf/message.h>' '<nlohmann/json.hpp>'; do
  put services/alpha/domain/leak.cc "  #include $inc"
  expect "domain include $inc" 1 "services/alpha/domain/leak.cc:1: transport or storage include"
done
rm "$tree/services/alpha/domain/leak.cc"
put services/composition/solver/leak.h '#include "polylateral/composition/v1/body.pb.h"'
expect "solver counts as domain" 1 "services/composition/solver/leak.h:1: transport or storage"
rm -r "$tree/services/composition"

put services/alpha/store/leak.cc '#include "grpcpp/server_context.h"'
expect "gRPC in a store" 1 "services/alpha/store/leak.cc:1: gRPC include in a store: grpcpp/"

[[ $failures -eq 0 ]] || exit 1
