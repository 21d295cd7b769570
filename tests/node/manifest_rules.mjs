// polylateral's own rules for its rendered Kubernetes objects, beyond the schemas:
// - every workload container has requests and limits, runs as non-root with a read-only root
//   filesystem and no privilege escalation; every Deployment has liveness and readiness probes;
// - every service Deployment serves mutual TLS from its cert-manager certificate (the TLS env
//   pointing into a mounted Secret whose Certificate carries the service's SPIFFE identity),
//   probes on its plaintext health port and runs as its own ServiceAccount;
// - the gateway serves HTTPS and calls the services with a cert-manager certificate carrying
//   spiffe://<trust domain>/service/gateway, probes /healthz over HTTPS, runs as its own
//   ServiceAccount; its http port is the one port open to any client;
// - every service (and the gateway) reaches each service it calls through a dns:/// name of a
//   headless Service of the callee's pods (so round_robin spreads calls over every replica);
// - the NetworkPolicies allow exactly the call graph below between the suite's pods, Prometheus
//   to the metrics ports, anyone to the health ports, DNS out, and nothing else;
// - Redis runs as a primary and replicas watched by an odd number (>= 3) of sentinels, each set
//   spread over nodes by pod anti-affinity and guarded by a PodDisruptionBudget (Redis: at most
//   one down; sentinels: a majority up); every Redis client (the services, the backup job)
//   finds the primary through every sentinel, and the services' writes wait for a replica;
// - only accreditation (webhooks) may connect out of the cluster, on HTTPS, never to the
//   link-local metadata address.
// checkManifests(objects) returns one message per violation (empty when all hold).
import { posix } from "node:path";
import { egressAllowed, ingressAllowed } from "./network_policy.mjs";

// Who calls whom; every service (not the gateway) also calls Redis.
export const CALL_GRAPH = {
  registry: [],
  accreditation: ["registry"],
  composition: ["registry", "accreditation"],
  routing: ["registry", "accreditation"],
  gateway: ["registry", "accreditation", "composition", "routing"],
};
const SERVICES = ["registry", "accreditation", "composition", "routing"];
// Ports any client may reach: the gateway's HTTPS, the suite's front door.
const FRONT_DOORS = { gateway: "http" };
// Who may connect out of the cluster (HTTPS, port 443): accreditation, which delivers webhooks.
const WEBHOOK_SENDERS = ["accreditation"];
// Who connects to the Redis nodes and to the sentinels (on their `redis` and `sentinel` ports):
// the services, the nodes and sentinels among themselves, the backup job.
const REDIS_PORTS = { redis: "redis", "redis-sentinel": "sentinel" };
const REDIS_PEERS = [...SERVICES, "redis", "redis-sentinel", "redis-backup"];
const TLS_ENV = {
  POLYLATERAL_TLS_CERT: "tls.crt",
  POLYLATERAL_TLS_KEY: "tls.key",
  POLYLATERAL_TLS_CLIENT_CA: "ca.crt",
  POLYLATERAL_TLS_CA: "ca.crt",
};

const nsOf = (o) => o.metadata?.namespace ?? "default";
const envOf = (c) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
// The value of `--flag=value` among a container's args (undefined when absent).
const argOf = (c, flag) => (c.args ?? []).find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3);

// The pod template of a Deployment, StatefulSet or CronJob.
const podTemplateOf = (o) => (o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template : o.spec?.template);

function checkWorkloadBasics(obj, where, errors) {
  const spec = podTemplateOf(obj)?.spec;
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
    if (["Deployment", "StatefulSet"].includes(obj.kind) && (!c.livenessProbe || !c.readinessProbe)) {
      errors.push(`${where} container ${c.name}: liveness and readiness probes are required`);
    }
  }
}

