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
