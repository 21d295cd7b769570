// The manifest rules hold for every rendered tree of k8s/, and each rule catches the breakage
// it is there for: every case below breaks one thing in a rendered tree and expects the message.
// Run: node --test tests/node/manifest_rules.test.mjs (from the repository root or anywhere).
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { render } from "./kustomize_lite.mjs";
import { checkManifests } from "./manifest_rules.mjs";

const k8s = join(dirname(fileURLToPath(import.meta.url)), "../../k8s");
const TREES = ["base", "overlays/dev", "overlays/prod"];

const find = (objects, kind, name) => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(o, `${kind} ${name} in the rendered tree`);
  return o;
};
const container = (objects, name) => find(objects, "Deployment", name).spec.template.spec.containers[0];
const peer = (app) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": app } } });

// Renders prod, lets `breakIt` change it, and asserts some error contains `expected`.
function assertCaught(breakIt, expected) {
  const objects = render(join(k8s, "overlays/prod"));
  breakIt(objects);
  const errors = checkManifests(objects);
  assert.ok(errors.some((e) => e.includes(expected)), `expected "${expected}" in:\n${errors.join("\n")}`);
}

for (const tree of TREES) {
  test(`k8s/${tree} satisfies every rule`, () => {
    assert.deepEqual(checkManifests(render(join(k8s, tree))), []);
  });
}

test("a service without its TLS env is caught", () => {
  assertCaught((o) => {
    const c = container(o, "registry");
    c.env = c.env.filter((e) => e.name !== "POLYLATERAL_TLS_KEY");
  }, "Deployment registry: env POLYLATERAL_TLS_KEY is missing");
});

test("a service without its certificate volume is caught", () => {
  assertCaught((o) => {
    container(o, "accreditation").volumeMounts = [];
  }, "Deployment accreditation: no volumeMount at /etc/polylateral/tls");
  assertCaught((o) => {
    find(o, "Deployment", "composition").spec.template.spec.volumes[0].secret.secretName = "other";
  }, "Deployment composition: no cert-manager Certificate writes Secret other");
});

test("a subPath mount, which never sees a renewal, is caught", () => {
  assertCaught((o) => {
    container(o, "routing").volumeMounts[0].subPath = "tls.crt";
  }, "Deployment routing: the TLS mount must not use subPath");
});

test("plaintext through POLYLATERAL_INSECURE is caught", () => {
  assertCaught((o) => {
    container(o, "routing").env.push({ name: "POLYLATERAL_INSECURE", value: "1" });
  }, "Deployment routing: POLYLATERAL_INSECURE must not be set");
});

test("a certificate with another identity or another namespace's names is caught", () => {
  assertCaught((o) => {
    find(o, "Certificate", "registry").spec.uris = ["spiffe://polylateral/service/routing"];
  }, "Certificate registry must have exactly the URI SAN spiffe://polylateral/service/registry");
  assertCaught((o) => {
    find(o, "Certificate", "routing").spec.dnsNames[1] = "routing.default.svc";
  }, "Certificate routing: dnsNames lacks routing.polylateral.svc");
  assertCaught((o) => {
    find(o, "Certificate", "routing").spec.usages = ["server auth"];
  }, "Certificate routing: usages lacks client auth");
});

test("a certificate whose Issuer or CA is missing is caught", () => {
  assertCaught((o) => {
    o.splice(o.indexOf(find(o, "Certificate", "polylateral-ca")), 1);
  }, "Issuer polylateral-ca: no isCA Certificate writes polylateral-ca");
  assertCaught((o) => {
    o.splice(o.indexOf(find(o, "Issuer", "polylateral-ca")), 1);
  }, "Certificate registry: Issuer polylateral-ca not found");
});

test("a probe off the health port, or asking the wrong name, is caught", () => {
  assertCaught((o) => {
    container(o, "registry").readinessProbe.grpc.port = 50051;
  }, "Deployment registry: readinessProbe must be a gRPC probe on the health port 8111");
  assertCaught((o) => {
    delete container(o, "composition").livenessProbe.grpc.service;
  }, 'Deployment composition: livenessProbe must ask the health service name "liveness"');
  assertCaught((o) => {
    const c = container(o, "routing");
    c.args = c.args.filter((a) => !a.startsWith("--health_listen"));
  }, "Deployment routing: --health_listen=0.0.0.0:8114");
});