function checkProbes(c, where, errors) {
  const health = (c.ports ?? []).find((p) => p.name === "health")?.containerPort;
  for (const name of ["grpc", "metrics", "health"]) {
    if (!(c.ports ?? []).some((p) => p.name === name)) errors.push(`${where}: no containerPort named ${name}`);
  }
  const listen = `0.0.0.0:${health}`;
  if (!(c.args ?? []).includes(`--health_listen=${listen}`) && envOf(c).POLYLATERAL_HEALTH_LISTEN !== listen) {
    errors.push(`${where}: --health_listen=${listen} (the health containerPort) is not in args or env`);
  }
  for (const [probe, service] of [["livenessProbe", "liveness"], ["readinessProbe", ""]]) {
    const grpc = c[probe]?.grpc;
    if (!grpc || grpc.port !== health) {
      errors.push(`${where}: ${probe} must be a gRPC probe on the health port ${health}`);
    } else if ((grpc.service ?? "") !== service) {
      errors.push(`${where}: ${probe} must ask the health service name "${service}"`);
    }
  }
}

// The TLS env points into one mounted directory backed by the Secret of a Certificate that
// names this service; returns that Certificate (or undefined).
// `settings` maps each setting's description ("env X", "--flag") to [its value, the file it must
// name].
function checkTls(obj, c, name, settings, certs, where, errors) {
  const env = envOf(c);
  const spec = obj.spec.template.spec;
  if (env.POLYLATERAL_INSECURE) errors.push(`${where}: POLYLATERAL_INSECURE must not be set`);
  const dirs = new Set();
  for (const [key, [value, file]] of Object.entries(settings)) {
    if (!value) {
      errors.push(`${where}: ${key} is missing`);
      continue;
    }
    if (posix.basename(value) !== file) errors.push(`${where}: ${key} must name ${file}, not ${value}`);
    dirs.add(posix.dirname(value));
  }
  if (dirs.size !== 1) return undefined;
  const dir = [...dirs][0];
  const mount = (c.volumeMounts ?? []).find((m) => m.mountPath === dir);
  if (!mount) {
    errors.push(`${where}: no volumeMount at ${dir} for the TLS files`);
    return undefined;
  }
  // A subPath mount never sees a renewed Secret: the service would keep an expiring certificate.
  if (mount.subPath || mount.subPathExpr) errors.push(`${where}: the TLS mount must not use subPath`);
  const volume = (spec.volumes ?? []).find((v) => v.name === mount.name);
  const secretName = volume?.secret?.secretName;
  if (!secretName) {
    errors.push(`${where}: volume ${mount.name} (the TLS files) must be a Secret`);
    return undefined;
  }
  if (volume.secret.items) errors.push(`${where}: the TLS Secret volume must carry all its keys (no items)`);
  const cert = certs.find((k) => k.spec.secretName === secretName && nsOf(k) === nsOf(obj));
  if (!cert) {
    errors.push(`${where}: no cert-manager Certificate writes Secret ${secretName}`);
    return undefined;
  }
  const trustDomain = env.POLYLATERAL_TRUST_DOMAIN ?? argOf(c, "trust_domain") ?? "polylateral";
  const id = `spiffe://${trustDomain}/service/${name}`;
  if (JSON.stringify(cert.spec.uris ?? []) !== JSON.stringify([id])) {
    errors.push(`${where}: Certificate ${cert.metadata.name} must have exactly the URI SAN ${id}`);
  }
  return cert;
}

function checkServiceCertificate(cert, svc, errors) {
  const where = `Certificate ${cert.metadata.name}`;
  const ns = nsOf(cert);
  const want = [svc, `${svc}.${ns}.svc`, `${svc}.${ns}.svc.cluster.local`];
  for (const dns of want) {
    if (!(cert.spec.dnsNames ?? []).includes(dns)) errors.push(`${where}: dnsNames lacks ${dns}`);
  }
  for (const u of ["server auth", "client auth"]) {
    if (!(cert.spec.usages ?? []).includes(u)) errors.push(`${where}: usages lacks ${u}`);
  }
  const key = cert.spec.privateKey ?? {};
  if (key.algorithm !== "ECDSA" || key.size !== 256) errors.push(`${where}: the key must be ECDSA P-256`);
  if (!cert.spec.duration || !cert.spec.renewBefore) errors.push(`${where}: duration and renewBefore are required`);
}

