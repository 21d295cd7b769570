// polylateral's rules for what a cluster needs to run its rendered objects, beyond the schemas:
// - every namespace an object lands in is created by the same tree (a Namespace object), and
//   a namespace enforcing Pod Security "restricted" holds only pods that meet it;
// - every image is pinned: a digest, or a tag that is an explicit version (1.2.3, 1.2.3-x),
//   never :latest, a bare name or a moving tag such as 7.0 or dev;
// - the Redis nodes run with maxmemory-policy noeviction and a maxmemory that start-redis.sh
//   derives from the container's own memory limit (downward API), so it stays below it;
// - each Redis node has the Redis exporter beside it, authenticating as the ACL user
//   `exporter` (which the ACL rules define), and every pod with a `metrics` port is scraped by
//   a PodMonitor that names its job after app.kubernetes.io/name (the rules and the dashboard
//   select by `job`).
// checkDeployment(objects) returns one message per violation (empty when all hold).

// A digest, or a tag of three version numbers with an optional suffix (-bookworm, -dev).
const PINNED = /(@sha256:[0-9a-f]{64}|:v?\d+\.\d+\.\d+([-+.][0-9A-Za-z.-]+)?)$/;
export const EXPORTER_IMAGE = "polylateral/redis-exporter";

const nsOf = (o) => o.metadata?.namespace ?? "default";
const podTemplateOf = (o) => (o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template : o.spec?.template);
const workloads = (objects) => objects.filter((o) => ["Deployment", "StatefulSet", "CronJob", "Job", "DaemonSet"].includes(o.kind));
const allContainers = (spec) => [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];

function checkNamespaces(objects, errors) {
  const namespaces = new Map(objects.filter((o) => o.kind === "Namespace").map((o) => [o.metadata.name, o]));
  const used = new Set(objects.filter((o) => o.kind !== "Namespace" && o.metadata?.namespace).map(nsOf));
  for (const ns of used) {
    if (!namespaces.has(ns)) errors.push(`namespace ${ns}: no Namespace object creates it`);
  }
  for (const o of workloads(objects)) {
    const ns = namespaces.get(nsOf(o));
    if (ns?.metadata.labels?.["pod-security.kubernetes.io/enforce"] !== "restricted") continue;
    const spec = podTemplateOf(o).spec;
    for (const c of allContainers(spec)) {
      const where = `${o.kind} ${o.metadata.name} container ${c.name}`;
      const sc = { ...(spec.securityContext ?? {}), ...(c.securityContext ?? {}) };
      const restricted = sc.runAsNonRoot === true && sc.seccompProfile?.type === "RuntimeDefault" &&
        c.securityContext?.allowPrivilegeEscalation === false &&
        (c.securityContext?.capabilities?.drop ?? []).includes("ALL");
      if (!restricted) {
        errors.push(`${where}: namespace ${nsOf(o)} enforces Pod Security "restricted": runAsNonRoot, seccomp RuntimeDefault, no privilege escalation, capabilities drop ALL`);
      }
    }
  }
}

function checkImages(objects, errors) {
  for (const o of workloads(objects)) {
    for (const c of allContainers(podTemplateOf(o).spec)) {
      if (!PINNED.test(c.image ?? "")) {
        errors.push(`${o.kind} ${o.metadata.name} container ${c.name}: image ${c.image} is not pinned (a digest or an explicit version tag such as 1.2.3)`);
      }
    }
  }
}

const redisNodes = (objects) => objects.find((o) => o.kind === "StatefulSet" && podTemplateOf(o).metadata?.labels?.["app.kubernetes.io/name"] === "redis");

function configMapFile(objects, volume, key) {
  const cm = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === volume?.configMap?.name);
  return cm?.data?.[key];
}