test("a service on the default ServiceAccount is caught", () => {
  assertCaught((o) => {
    delete find(o, "Deployment", "registry").spec.template.spec.serviceAccountName;
  }, "Deployment registry: must run as its own ServiceAccount");
});

test("a NetworkPolicy admitting a call outside the call graph is caught", () => {
  // The registry calls nobody but Redis: accreditation letting it in is a hole even while the
  // registry's own egress still blocks it.
  assertCaught((o) => {
    find(o, "NetworkPolicy", "accreditation").spec.ingress[0].from.push(peer("registry"));
  }, "NetworkPolicy ingress allows registry -> accreditation:50052 (grpc), not in the call graph");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "registry").spec.egress.push({ to: [peer("accreditation")] });
  }, "NetworkPolicy egress allows registry -> accreditation:50052 (grpc), not in the call graph");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "redis").spec.ingress[0].from.push({ namespaceSelector: {} });
  }, "NetworkPolicy lets a pod in another namespace reach redis:6379 (redis)");
});

test("a NetworkPolicy blocking a call of the call graph is caught", () => {
  assertCaught((o) => {
    const from = find(o, "NetworkPolicy", "registry").spec.ingress[0].from;
    from.splice(from.findIndex((p) => p.podSelector.matchLabels["app.kubernetes.io/name"] === "routing"), 1);
  }, "NetworkPolicy blocks routing -> registry:50051 (grpc), a call in the call graph");
});

test("missing isolation, DNS, scraping or probing is caught", () => {
  assertCaught((o) => {
    o.splice(0, o.length, ...o.filter((x) => x.kind !== "NetworkPolicy"));
  }, "NetworkPolicy lets a pod in another namespace reach registry:50051 (grpc)");
  assertCaught((o) => {
    o.splice(o.indexOf(find(o, "NetworkPolicy", "polylateral-dns")), 1);
  }, "NetworkPolicy blocks DNS (kube-system, 53/UDP) from registry");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "polylateral-observability").spec.ingress.pop();
  }, "NetworkPolicy blocks the kubelet's probes to registry:8111 (health)");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "polylateral-observability").spec.ingress.shift();
  }, "NetworkPolicy blocks Prometheus from registry:9101 (metrics)");
});

test("a caller pinned to one upstream pod is caught", () => {
  assertCaught((o) => {
    const c = container(o, "routing");
    c.env.find((e) => e.name === "POLYLATERAL_REGISTRY").value = "registry:50051";
  }, "Deployment routing: env POLYLATERAL_REGISTRY must be dns:///<headless Service>:<port>");
  assertCaught((o) => {
    delete find(o, "Service", "accreditation-pods").spec.clusterIP;
  }, "Service accreditation-pods must be headless");
  assertCaught((o) => {
    find(o, "Service", "registry-pods").spec.selector["app.kubernetes.io/name"] = "routing";
  }, "Service registry-pods does not select the registry pods");
});

const sts = (objects, name) => find(objects, "StatefulSet", name);
const setEnv = (c, name, value) => {
  c.env = c.env.filter((e) => e.name !== name);
  if (value !== undefined) c.env.push({ name, value });
};
const backupContainer = (o) => find(o, "CronJob", "redis-backup").spec.jobTemplate.spec.template.spec.containers[0];

