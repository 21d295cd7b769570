// Exits 1 unless two multi-document YAML files hold the same objects (in any order): checks
// kustomize_lite.mjs's rendering against kubectl's where kubectl is installed.
// Usage: node same_manifests.mjs A.yaml B.yaml
import { isDeepStrictEqual } from "node:util";
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

function byKey(file) {
  const out = new Map();
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1" })) {
    const o = doc.toJSON();
    if (o) out.set(`${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? ""}/${o.metadata?.name}`, o);
  }
  return out;
}

const [a, b] = [byKey(process.argv[2]), byKey(process.argv[3])];
const problems = [];
for (const [key, obj] of a) {
  if (!b.has(key)) problems.push(`only in ${process.argv[2]}: ${key}`);
  else if (!isDeepStrictEqual(obj, b.get(key))) {
    problems.push(`differs: ${key}\n${JSON.stringify(obj)}\n${JSON.stringify(b.get(key))}`);
  }
}
for (const key of b.keys()) if (!a.has(key)) problems.push(`only in ${process.argv[3]}: ${key}`);
for (const p of problems) console.error(`FAIL ${p}`);
if (!problems.length) console.log(`same ${a.size} objects`);
process.exit(problems.length ? 1 : 0);
