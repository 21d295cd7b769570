// kustomize_lite.mjs generates ConfigMaps and Secrets as kustomize 5 does (the hash suffixes
// below are kubectl 1.32's, kustomize 5.5), so its rendering can stand in for kubectl's where
// kubectl is not installed; fields it does not implement stay errors.
// Run: node --test tests/node/kustomize_lite.test.mjs
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { render } from "./kustomize_lite.mjs";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
        - name: app
          image: app
          envFrom:
            - configMapRef:
                name: settings
      volumes:
        - name: rules
          configMap:
            name: rules
        - name: secret
          secret:
            secretName: creds
        - name: unrelated
          secret:
            secretName: made-elsewhere
`;

// Renders a kustomization (YAML text) in a fresh folder with the given extra files.
function renderWith(kustomization, files = {}) {
  const dir = mkdtempSync(join(tmpdir(), "kustomize-lite-"));
  try {
    writeFileSync(join(dir, "kustomization.yaml"), kustomization);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return render(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("generated names carry kustomize's content hash and references follow them", () => {
  const objects = renderWith(`resources:
  - deployment.yaml
namespace: ns
configMapGenerator:
  - name: settings
    literals:
      - FOO=Bar
  - name: rules
    files:
      - rules.conf
secretGenerator:
  - name: creds
    literals:
      - a=b
`, { "deployment.yaml": DEPLOYMENT, "rules.conf": "user x on &* >pw <ok>\n" });
  const byKind = (kind) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
  // The suffix depends on the content only (kustomize 5 hashes an empty name).
  assert.deepEqual(byKind("ConfigMap"), ["settings-42cfbf598f", "rules-g7k245gtc9"]);
  assert.deepEqual(byKind("Secret"), ["creds-k695gkmbtk"]);
  const secret = objects.find((o) => o.kind === "Secret");
  assert.deepEqual(secret, { apiVersion: "v1", kind: "Secret", type: "Opaque",
    metadata: { name: "creds-k695gkmbtk", namespace: "ns" }, data: { a: "Yg==" } });
  const pod = objects.find((o) => o.kind === "Deployment").spec.template.spec;
  assert.equal(pod.containers[0].envFrom[0].configMapRef.name, "settings-42cfbf598f");
  assert.deepEqual(pod.volumes.map((v) => v.configMap?.name ?? v.secret.secretName),
    ["rules-g7k245gtc9", "creds-k695gkmbtk", "made-elsewhere"]);
});

test("generatorOptions.disableNameSuffixHash keeps the names", () => {
  const objects = renderWith(`generatorOptions:
  disableNameSuffixHash: true
configMapGenerator:
  - name: settings
    literals:
      - FOO="Bar"
`);
  assert.deepEqual(objects, [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" },
    data: { FOO: "Bar" } }]);
});

test("generator fields it does not implement are errors", () => {
  assert.throws(() => renderWith(`configMapGenerator:
  - name: settings
    behavior: merge
    literals: [FOO=Bar]
`), /ConfigMap generator field behavior is not supported here/);
  assert.throws(() => renderWith(`generatorOptions:
  labels: {a: b}
`), /generatorOptions field labels is not supported here/);
  assert.throws(() => renderWith(`secretGenerator:
  - name: s
    envs: [x.env]
`), /Secret generator field envs is not supported here/);
  assert.throws(() => renderWith(`configMapGenerator:
  - name: settings
    literals: [FOO]
`), /literal FOO is not KEY=VALUE/);
});