// Each Certificate's Issuer exists in its namespace, and a CA Issuer's Secret comes from an isCA
// Certificate.
function checkIssuers(objects, errors) {
  const issuers = objects.filter((o) => o.kind === "Issuer");
  const certs = objects.filter((o) => o.kind === "Certificate");
  for (const cert of certs) {
    const ref = cert.spec.issuerRef;
    if ((ref.kind ?? "Issuer") === "Issuer" &&
        !issuers.some((i) => i.metadata.name === ref.name && nsOf(i) === nsOf(cert))) {
      errors.push(`Certificate ${cert.metadata.name}: Issuer ${ref.name} not found`);
    }
  }
  for (const issuer of issuers.filter((i) => i.spec.ca)) {
    if (!certs.some((k) => k.spec.isCA && k.spec.secretName === issuer.spec.ca.secretName)) {
      errors.push(`Issuer ${issuer.metadata.name}: no isCA Certificate writes ${issuer.spec.ca.secretName}`);
    }
  }
}

function checkOwnServiceAccount(obj, objects, where, errors) {
  const spec = obj.spec.template.spec;
  const sa = objects.find((o) => o.kind === "ServiceAccount" && o.metadata.name === spec.serviceAccountName);
  if (!spec.serviceAccountName || spec.serviceAccountName === "default" || !sa) {
    errors.push(`${where}: must run as its own ServiceAccount`);
  } else if (sa.automountServiceAccountToken !== false || spec.automountServiceAccountToken !== false) {
    errors.push(`${where}: the ServiceAccount token must not be mounted`);
  }
}

function checkServiceDeployment(obj, objects, errors) {
  const name = obj.spec.template.metadata?.labels?.["app.kubernetes.io/name"];
  const where = `Deployment ${obj.metadata.name}`;
  const c = obj.spec.template.spec.containers[0];
  checkProbes(c, where, errors);
  const env = envOf(c);
  const settings = Object.fromEntries(Object.entries(TLS_ENV).map(([k, file]) => [`env ${k}`, [env[k], file]]));
  const cert = checkTls(obj, c, name, settings, objects.filter((o) => o.kind === "Certificate"), where, errors);
  if (cert) checkServiceCertificate(cert, name, errors);
  checkOwnServiceAccount(obj, objects, where, errors);
}

// The gateway's flags name its certificate for both sides (HTTPS to clients, mutual TLS to the
// services); its probes ask /healthz over HTTPS on the http port.
const GATEWAY_TLS_FLAGS = {
  tls_cert: "tls.crt", tls_key: "tls.key", tls_ca: "ca.crt",
  http_tls_cert: "tls.crt", http_tls_key: "tls.key", http_client_ca: "ca.crt",
};
function checkGatewayDeployment(obj, objects, errors) {
  const where = `Deployment ${obj.metadata.name}`;
  const c = obj.spec.template.spec.containers[0];
  if ((c.args ?? []).some((a) => a === "--insecure" || a.startsWith("--insecure="))) {
    errors.push(`${where}: --insecure must not be set`);
  }
  const settings = Object.fromEntries(Object.entries(GATEWAY_TLS_FLAGS).map(([f, file]) => [`--${f}`, [argOf(c, f), file]]));
  const cert = checkTls(obj, c, "gateway", settings, objects.filter((o) => o.kind === "Certificate"), where, errors);
  if (cert) checkServiceCertificate(cert, "gateway", errors);
  const http = (c.ports ?? []).find((p) => p.name === "http")?.containerPort;
  if (!http) errors.push(`${where}: no containerPort named http`);
  if (argOf(c, "http_listen") !== `0.0.0.0:${http}`) {
    errors.push(`${where}: --http_listen must be 0.0.0.0:${http} (the http containerPort)`);
  }
  for (const probe of ["livenessProbe", "readinessProbe"]) {
    const get = c[probe]?.httpGet;
    if (!get || get.path !== "/healthz" || get.scheme !== "HTTPS" || ![http, "http"].includes(get.port)) {
      errors.push(`${where}: ${probe} must GET /healthz over HTTPS on the http port`);
    }
  }
  checkOwnServiceAccount(obj, objects, where, errors);
}

