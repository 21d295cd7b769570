#!/usr/bin/env bash
# Renders every kustomize tree under k8s/ and validates the result: yamllint on sources and
# output, k8s/base/monitoring up to date with deploy/prometheus, the Kubernetes, cert-manager
# and Prometheus Operator schemas and polylateral's rules (tests/node/validate_manifests.mjs,
# manifest_rules.mjs, deployment_rules.mjs). No cluster needed.
# Rendering is tests/node/kustomize_lite.mjs's, so the check runs where kubectl is not installed
# (Debian 12 has no package); where kubectl is, its rendering must be the same objects.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -d tests/node/node_modules ]]; then
  echo "tests/node/node_modules missing: run scripts/setup first" >&2
  exit 1
fi
if ! command -v kubectl >/dev/null; then
  echo "kubectl not installed: rendering with tests/node/kustomize_lite.mjs only"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
yamllint -s k8s/
# kustomize loads no file outside its folder, so k8s/base/redis keeps copies of the ACL rules
# and of the scripts the Redis pods and the backup job share with scripts/up and the tests.
for f in acl-rules.conf sentinel-conf.sh backup.sh restore.sh; do
  cmp "deploy/redis/$f" "k8s/base/redis/$f" ||
    { echo "k8s/base/redis/$f differs from deploy/redis/$f: copy it" >&2; exit 1; }
done
# k8s/base/monitoring (PodMonitors, PrometheusRule) is generated from deploy/prometheus.
scripts/render-k8s-monitoring --check
for dir in k8s/base k8s/overlays/dev k8s/overlays/prod; do
  out="$tmp/$(echo "$dir" | tr / _).yaml"
  node tests/node/kustomize_lite.mjs "$dir" >"$out"
  if command -v kubectl >/dev/null; then
    kubectl kustomize "$dir" >"$out.kubectl"
    node tests/node/same_manifests.mjs "$out.kubectl" "$out"
    mv "$out.kubectl" "$out"
  fi
  yamllint -s -d "{extends: relaxed, rules: {line-length: disable}}" "$out"
  echo "== $dir"
  node tests/node/validate_manifests.mjs "$out"
done
