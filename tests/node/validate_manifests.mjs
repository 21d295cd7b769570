// Validates rendered Kubernetes manifests (multi-document YAML from a file or stdin) against
// the Kubernetes schemas (kubernetes-models), cert-manager's and the Prometheus Operator's CRD
// schemas (@kubernetes-models/cert-manager, @kubernetes-models/prometheus-operator) and
// polylateral's own rules (manifest_rules.mjs, redis_access_rules.mjs, deployment_rules.mjs).
// Prints one line per object; exits 1 if any object or rule fails.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";
import { checkDeployment } from "./deployment_rules.mjs";
import { checkManifests } from "./manifest_rules.mjs";
import { checkRedisAccess } from "./redis_access_rules.mjs";

const require = createRequire(import.meta.url);
const packageDir = (name) => require.resolve(`${name}/package.json`).replace(/package\.json$/, "");
// API groups served by CRDs, and the package holding their schemas.
const CRD_PACKAGES = {
  "cert-manager.io": "@kubernetes-models/cert-manager",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelFor(apiVersion, kind) {
  // "apps/v1" -> kubernetes-models/apps/v1; core "v1" -> kubernetes-models/v1;
  // "cert-manager.io/v1" -> @kubernetes-models/cert-manager/cert-manager.io/v1.
  const crdPackage = CRD_PACKAGES[apiVersion.split("/")[0]];
  const path = `${packageDir(crdPackage ?? "kubernetes-models")}${apiVersion}/index.js`;
  if (!existsSync(path)) return undefined;
  const mod = await import(path);
  return mod[kind];
}

// Read as YAML 1.1, like kubectl: a leading-zero number is octal there.
const text = readFileSync(process.argv[2] ?? 0, "utf8");
const errors = [];
const objects = [];
for (const doc of parseAllDocuments(text, { version: "1.1" })) {
  if (doc.errors.length) {
    errors.push(`YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const obj = doc.toJSON();
  if (!obj) continue;
  const where = `${obj.apiVersion} ${obj.kind} ${obj.metadata?.name}`;
  const Model = await modelFor(obj.apiVersion ?? "", obj.kind ?? "");
  if (!Model) {
    errors.push(`${where}: unknown apiVersion/kind (no schema to validate against)`);
    continue;
  }
  try {
    new Model(obj).validate();
    objects.push(obj);
    console.log(`ok ${where}`);
  } catch (e) {
    errors.push(`${where}: ${e.message}`);
  }
}
if (objects.length === 0 && errors.length === 0) errors.push("no objects found");
if (errors.length === 0) errors.push(...checkManifests(objects), ...checkRedisAccess(objects), ...checkDeployment(objects));
for (const e of errors) console.error(`FAIL ${e}`);
process.exit(errors.length ? 1 : 0);