test("a Redis client pinned to one node, or not going through every sentinel, is caught", () => {
  assertCaught((o) => {
    setEnv(container(o, "registry"), "POLYLATERAL_REDIS", "redis-0.redis:6379");
  }, "Deployment registry: POLYLATERAL_REDIS pins one Redis node");
  assertCaught((o) => {
    setEnv(container(o, "routing"), "POLYLATERAL_REDIS_SENTINELS", undefined);
  }, "Deployment routing: POLYLATERAL_REDIS_SENTINELS must list every sentinel");
  assertCaught((o) => {
    setEnv(container(o, "accreditation"), "POLYLATERAL_REDIS_SENTINELS", "redis-sentinel-0.redis-sentinel:26379");
  }, "Deployment accreditation: POLYLATERAL_REDIS_SENTINELS must list every sentinel");
  assertCaught((o) => {
    setEnv(container(o, "composition"), "POLYLATERAL_REDIS_MIN_REPLICAS_ACK", "0");
  }, "Deployment composition: POLYLATERAL_REDIS_MIN_REPLICAS_ACK must be 1 or more");
  assertCaught((o) => {
    setEnv(container(o, "registry"), "POLYLATERAL_REDIS_MASTER_NAME", "other");
  }, "Deployment registry: POLYLATERAL_REDIS_MASTER_NAME must be the sentinels' polylateral");
  assertCaught((o) => {
    setEnv(backupContainer(o), "REDIS_SOURCE", "redis-0.redis:6379");
  }, "CronJob redis-backup: REDIS_SOURCE pins one Redis node");
  // Five sentinels while the clients still list three.
  assertCaught((o) => {
    sts(o, "redis-sentinel").spec.replicas = 5;
  }, "Deployment registry: POLYLATERAL_REDIS_SENTINELS must list every sentinel (redis-sentinel-0.redis-sentinel:26379,");
});

test("an even number of sentinels, fewer than 3, or too few Redis nodes is caught", () => {
  for (const n of [1, 2, 4]) {
    assertCaught((o) => {
      sts(o, "redis-sentinel").spec.replicas = n;
    }, `StatefulSet redis-sentinel: ${n} sentinels; an odd number, 3 or more`);
  }
  assertCaught((o) => {
    sts(o, "redis").spec.replicas = 1;
  }, "StatefulSet redis: 1 Redis nodes; a primary and two replicas at least");
  assertCaught((o) => {
    setEnv(sts(o, "redis-sentinel").spec.template.spec.containers[0], "SENTINEL_QUORUM", "1");
  }, "StatefulSet redis-sentinel: SENTINEL_QUORUM 1 must be 2..2");
});

test("Redis nodes or sentinels free to share a node are caught", () => {
  assertCaught((o) => {
    delete sts(o, "redis").spec.template.spec.affinity;
  }, "StatefulSet redis: pod anti-affinity on kubernetes.io/hostname against its own pods is required");
  assertCaught((o) => {
    const term = sts(o, "redis-sentinel").spec.template.spec.affinity.podAntiAffinity
      .requiredDuringSchedulingIgnoredDuringExecution[0];
    term.labelSelector.matchLabels["app.kubernetes.io/name"] = "redis";
  }, "StatefulSet redis-sentinel: pod anti-affinity on kubernetes.io/hostname against its own pods is required");
  assertCaught((o) => {
    sts(o, "redis").spec.template.spec.affinity.podAntiAffinity
      .requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey = "topology.kubernetes.io/zone";
  }, "StatefulSet redis: pod anti-affinity");
});

test("missing or loose PodDisruptionBudgets for Redis and the sentinels are caught", () => {
  assertCaught((o) => {
    o.splice(o.indexOf(find(o, "PodDisruptionBudget", "redis")), 1);
  }, "StatefulSet redis: no PodDisruptionBudget keeps all but one Redis node up");
  assertCaught((o) => {
    const pdb = find(o, "PodDisruptionBudget", "redis");
    pdb.spec.maxUnavailable = 2;
  }, "StatefulSet redis: no PodDisruptionBudget keeps all but one Redis node up");
  assertCaught((o) => {
    find(o, "PodDisruptionBudget", "redis-sentinel").spec.minAvailable = 1;
  }, "StatefulSet redis-sentinel: no PodDisruptionBudget keeps a majority (2) of sentinels up");
});