// A pod as a NetworkPolicy peer: its namespace (labelled with its name, as the API server does)
// and its labels.
const endpoint = (ns, labels) => ({ ns, nsLabels: { "kubernetes.io/metadata.name": ns }, labels });

// The suite's pods as NetworkPolicy sees them, from the workloads' pod templates.
function podsOf(objects) {
  return objects.filter((o) => ["Deployment", "StatefulSet", "CronJob"].includes(o.kind)).map((o) => {
    const labels = podTemplateOf(o).metadata?.labels ?? {};
    const ports = podTemplateOf(o).spec.containers.flatMap((c) => c.ports ?? [])
      .map((p) => ({ number: p.containerPort, name: p.name, protocol: p.protocol ?? "TCP" }));
    return { app: labels["app.kubernetes.io/name"], ...endpoint(nsOf(o), labels), ports };
  });
}

function checkNetwork(objects, errors) {
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  const pods = podsOf(objects);
  const byApp = Object.fromEntries(pods.map((p) => [p.app, p]));
  const missing = [...Object.keys(CALL_GRAPH), "redis", "redis-sentinel", "redis-backup"].filter((app) => !byApp[app]);
  for (const app of missing) errors.push(`no workload for ${app} (the call graph needs it)`);
  if (missing.length) return;
  const ns = pods[0].ns;
  const outsiders = [
    { what: "a pod in another namespace", ...endpoint("elsewhere", { app: "stranger" }) },
    { what: "another pod of the namespace", ...endpoint(ns, { app: "stranger" }) },
  ];
  const prometheus = endpoint("monitoring", { "app.kubernetes.io/name": "prometheus" });
  const dns = endpoint("kube-system", { "k8s-app": "kube-dns" });
  const expected = (src, dst, port) =>
    (REDIS_PORTS[dst.app] === port.name && REDIS_PEERS.includes(src.app)) ||
    (port.name === "grpc" && (CALL_GRAPH[src.app] ?? []).includes(dst.app));

  for (const dst of pods) {
    for (const port of dst.ports) {
      const at = `${dst.app}:${port.number} (${port.name})`;
      // Each direction on its own allows exactly the call graph: one loose policy is caught
      // even while the other side still blocks the connection.
      for (const src of pods.filter((p) => p !== dst)) {
        const want = expected(src, dst, port);
        const ingress = ingressAllowed(policies, src, dst, port);
        const egress = egressAllowed(policies, src, dst, port);
        // Anyone may connect in to a health port or a front door; the suite's own pods still
        // reach them only if their egress follows the call graph.
        const open = port.name === "health" || FRONT_DOORS[dst.app] === port.name;
        if (ingress && !want && !open) {
          errors.push(`NetworkPolicy ingress allows ${src.app} -> ${at}, not in the call graph`);
        }
        if (egress && !want) errors.push(`NetworkPolicy egress allows ${src.app} -> ${at}, not in the call graph`);
        if (want && !(ingress && egress)) errors.push(`NetworkPolicy blocks ${src.app} -> ${at}, a call in the call graph`);
      }
      // Redis nodes replicate from each other, sentinels talk to each other: a pod to its own kind.
      if (REDIS_PORTS[dst.app] === port.name &&
          !(ingressAllowed(policies, dst, dst, port) && egressAllowed(policies, dst, dst, port))) {
        errors.push(`NetworkPolicy blocks ${dst.app} -> ${at} between its own pods`);
      }
      for (const o of outsiders) {
        const allowed = ingressAllowed(policies, o, dst, port);
        const open = port.name === "health" || FRONT_DOORS[dst.app] === port.name;
        if (port.name === "health" && !allowed) errors.push(`NetworkPolicy blocks the kubelet's probes to ${at}`);
        if (FRONT_DOORS[dst.app] === port.name && !allowed) errors.push(`NetworkPolicy blocks ${o.what} from the front door ${at}`);
        if (!open && allowed) errors.push(`NetworkPolicy lets ${o.what} reach ${at}`);
      }
      const scrape = ingressAllowed(policies, prometheus, dst, port);
      if (port.name === "metrics" && !scrape) errors.push(`NetworkPolicy blocks Prometheus from ${at}`);
      if (!["metrics", "health"].includes(port.name) && FRONT_DOORS[dst.app] !== port.name && scrape) {
        errors.push(`NetworkPolicy lets Prometheus reach ${at}`);
      }
    }
  }
  for (const src of pods) {
    if (!egressAllowed(policies, src, dns, { number: 53, name: "dns", protocol: "UDP" })) {
      errors.push(`NetworkPolicy blocks DNS (kube-system, 53/UDP) from ${src.app}`);
    }
    if (egressAllowed(policies, src, outsiders[0], { number: 443, name: "https", protocol: "TCP" })) {
      errors.push(`NetworkPolicy lets ${src.app} connect out anywhere (no default-deny egress)`);
    }
    const internet = { ip: "203.0.113.10", number: 443, name: "https", protocol: "TCP" };
    const out = egressAllowed(policies, src, { ip: internet.ip }, internet);
    if (WEBHOOK_SENDERS.includes(src.app) && !out) errors.push(`NetworkPolicy blocks ${src.app}'s webhooks (HTTPS out of the cluster)`);
    if (!WEBHOOK_SENDERS.includes(src.app) && out) errors.push(`NetworkPolicy lets ${src.app} connect out of the cluster`);
    if (egressAllowed(policies, src, { ip: "169.254.169.254" }, { number: 443, name: "https", protocol: "TCP" })) {
      errors.push(`NetworkPolicy lets ${src.app} reach the link-local metadata address`);
    }
  }
}

