#!/usr/bin/env node
// A secretariat integration in Node.js (@grpc/grpc-js), over mutual TLS: the path an input
// takes. The same steps as examples/python/polylateral_example.py: an operator registers two
// stakeholders, the secretariat opens its process, both apply for accreditation (ECOSOC status,
// decided at once; non-objection, objected to by a state during the notice period), who may
// send written input is checked, the accredited one submits input, and the secretariat pulls
// and acknowledges it. One line per step; examples/run_example_test.sh checks them.
//
//   node examples/node/polylateral_example.mjs --tls var/tls --registry localhost:50051 \
//       --accreditation localhost:50052 --routing localhost:50054
//
// Certificates (scripts/dev-ca) in --tls: ca.crt and <kind>-<id>.crt/.key for
// operator:ops, secretariat:example-process, stakeholder:example-ngo, stakeholder:example-lab, state:FR.
// The .proto files are read at run time (@grpc/proto-loader), from proto/ and Debian's
// googleapis; the packages come from tests/node (scripts/setup installs them).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const require = createRequire(join(root, "tests", "node", "package.json"));
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");

const { values: opts } = parseArgs({ options: {
  tls: { type: "string", default: join(root, "var", "tls") },
  registry: { type: "string", default: "localhost:50051" },
  accreditation: { type: "string", default: "localhost:50052" },
  routing: { type: "string", default: "localhost:50054" },
} });
const PROCESS = "example-process";
const SECRETARIAT = `secretariat:${PROCESS}`;
const scenario = JSON.parse(readFileSync(join(here, "..", "scenario.json"), "utf8"));

// Plain JSON in and out: enums as names, int64 as strings, field names in lowerCamel (the
// same JSON the scenario file holds).
const loaderOptions = { keepCase: false, longs: String, enums: String, defaults: false,
  oneofs: true, json: true,
  includeDirs: [join(root, "proto"), "/usr/share/gocode/src/github.com/gogo/googleapis",
    "/usr/include"] };
const pkg = grpc.loadPackageDefinition(protoLoader.loadSync([
  "polylateral/registry/v1/registry_service.proto",
  "polylateral/accreditation/v1/accreditation_service.proto",
  "polylateral/routing/v1/routing_service.proto",
  "google/rpc/status.proto", "google/rpc/error_details.proto"], loaderOptions));
const ctors = {
  registry: pkg.polylateral.registry.v1.RegistryService,
  accreditation: pkg.polylateral.accreditation.v1.AccreditationService,
  routing: pkg.polylateral.routing.v1.RoutingService,
};

// One client per (service, principal): the principal is the client certificate.
const ca = readFileSync(join(opts.tls, "ca.crt"));
const clients = new Map();
function client(service, principal) {
  const key = `${service} ${principal}`;
  if (!clients.has(key)) {
    const base = join(opts.tls, principal.replace(":", "-"));
    const creds = grpc.credentials.createSsl(ca, readFileSync(`${base}.key`),
      readFileSync(`${base}.crt`));
    clients.set(key, new ctors[service](opts[service], creds));
  }
  return clients.get(key);
}

// The ErrorInfo reason and field violations of an error (google.rpc.Status in the trailer).
function reasonOf(err) {
  const bin = err.metadata?.get("grpc-status-details-bin")[0];
  const out = { reason: "", fields: [] };
  if (!bin) return out;
  for (const d of pkg.google.rpc.Status.deserialize(bin).details ?? []) {
    // With the google.rpc types loaded, each Any comes unpacked with its "@type".
    if (d["@type"]?.endsWith("google.rpc.ErrorInfo")) out.reason = d.reason;
    if (d["@type"]?.endsWith("google.rpc.BadRequest")) {
      out.fields.push(...(d.fieldViolations ?? []).map((v) => v.field));
    }
  }
  return out;
}

// Calls with a deadline; a refusal whose reason is in `tolerate` resolves to null (reruns).
function call(service, principal, method, request, tolerate = []) {
  return new Promise((resolve) => {
    client(service, principal)[method](request, { deadline: Date.now() + 10000 }, (err, resp) => {
      if (!err) return resolve(resp);
      const { reason, fields } = reasonOf(err);
      if (tolerate.includes(reason)) return resolve(null);
      console.error(`error ${method}: ${grpc.status[err.code]} ${reason} ${fields} ${err.details}`);
      process.exit(1);
    });
  });
}

