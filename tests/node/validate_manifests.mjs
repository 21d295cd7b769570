// Validates rendered Kubernetes manifests (multi-document YAML from a file or stdin) against
// the Kubernetes schemas (kubernetes-models) and against polylateral's own rules: every
// workload container has requests and limits, runs as non-root with a read-only root
// filesystem, and every Deployment has liveness and readiness probes. Redis access: every
// service Deployment connects as its own ACL user with a password file from a mounted Secret,
// Redis loads an ACL file, and a NetworkPolicy guards the Redis pods.
// Prints one line per object; exits 1 on the first class of error found in any object.
import { readFileSync } from "node:fs";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";

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

// A service container's Redis user must be the service's own, its password a file in a
// volume from the Secret redis-acl (possibly hash-suffixed by a generator).
function checkRedisAccess(obj, where) {
  const spec = obj.spec?.template?.spec;
  const name = obj.spec?.template?.metadata?.labels?.["app.kubernetes.io/name"];
  if (obj.kind !== "Deployment" || !spec) return;
  for (const c of spec.containers ?? []) {
    const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
    if (!("POLYLATERAL_REDIS" in env)) continue;
    if (env.POLYLATERAL_REDIS_USER !== name) {
      errors.push(`${where} container ${c.name}: POLYLATERAL_REDIS_USER must be "${name}"`);
    }
    const file = env.POLYLATERAL_REDIS_PASSWORD_FILE ?? "";
    const mount = (c.volumeMounts ?? []).find((m) => file.startsWith(`${m.mountPath}/`));
    const volume = (spec.volumes ?? []).find((v) => v.name === mount?.name);
    const secret = volume?.secret;
    if (!secret || !/^redis-acl(-[a-z0-9]+)?$/.test(secret.secretName ?? "")) {
      errors.push(`${where} container ${c.name}: POLYLATERAL_REDIS_PASSWORD_FILE must be in a volume from the Secret redis-acl`);
    } else if (!(secret.items ?? []).every((i) => i.key === name)) {
      errors.push(`${where}: mounts other services' Redis passwords`);
    }
  }
}

let redisAclFile = false;
let redisNetworkPolicy = false;
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
    checkRedisAccess(obj, where);
    if (obj.kind === "StatefulSet" && obj.metadata?.name === "redis") {
      const args = obj.spec.template.spec.containers[0].args ?? [];
      redisAclFile = args.includes("--aclfile");
    }
    if (obj.kind === "NetworkPolicy" && obj.spec?.podSelector?.matchLabels?.["app.kubernetes.io/name"] === "redis") {
      redisNetworkPolicy = true;
    }
    console.log(`ok ${where}`);
    count++;
  } catch (e) {
    errors.push(`${where}: ${e.message}`);
  }
}
if (count === 0 && errors.length === 0) errors.push("no objects found");
if (!redisAclFile) errors.push("StatefulSet redis: redis-server must run with --aclfile");
if (!redisNetworkPolicy) errors.push("no NetworkPolicy selects the Redis pods");
for (const e of errors) console.error(`FAIL ${e}`);
process.exit(errors.length ? 1 : 0);