function checkRedisMemory(objects, errors) {
  const sts = redisNodes(objects);
  if (!sts) return;
  const spec = podTemplateOf(sts).spec;
  const c = spec.containers.find((x) => x.name === "redis") ?? spec.containers[0];
  const where = `StatefulSet ${sts.metadata.name} container ${c.name}`;
  const args = c.args ?? [];
  const policy = args.indexOf("--maxmemory-policy");
  if (policy < 0 || args[policy + 1] !== "noeviction") {
    errors.push(`${where}: --maxmemory-policy noeviction is required (the suite's keys must never be evicted)`);
  }
  if (args.includes("--maxmemory")) {
    errors.push(`${where}: no fixed --maxmemory; start-redis.sh derives it from the memory limit`);
  }
  if (!c.resources?.limits?.memory) errors.push(`${where}: a memory limit is required (maxmemory derives from it)`);
  const ref = (c.env ?? []).find((e) => e.name === "REDIS_MEMORY_LIMIT")?.valueFrom?.resourceFieldRef;
  if (!ref || ref.resource !== "limits.memory" || (ref.containerName ?? c.name) !== c.name || (ref.divisor ?? "1") !== "1") {
    errors.push(`${where}: env REDIS_MEMORY_LIMIT must be its own limits.memory in bytes (resourceFieldRef)`);
  }
  const script = (c.command ?? []).find((a) => a.endsWith("/start-redis.sh"));
  const mount = (c.volumeMounts ?? []).find((m) => script?.startsWith(`${m.mountPath}/`));
  const text = configMapFile(objects, (spec.volumes ?? []).find((v) => v.name === mount?.name), "start-redis.sh") ?? "";
  if (!/maxmemory=\$\(\(REDIS_MEMORY_LIMIT \* [1-8]\d \/ 100\)\)/.test(text) || (text.match(/--maxmemory "\$maxmemory"/g) ?? []).length < 2) {
    errors.push(`${where}: start-redis.sh must start redis-server with --maxmemory below REDIS_MEMORY_LIMIT (10..89 %)`);
  }
}

function checkRedisExporter(objects, errors) {
  const sts = redisNodes(objects);
  if (!sts) return;
  const spec = podTemplateOf(sts).spec;
  const where = `StatefulSet ${sts.metadata.name}`;
  const exporter = spec.containers.find((c) => (c.image ?? "").startsWith(`${EXPORTER_IMAGE}:`) || (c.image ?? "").startsWith(`${EXPORTER_IMAGE}@`));
  if (!exporter) {
    errors.push(`${where}: no ${EXPORTER_IMAGE} sidecar beside each Redis node`);
    return;
  }
  const args = exporter.args ?? [];
  if (!args.includes("-redis.user=exporter")) errors.push(`${where} container ${exporter.name}: must run as the ACL user exporter (-redis.user=exporter)`);
  if (!args.includes("-config-command=-")) errors.push(`${where} container ${exporter.name}: -config-command=- (CONFIG GET would show masterauth)`);
  const pw = (exporter.env ?? []).find((e) => e.name === "REDIS_PASSWORD")?.valueFrom?.secretKeyRef;
  if (!pw || !/^redis-acl(-[a-z0-9]+)?$/.test(pw.name) || pw.key !== "exporter") {
    errors.push(`${where} container ${exporter.name}: REDIS_PASSWORD must be the key exporter of the Secret redis-acl`);
  }
  if (!(exporter.ports ?? []).some((p) => p.name === "metrics")) errors.push(`${where} container ${exporter.name}: no containerPort named metrics`);
  const acl = spec.volumes?.find((v) => v.configMap?.name?.startsWith("redis-acl-rules"));
  const rules = configMapFile(objects, acl, "acl-rules.conf") ?? "";
  if (!/^exporter .*-@all/m.test(rules) || /^exporter .*(~|\+@all|\+config)/m.test(rules)) {
    errors.push(`${where}: the ACL rules need a read-only user exporter (-@all, no keys, no CONFIG)`);
  }
}

// Every pod with a `metrics` port is scraped by a PodMonitor of its namespace on that port,
// with job = app.kubernetes.io/name.
function checkScraped(objects, errors) {
  const monitors = objects.filter((o) => o.kind === "PodMonitor");
  for (const o of workloads(objects)) {
    const template = podTemplateOf(o);
    if (!template.spec.containers.some((c) => (c.ports ?? []).some((p) => p.name === "metrics"))) continue;
    const labels = template.metadata?.labels ?? {};
    const scraped = monitors.some((m) => nsOf(m) === nsOf(o) &&
      Object.entries(m.spec.selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
      m.spec.jobLabel === "app.kubernetes.io/name" &&
      (m.spec.podMetricsEndpoints ?? []).some((e) => e.port === "metrics"));
    if (!scraped) errors.push(`${o.kind} ${o.metadata.name}: no PodMonitor scrapes its metrics port with jobLabel app.kubernetes.io/name`);
  }
}

export function checkDeployment(objects) {
  const errors = [];
  checkNamespaces(objects, errors);
  checkImages(objects, errors);
  checkRedisMemory(objects, errors);
  checkRedisExporter(objects, errors);
  checkScraped(objects, errors);
  return errors;
}