// A caller's upstream setting (env POLYLATERAL_<CALLEE>, or the gateway's --<callee> flag):
// dns:///<name>:<port> where Service <name> is headless, selects the callee's pods and serves its
// grpc port there.
function checkUpstreams(obj, objects, errors) {
  const name = obj.spec.template.metadata?.labels?.["app.kubernetes.io/name"];
  const c = obj.spec.template.spec.containers[0];
  const env = envOf(c);
  for (const callee of CALL_GRAPH[name] ?? []) {
    const key = `POLYLATERAL_${callee.toUpperCase()}`;
    const value = env[key] ?? argOf(c, callee);
    const where = `Deployment ${obj.metadata.name}: ${env[key] === undefined && value !== undefined ? `--${callee}` : `env ${key}`}`;
    const m = /^dns:\/\/\/([a-z0-9-]+):(\d+)$/.exec(value ?? "");
    if (!m) {
      errors.push(`${where} must be dns:///<headless Service>:<port>, not ${value ?? "unset"}`);
      continue;
    }
    const svc = objects.find((o) => o.kind === "Service" && o.metadata.name === m[1] && nsOf(o) === nsOf(obj));
    if (!svc) {
      errors.push(`${where}: no Service ${m[1]}`);
    } else if (svc.spec.clusterIP !== "None") {
      errors.push(`${where}: Service ${m[1]} must be headless (clusterIP: None) for calls to spread over replicas`);
    } else if (svc.spec.selector?.["app.kubernetes.io/name"] !== callee) {
      errors.push(`${where}: Service ${m[1]} does not select the ${callee} pods`);
    } else if (!(svc.spec.ports ?? []).some((p) => String(p.port) === m[2] && p.targetPort === "grpc")) {
      errors.push(`${where}: Service ${m[1]} has no port ${m[2]} to the grpc port`);
    }
  }
}