const date = (d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
const day = 24 * 3600 * 1000;

// 1. An operator registers the stakeholders (ECOSOC status comes from the UN list, which only
//    an operator sets; a stakeholder without one may register itself).
for (const s of scenario.stakeholders) {
  await call("registry", "operator:ops", "CreateStakeholder", s,
    ["STAKEHOLDER_EXISTS", "DUPLICATE_STAKEHOLDER_NAME"]);
  console.log(`registered stakeholders/${s.stakeholderId}`);
}

// 2. The secretariat opens its process, with a session taking written input today.
// grpc-js takes a Duration as {seconds}, not as its JSON string "1209600s".
for (const r of scenario.process.process.modalities.routes) {
  for (const k of ["noticePeriod", "validity"]) {
    if (typeof r[k] === "string") r[k] = { seconds: r[k].replace(/s$/, "") };
  }
}
const session = scenario.process.process.sessions[0];
session.startDate = session.writtenInputOpens = date(new Date(Date.now() - day));
session.endDate = session.writtenInputCloses = date(new Date(Date.now() + 60 * day));
await call("registry", SECRETARIAT, "CreateProcess", scenario.process, ["PROCESS_EXISTS"]);
console.log(`process processes/${PROCESS}`);

// 3. Both apply: ECOSOC general status is decided at once; non-objection opens a notice
//    period during which any state may object.
const apps = {};
for (const [who, route] of [["example-ngo", "ecosoc-general"], ["example-lab", "non-objection"]]) {
  const me = `stakeholder:${who}`;
  const created = await call("accreditation", me, "CreateApplication", {
    parent: `processes/${PROCESS}`, requestId: `example-${who}`,
    application: { stakeholder: `stakeholders/${who}`, routeId: route } });
  apps[who] = await call("accreditation", me, "SubmitApplication",
    { name: created.name, requestId: `example-submit-${who}` });
  console.log(`application ${who} ${route}: ${apps[who].state}`);
}

// 4. A state objects, as itself (state:FR), during the notice period.
const lab = apps["example-lab"];
const objection = await call("accreditation", "state:FR", "LodgeObjection",
  { parent: lab.name, state: "states/FR", grounds: "Undisclosed state funding." },
  ["OBJECTION_EXISTS"]);
const after = await call("accreditation", "state:FR", "GetApplication", { name: lab.name });
console.log(`objection by states/FR: ${objection ? "lodged" : "already lodged"}, ` +
  `objections now ${after.objectionCount ?? 0}`);

// 5. Who may send written input to the process.
for (const who of ["example-ngo", "example-lab"]) {
  const r = await call("accreditation", SECRETARIAT, "CheckAccess", {
    stakeholder: `stakeholders/${who}`, process: `processes/${PROCESS}`, right: "WRITTEN_INPUT" });
  console.log(`access ${who} WRITTEN_INPUT: ${r.allowed ? "allowed" : `denied ${r.denialReason}`}`);
}

// 6. The accredited stakeholder submits input; routing says where it goes and why.
const submitted = await call("routing", "stakeholder:example-ngo", "SubmitInput",
  { input: { ...scenario.input, author: "stakeholders/example-ngo" } });
for (const r of submitted.routes ?? []) {
  console.log(`submitted ${submitted.name} -> ${r.destination} (${r.reason})`);
}
const inbox = (submitted.routes ?? []).map((r) => r.destination)
  .find((d) => d.startsWith(`processes/${PROCESS}/`));

// 7. The secretariat pulls its inbox and acknowledges what it took in.
const pulled = await call("routing", SECRETARIAT, "PullInbox",
  { destination: inbox, maxDeliveries: 10 });
for (const d of pulled.deliveries ?? []) {
  console.log(`pulled ${d.input.name} from ${d.destination} delivery ${d.deliveryId}`);
  const acked = await call("routing", SECRETARIAT, "AckDelivery",
    { destination: inbox, deliveryId: d.deliveryId });
  console.log(`acked ${d.deliveryId}: ${acked.acknowledged ?? false}`);
}
if (!(pulled.deliveries ?? []).some((d) => d.input.name === submitted.name)) {
  console.error(`error: ${submitted.name} not in ${inbox}`);
  process.exit(1);
}
for (const c of clients.values()) c.close();