test("NetworkPolicies that cut Redis's own traffic or open the backup job are caught", () => {
  assertCaught((o) => {
    const egress = find(o, "NetworkPolicy", "registry").spec.egress;
    egress.splice(egress.findIndex((r) => r.to[0].podSelector.matchLabels["app.kubernetes.io/name"] === "redis-sentinel"), 1);
  }, "NetworkPolicy blocks registry -> redis-sentinel:26379 (sentinel), a call in the call graph");
  assertCaught((o) => {
    const from = find(o, "NetworkPolicy", "redis").spec.ingress[0].from;
    from.splice(from.findIndex((p) => p.podSelector.matchLabels["app.kubernetes.io/name"] === "redis"), 1);
  }, "NetworkPolicy blocks redis -> redis:6379 (redis) between its own pods");
  assertCaught((o) => {
    const from = find(o, "NetworkPolicy", "redis-sentinel").spec.ingress[0].from;
    from.splice(from.findIndex((p) => p.podSelector.matchLabels["app.kubernetes.io/name"] === "redis-backup"), 1);
  }, "NetworkPolicy blocks redis-backup -> redis-sentinel:26379 (sentinel), a call in the call graph");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "redis-backup").spec.egress.push({ to: [peer("registry")] });
  }, "NetworkPolicy egress allows redis-backup -> registry:50051 (grpc), not in the call graph");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "redis-sentinel").spec.ingress[0].from.push({ namespaceSelector: {} });
  }, "NetworkPolicy lets a pod in another namespace reach redis-sentinel:26379 (sentinel)");
});

test("a gateway without its certificate, on plaintext, or probing over HTTP is caught", () => {
  const dropArg = (flag) => (o) => {
    const c = container(o, "gateway");
    c.args = c.args.filter((a) => !a.startsWith(`--${flag}=`));
  };
  assertCaught(dropArg("tls_key"), "Deployment gateway: --tls_key is missing");
  assertCaught(dropArg("http_tls_cert"), "Deployment gateway: --http_tls_cert is missing");
  assertCaught((o) => {
    container(o, "gateway").args.push("--insecure");
  }, "Deployment gateway: --insecure must not be set");
  assertCaught((o) => {
    find(o, "Certificate", "gateway").spec.uris = ["spiffe://polylateral/service/registry"];
  }, "Deployment gateway: Certificate gateway must have exactly the URI SAN spiffe://polylateral/service/gateway");
  assertCaught((o) => {
    container(o, "gateway").readinessProbe.httpGet.scheme = "HTTP";
  }, "Deployment gateway: readinessProbe must GET /healthz over HTTPS on the http port");
  assertCaught((o) => {
    const c = container(o, "gateway");
    c.args = c.args.map((a) => (a.startsWith("--routing=") ? "--routing=routing:50054" : a));
  }, "Deployment gateway: --routing must be dns:///<headless Service>:<port>, not routing:50054");
});

test("the gateway's front door open to all, and nothing else of the gateway or through it, is checked", () => {
  assertCaught((o) => {
    find(o, "NetworkPolicy", "gateway").spec.ingress.shift();
  }, "NetworkPolicy blocks a pod in another namespace from the front door gateway:8443 (http)");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "gateway").spec.ingress[1].from = [{ namespaceSelector: {} }];
  }, "NetworkPolicy lets a pod in another namespace reach gateway:9105 (metrics)");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "composition").spec.ingress[0].from.push({ namespaceSelector: {} });
  }, "NetworkPolicy lets a pod in another namespace reach composition:50053 (grpc)");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "gateway").spec.egress.push({ to: [peer("redis")] });
  }, "NetworkPolicy egress allows gateway -> redis:6379 (redis), not in the call graph");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "gateway").spec.egress.pop();
  }, "NetworkPolicy blocks gateway -> routing:50054 (grpc), a call in the call graph");
});

test("only accreditation's webhooks leave the cluster, on HTTPS, and never to pods or metadata", () => {
  const webhooks = (o) => find(o, "NetworkPolicy", "accreditation-webhooks").spec.egress[0];
  assertCaught((o) => {
    o.splice(o.indexOf(find(o, "NetworkPolicy", "accreditation-webhooks")), 1);
  }, "NetworkPolicy blocks accreditation's webhooks (HTTPS out of the cluster)");
  assertCaught((o) => {
    webhooks(o).to[0].ipBlock.except = [];
  }, "NetworkPolicy lets accreditation connect out anywhere (no default-deny egress)");
  assertCaught((o) => {
    webhooks(o).to[0].ipBlock.except = webhooks(o).to[0].ipBlock.except.filter((c) => c !== "169.254.0.0/16");
  }, "NetworkPolicy lets accreditation reach the link-local metadata address");
  assertCaught((o) => {
    find(o, "NetworkPolicy", "accreditation-webhooks").spec.podSelector.matchLabels["app.kubernetes.io/name"] = "routing";
  }, "NetworkPolicy lets routing connect out of the cluster");
});