const envOfAll = (o) => Object.assign({}, ...podTemplateOf(o).spec.containers.map(envOf));
const hasAntiAffinity = (o) => {
  const labels = podTemplateOf(o).metadata?.labels ?? {};
  const anti = podTemplateOf(o).spec.affinity?.podAntiAffinity ?? {};
  const terms = [...(anti.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(anti.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => t.podAffinityTerm)];
  return terms.some((t) => t?.topologyKey === "kubernetes.io/hostname" &&
    Object.keys(t.labelSelector?.matchLabels ?? {}).length > 0 &&
    Object.entries(t.labelSelector.matchLabels).every(([k, v]) => labels[k] === v));
};
// The PodDisruptionBudgets whose selector picks the pods of `o`.
const pdbsOf = (objects, o) => objects.filter((p) => p.kind === "PodDisruptionBudget" && nsOf(p) === nsOf(o) &&
  Object.keys(p.spec.selector?.matchLabels ?? {}).length > 0 &&
  Object.entries(p.spec.selector.matchLabels).every(([k, v]) => podTemplateOf(o).metadata?.labels?.[k] === v));

// Redis's shape: nodes and sentinels spread over nodes, budgets for drains, and every client
// going through every sentinel.
function checkRedisTopology(objects, errors) {
  const sts = (app) => objects.find((o) => o.kind === "StatefulSet" && podTemplateOf(o).metadata?.labels?.["app.kubernetes.io/name"] === app);
  const redis = sts("redis");
  const sentinel = sts("redis-sentinel");
  if (!redis || !sentinel) {
    errors.push("Redis needs a StatefulSet of nodes (redis) and one of sentinels (redis-sentinel)");
    return;
  }
  const nodes = redis.spec.replicas ?? 1;
  const sentinels = sentinel.spec.replicas ?? 1;
  if (nodes < 3) errors.push(`StatefulSet ${redis.metadata.name}: ${nodes} Redis nodes; a primary and two replicas at least`);
  if (sentinels < 3 || sentinels % 2 === 0) {
    errors.push(`StatefulSet ${sentinel.metadata.name}: ${sentinels} sentinels; an odd number, 3 or more, so a majority survives one loss`);
  }
  const majority = Math.floor(sentinels / 2) + 1;
  const quorum = Number(envOfAll(sentinel).SENTINEL_QUORUM);
  if (!(quorum >= 2 && quorum <= majority)) {
    errors.push(`StatefulSet ${sentinel.metadata.name}: SENTINEL_QUORUM ${envOfAll(sentinel).SENTINEL_QUORUM} must be 2..${majority}`);
  }
  for (const o of [redis, sentinel]) {
    if (!hasAntiAffinity(o)) {
      errors.push(`StatefulSet ${o.metadata.name}: pod anti-affinity on kubernetes.io/hostname against its own pods is required`);
    }
  }
  const redisPdbs = pdbsOf(objects, redis);
  if (!redisPdbs.some((p) => p.spec.maxUnavailable === 1 || p.spec.minAvailable === nodes - 1)) {
    errors.push(`StatefulSet ${redis.metadata.name}: no PodDisruptionBudget keeps all but one Redis node up (maxUnavailable: 1)`);
  }
  const sentinelPdbs = pdbsOf(objects, sentinel);
  if (!sentinelPdbs.some((p) => p.spec.minAvailable >= majority ||
      (p.spec.maxUnavailable !== undefined && sentinels - p.spec.maxUnavailable >= majority))) {
    errors.push(`StatefulSet ${sentinel.metadata.name}: no PodDisruptionBudget keeps a majority (${majority}) of sentinels up`);
  }
  // Every sentinel's stable name through the headless Service the StatefulSet names.
  const svc = objects.find((o) => o.kind === "Service" && o.metadata.name === sentinel.spec.serviceName && nsOf(o) === nsOf(sentinel));
  const port = (svc?.spec.ports ?? []).find((p) => p.targetPort === "sentinel")?.port;
  if (!svc || svc.spec.clusterIP !== "None" || svc.spec.selector?.["app.kubernetes.io/name"] !== "redis-sentinel" || !port) {
    errors.push(`StatefulSet ${sentinel.metadata.name}: its serviceName must be a headless Service of the sentinels with a port to "sentinel"`);
    return;
  }
  const want = Array.from({ length: sentinels }, (_, i) => `${sentinel.metadata.name}-${i}.${svc.metadata.name}:${port}`);
  const masterName = envOfAll(sentinel).REDIS_MASTER_NAME ?? "polylateral";
  const sameList = (v) => JSON.stringify((v ?? "").split(",").sort()) === JSON.stringify([...want].sort());
  for (const o of objects.filter((x) => ["Deployment", "StatefulSet", "CronJob"].includes(x.kind))) {
    const env = envOfAll(o);
    const where = `${o.kind} ${o.metadata.name}`;
    const isService = o.kind === "Deployment" && SERVICES.includes(podTemplateOf(o).metadata?.labels?.["app.kubernetes.io/name"]);
    if (isService || env.POLYLATERAL_REDIS_SENTINELS !== undefined || env.POLYLATERAL_REDIS !== undefined) {
      if ("POLYLATERAL_REDIS" in env) errors.push(`${where}: POLYLATERAL_REDIS pins one Redis node; use POLYLATERAL_REDIS_SENTINELS`);
      if (!sameList(env.POLYLATERAL_REDIS_SENTINELS)) {
        errors.push(`${where}: POLYLATERAL_REDIS_SENTINELS must list every sentinel (${want.join(",")}), not ${env.POLYLATERAL_REDIS_SENTINELS ?? "unset"}`);
      }
      if ((env.POLYLATERAL_REDIS_MASTER_NAME ?? "polylateral") !== masterName) {
        errors.push(`${where}: POLYLATERAL_REDIS_MASTER_NAME must be the sentinels' ${masterName}`);
      }
      if (!(Number(env.POLYLATERAL_REDIS_MIN_REPLICAS_ACK) >= 1)) {
        errors.push(`${where}: POLYLATERAL_REDIS_MIN_REPLICAS_ACK must be 1 or more (writes wait for a replica)`);
      }
    } else if (env.REDIS_SENTINELS !== undefined || o.kind === "CronJob") {
      // Redis's own pods and the backup job (shell scripts: REDIS_SENTINELS).
      if (env.REDIS_SOURCE !== undefined) errors.push(`${where}: REDIS_SOURCE pins one Redis node; use REDIS_SENTINELS`);
      if (!sameList(env.REDIS_SENTINELS)) {
        errors.push(`${where}: REDIS_SENTINELS must list every sentinel (${want.join(",")}), not ${env.REDIS_SENTINELS ?? "unset"}`);
      }
      if ((env.REDIS_MASTER_NAME ?? "polylateral") !== masterName) {
        errors.push(`${where}: REDIS_MASTER_NAME must be the sentinels' ${masterName}`);
      }
    }
  }
}

export function checkManifests(objects) {
  const errors = [];
  for (const obj of objects) checkWorkloadBasics(obj, `${obj.apiVersion} ${obj.kind} ${obj.metadata?.name}`, errors);
  const services = objects.filter((o) => o.kind === "Deployment" &&
    (o.metadata?.labels?.["app.kubernetes.io/component"] === "service" ||
     SERVICES.includes(o.spec?.template?.metadata?.labels?.["app.kubernetes.io/name"])));
  const gateways = objects.filter((o) => o.kind === "Deployment" &&
    o.spec?.template?.metadata?.labels?.["app.kubernetes.io/name"] === "gateway");
  for (const obj of services) checkServiceDeployment(obj, objects, errors);
  for (const obj of gateways) checkGatewayDeployment(obj, objects, errors);
  for (const obj of [...services, ...gateways]) checkUpstreams(obj, objects, errors);
  checkIssuers(objects, errors);
  checkNetwork(objects, errors);
  checkRedisTopology(objects, errors);
  return errors;
}
