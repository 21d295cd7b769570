// Validates rendered Kubernetes manifests (multi-document YAML from a file or stdin) against
// the Kubernetes schemas (kubernetes-models) and against polylateral's own rules: every
// workload container has requests and limits, runs as non-root with a read-only root
// filesystem, and every Deployment has liveness and readiness probes.
// Prints one line per object; exits 1 on the first class of error found in any object.
import { readFileSync } from "node:fs";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";
import { checkRedisAccess } from "./redis_access_rules.mjs";

const require = createRequire(import.meta.url);
const modelsDir = require.resolve("kubernetes-models/package.json").replace(/package\.json$/, "");

const text = readFileSync(process.argv[2] ?? 0, "utf8");
const errors = [];

async function modelFor(apiVersion, kind) {
  // "apps/v1" -> kubernetes-models/apps/v1; core "v1" -> kubernetes-models/v1.
  const path = `${modelsDir}${apiVersion}/index.js`;
  if (!existsSync(path)) return undefined;
  const mod = await import(path);
  return mod[kind];
}

function checkOwnRules(obj, where) {
  const spec = obj.spec?.template?.spec;
  if (!spec) return;
  for (const c of spec.containers ?? []) {
    const sc = { ...(spec.securityContext ?? {}), ...(c.securityContext ?? {}) };
    if (!c.resources?.requests || !c.resources?.limits) {
      errors.push(`${where} container ${c.name}: resources.requests and resources.limits are required`);
    }
    if (sc.runAsNonRoot !== true) errors.push(`${where} container ${c.name}: runAsNonRoot must be true`);
    if (c.securityContext?.readOnlyRootFilesystem !== true) {
      errors.push(`${where} container ${c.name}: readOnlyRootFilesystem must be true`);
    }
    if (c.securityContext?.allowPrivilegeEscalation !== false) {
      errors.push(`${where} container ${c.name}: allowPrivilegeEscalation must be false`);
    }
    if (obj.kind === "Deployment" && (!c.livenessProbe || !c.readinessProbe)) {
      errors.push(`${where} container ${c.name}: liveness and readiness probes are required`);
    }
  }
}

const objects = [];
let count = 0;
for (const doc of parseAllDocuments(text)) {
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
    checkOwnRules(obj, where);
    objects.push(obj);
    console.log(`ok ${where}`);
    count++;
  } catch (e) {
    errors.push(`${where}: ${e.message}`);
  }
}
if (count === 0 && errors.length === 0) errors.push("no objects found");
errors.push(...checkRedisAccess(objects));
for (const e of errors) console.error(`FAIL ${e}`);
process.exit(errors.length ? 1 : 0);
