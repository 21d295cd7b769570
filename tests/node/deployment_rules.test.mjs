// The deployment rules hold for every rendered tree of k8s/, and each catches the breakage it is
// there for: every case below breaks one thing in a rendered tree and expects the message. The
// Prometheus Operator schemas reject a malformed PodMonitor or PrometheusRule.
// Run: node --test tests/node/deployment_rules.test.mjs
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { PodMonitor, PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import { checkDeployment } from "./deployment_rules.mjs";
import { render } from "./kustomize_lite.mjs";

const k8s = join(dirname(fileURLToPath(import.meta.url)), "../../k8s");
const TREES = ["base", "overlays/dev", "overlays/prod"];

const find = (objects, kind, name) => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(o, `${kind} ${name} in the rendered tree`);
  return o;
};
const redisPod = (objects) => find(objects, "StatefulSet", "redis").spec.template.spec;
const redisContainer = (objects) => redisPod(objects).containers.find((c) => c.name === "redis");
const exporter = (objects) => redisPod(objects).containers.find((c) => c.name === "exporter");

function assertCaught(breakIt, expected, tree = "overlays/prod") {
  const objects = render(join(k8s, tree));
  breakIt(objects);
  const errors = checkDeployment(objects);
  assert.ok(errors.some((e) => e.includes(expected)), `expected "${expected}" in:\n${errors.join("\n")}`);
}

for (const tree of TREES) {
  test(`k8s/${tree} satisfies every deployment rule`, () => {
    assert.deepEqual(checkDeployment(render(join(k8s, tree))), []);
  });
}

test("each overlay creates its own namespace", () => {
  for (const [tree, ns] of [["overlays/dev", "polylateral-dev"], ["overlays/prod", "polylateral"]]) {
    const objects = render(join(k8s, tree));
    assert.equal(find(objects, "Namespace", ns).metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
    assert.ok(objects.filter((o) => o.kind !== "Namespace").every((o) => o.metadata.namespace === ns));
  }
  for (const tree of ["overlays/dev", "overlays/prod"]) {
    assertCaught((o) => o.splice(o.findIndex((x) => x.kind === "Namespace"), 1), "no Namespace object creates it", tree);
  }
});

test("a pod the restricted Pod Security profile refuses is caught", () => {
  assertCaught((o) => {
    delete exporter(o).securityContext.capabilities;
  }, 'container exporter: namespace polylateral enforces Pod Security "restricted"');
});

test("unpinned images are caught: latest, untagged, a moving tag", () => {
  for (const image of ["redis:latest", "redis", "redis:7.0", "polylateral/registry:dev", "redis@sha256:abc"]) {
    assertCaught((o) => {
      redisPod(o).initContainers[0].image = image;
    }, `container acl: image ${image} is not pinned`);
  }
  assertCaught((o) => {
    find(o, "CronJob", "redis-backup").spec.jobTemplate.spec.template.spec.containers[0].image = "redis";
  }, "CronJob redis-backup container backup: image redis is not pinned");
  const pinned = render(join(k8s, "overlays/prod"));
  redisPod(pinned).initContainers[0].image = `redis@sha256:${"a".repeat(64)}`;
  assert.deepEqual(checkDeployment(pinned), []);
});

test("Redis without noeviction, or with a maxmemory not derived from its limit, is caught", () => {
  assertCaught((o) => {
    const args = redisContainer(o).args;
    args[args.indexOf("--maxmemory-policy") + 1] = "allkeys-lru";
  }, "--maxmemory-policy noeviction is required");
  assertCaught((o) => {
    redisContainer(o).args.push("--maxmemory", "4gb");
  }, "no fixed --maxmemory");
  assertCaught((o) => {
    redisContainer(o).env = redisContainer(o).env.filter((e) => e.name !== "REDIS_MEMORY_LIMIT");
  }, "env REDIS_MEMORY_LIMIT must be its own limits.memory");
  assertCaught((o) => {
    redisContainer(o).env.find((e) => e.name === "REDIS_MEMORY_LIMIT").valueFrom.resourceFieldRef.resource = "requests.memory";
  }, "env REDIS_MEMORY_LIMIT must be its own limits.memory");
  assertCaught((o) => {
    const cm = o.find((x) => x.kind === "ConfigMap" && x.metadata.name.startsWith("redis-scripts"));
    cm.data["start-redis.sh"] = cm.data["start-redis.sh"].replace("* 70 / 100", "* 100 / 100");
  }, "start-redis.sh must start redis-server with --maxmemory below REDIS_MEMORY_LIMIT");
});

test("a Redis node without its exporter, or an exporter with too much access, is caught", () => {
  assertCaught((o) => {
    redisPod(o).containers = [redisContainer(o)];
  }, "no polylateral/redis-exporter sidecar");
  assertCaught((o) => {
    exporter(o).args = exporter(o).args.map((a) => (a === "-redis.user=exporter" ? "-redis.user=admin" : a));
  }, "must run as the ACL user exporter");
  assertCaught((o) => {
    exporter(o).args = exporter(o).args.filter((a) => a !== "-config-command=-");
  }, "-config-command=-");
  assertCaught((o) => {
    exporter(o).env[0].valueFrom.secretKeyRef.key = "admin";
  }, "REDIS_PASSWORD must be the key exporter");
  assertCaught((o) => {
    const cm = o.find((x) => x.kind === "ConfigMap" && x.metadata.name.startsWith("redis-acl-rules"));
    cm.data["acl-rules.conf"] = cm.data["acl-rules.conf"].replace(/^exporter .*$/m, "exporter ~* +@all");
  }, "the ACL rules need a read-only user exporter");
});

test("a pod with a metrics port that no PodMonitor scrapes is caught", () => {
  assertCaught((o) => o.splice(o.findIndex((x) => x.kind === "PodMonitor" && x.metadata.name === "redis"), 1),
    "StatefulSet redis: no PodMonitor scrapes its metrics port");
  assertCaught((o) => {
    find(o, "PodMonitor", "routing").spec.jobLabel = "app";
  }, "Deployment routing: no PodMonitor scrapes its metrics port");
  assertCaught((o) => {
    find(o, "PodMonitor", "registry").spec.podMetricsEndpoints[0].port = "grpc";
  }, "Deployment registry: no PodMonitor scrapes its metrics port");
});

test("the Prometheus Operator schemas reject a malformed PodMonitor or PrometheusRule", () => {
  const objects = render(join(k8s, "overlays/prod"));
  const monitor = structuredClone(find(objects, "PodMonitor", "registry"));
  new PodMonitor(monitor).validate();
  monitor.spec.podMetricsEndpoints = "metrics";
  assert.throws(() => new PodMonitor(monitor).validate());
  const rule = structuredClone(find(objects, "PrometheusRule", "polylateral"));
  new PrometheusRule(rule).validate();
  delete rule.spec.groups[0].name;
  assert.throws(() => new PrometheusRule(rule).validate());
});
