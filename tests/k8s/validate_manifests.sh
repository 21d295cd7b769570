#!/usr/bin/env bash
# Renders every kustomize tree under k8s/ and validates the result: yamllint on sources and
# output, the Kubernetes schemas and polylateral's rules (tests/node/validate_manifests.mjs).
# No cluster needed. Exit 77 (ctest: skipped) when kubectl is not installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v kubectl >/dev/null; then
  echo "SKIP: kubectl not installed"
  exit 77
fi
if [[ ! -d tests/node/node_modules ]]; then
  echo "tests/node/node_modules missing: run scripts/setup first" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
yamllint -s k8s/
# kustomize loads no file outside its folder, so k8s/base/redis keeps a copy of the ACL rules.
cmp deploy/redis/acl-rules.conf k8s/base/redis/acl-rules.conf ||
  { echo "k8s/base/redis/acl-rules.conf differs from deploy/redis/acl-rules.conf: copy it" >&2; exit 1; }
for dir in k8s/base k8s/overlays/dev k8s/overlays/prod; do
  out="$tmp/$(echo "$dir" | tr / _).yaml"
  kubectl kustomize "$dir" >"$out"
  yamllint -s -d "{extends: relaxed, rules: {line-length: disable}}" "$out"
  echo "== $dir"
  node tests/node/validate_manifests.mjs "$out"
done
