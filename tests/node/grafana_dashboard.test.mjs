// deploy/grafana/polylateral.json is a valid dashboard for Grafana's schema (@grafana/schema),
// covers what operators need from each service and from Redis, and selects by $namespace
// everywhere; the check itself catches each kind of breakage.
// Run: node --test tests/node/grafana_dashboard.test.mjs
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { checkDashboard } from "./grafana_dashboard.mjs";

const file = join(dirname(fileURLToPath(import.meta.url)), "../../deploy/grafana/polylateral.json");
const text = readFileSync(file, "utf8");
const dashboard = JSON.parse(text);
const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

// Breaks a copy of the dashboard and expects an error containing `expected`.
function assertCaught(breakIt, expected) {
  const copy = structuredClone(dashboard);
  breakIt(copy);
  const errors = checkDashboard(JSON.stringify(copy, null, 2));
  assert.ok(errors.some((e) => e.includes(expected)), `expected "${expected}" in:\n${errors.join("\n")}`);
}

test("the dashboard is valid for Grafana's schema and selects by $namespace everywhere", () => {
  assert.deepEqual(checkDashboard(text), []);
});

test("the dashboard covers the four services and Redis", () => {
  const uses = (re) => assert.ok(exprs.some((e) => re.test(e)), `no panel query matches ${re}`);
  // gRPC rate, errors and latency per service.
  uses(/sum by \(namespace, job\) \(job_grpc_method:grpc_server_handled:rate5m/);
  uses(/job:grpc_server_handled_server_errors:ratio_rate5m/);
  uses(/histogram_quantile\(0\.99, sum by \(namespace, job, le\) \(rate\(grpc_server_handling_seconds_bucket/);
  // Composition, routing, accreditation.
  uses(/polylateral_composition_solves_total/);
  uses(/polylateral_composition_solve_duration_seconds_bucket/);
  uses(/polylateral_routing_deliveries_total/);
  for (const m of ["inbox_depth", "inbox_pending", "inbox_oldest_age_seconds", "dead_letters"]) {
    uses(new RegExp(`by \\(namespace, kind\\) \\(polylateral_routing_${m}\\{`));
  }
  uses(/polylateral_accreditation_decisions/);
  uses(/polylateral_accreditation_due_backlog/);
  // Redis from the exporter: memory, replication, failovers.
  for (const m of ["redis_memory_used_bytes", "redis_memory_max_bytes", "redis_connected_slaves",
    "redis_connected_slave_lag_seconds", "redis_master_link_up", 'redis_instance_info\\{[^}]*role="master"',
    "PolylateralRedisFailover"]) {
    uses(new RegExp(m));
  }
});

test("a dashboard outside Grafana's schema is caught", () => {
  assertCaught((d) => {
    d.graphTooltip = "shared";
  }, "DashboardCursorSync");
  assertCaught((d) => {
    d.panels[1].gridPos.w = "6";
  }, "Type 'string' is not assignable to type 'number'");
  assertCaught((d) => {
    d.panels[1].fieldConfig.defaults.thresholds.mode = "relative";
  }, "ThresholdsMode");
  assertCaught((d) => {
    d.panels[1].titel = "typo";
  }, "'\"titel\"' does not exist");
  assertCaught((d) => {
    delete d.schemaVersion;
  }, "schemaVersion");
});

test("a query or variable that ignores $namespace is caught", () => {
  assertCaught((d) => {
    const t = d.panels.find((p) => p.title === "Dead letters").targets[0];
    t.expr = t.expr.replace('namespace=~"$namespace"', "");
  }, 'panel "Dead letters" query A: does not select namespace=~"$namespace"');
  assertCaught((d) => {
    d.templating.list = d.templating.list.filter((v) => v.name !== "namespace");
  }, "no `namespace` query variable");
  assertCaught((d) => {
    d.templating.list.find((v) => v.name === "service").query.query = "label_values(up, job)";
  }, "variable service: its query does not use $namespace");
});
