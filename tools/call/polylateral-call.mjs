#!/usr/bin/env node
// Calls one method of a polylateral service over mutual TLS with a principal's certificate,
// JSON in and JSON out (protobuf's JSON names), straight from the .proto files. A stop-gap
// for people at a terminal: grpcurl is not packaged in Debian 12.
//
//   tools/call/polylateral-call.mjs [--as KIND:ID] [--tls DIR] [--target HOST:PORT]
//       SERVICE METHOD [JSON]
//
//   SERVICE   registry | accreditation | composition | routing (the last three also answer
//             ListAuditEntries and GetAuditHead, the audit log's read API)
//   --as      whose certificate to present (default operator:ops), from DIR/<kind>-<id>.crt
//   --tls     the scripts/dev-ca directory (default var/tls)
//   --target  default localhost:5005x (the service's default port)
//   --plaintext  no TLS; the principal goes in the x-polylateral-principal header (loopback
//                development only)
// Server-streaming methods print one JSON object a line. Exit status: 0 on OK, 1 on a gRPC
// error (printed as JSON with its google.rpc.Status details), 2 on bad usage.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// The repository's Node packages live with the Node tests (scripts/setup installs them).
const require = createRequire(join(root, "tests", "node", "package.json"));
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");

const services = {
  registry: { port: 50051, proto: "polylateral/registry/v1/registry_service.proto",
              name: "polylateral.registry.v1.RegistryService" },
  accreditation: { port: 50052, proto: "polylateral/accreditation/v1/accreditation_service.proto",
                   name: "polylateral.accreditation.v1.AccreditationService" },
  composition: { port: 50053, proto: "polylateral/composition/v1/composition_service.proto",
                 name: "polylateral.composition.v1.CompositionService" },
  routing: { port: 50054, proto: "polylateral/routing/v1/routing_service.proto",
             name: "polylateral.routing.v1.RoutingService" },
};

function usage(message) {
  if (message) console.error(`polylateral-call: ${message}`);
  console.error("usage: polylateral-call.mjs [--as KIND:ID] [--tls DIR] [--target HOST:PORT] " +
    "[--plaintext] SERVICE METHOD [JSON]");
  process.exit(2);
}

const args = process.argv.slice(2);
const opts = { as: "operator:ops", tls: join(root, "var", "tls"), target: "", plaintext: false };
const positional = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--plaintext") opts.plaintext = true;
  else if (a === "--as" || a === "--tls" || a === "--target") {
    if (i + 1 >= args.length) usage(`${a} needs a value`);
    opts[a.slice(2)] = args[++i];
  } else if (a.startsWith("--")) usage(`unknown flag ${a}`);
  else positional.push(a);
}
const [serviceName, method, json = "{}"] = positional;
const service = services[serviceName];
if (!service || !method) usage(service ? "METHOD is required" : `unknown SERVICE ${serviceName ?? ""}`);
let request;
try {
  request = JSON.parse(json);
} catch (e) {
  usage(`JSON: ${e.message}`);
}

const loaderOptions = { keepCase: false, longs: String, enums: String, defaults: false,
  oneofs: true, json: true,
  includeDirs: [join(root, "proto"), "/usr/share/gocode/src/github.com/gogo/googleapis",
    "/usr/include"] };
// The audit logs' read API is served beside accreditation's, routing's and composition's own
// service (docs/audit.md): its methods are called through the same SERVICE name.
const audit = { proto: "polylateral/audit/v1/audit.proto", name: "polylateral.audit.v1.AuditService" };
const def = protoLoader.loadSync([service.proto, audit.proto], loaderOptions);
const Client = grpc.loadPackageDefinition(def);
const ctorOf = (name) => name.split(".").reduce((o, k) => o[k], Client);
let Ctor = ctorOf(service.name);
if (!Ctor.service[method] && serviceName !== "registry" && ctorOf(audit.name).service[method]) {
  Ctor = ctorOf(audit.name);
}
const methodDef = Ctor.service[method];
if (!methodDef) usage(`${service.name} has no method ${method}`);

const target = opts.target || `localhost:${service.port}`;
let creds;
const metadata = new grpc.Metadata();
if (opts.plaintext) {
  creds = grpc.credentials.createInsecure();
  metadata.set("x-polylateral-principal", opts.as);
} else {
  const file = opts.as.replace(":", "-");
  const expected = `URI:spiffe://polylateral/service/${serviceName}`;
  creds = grpc.credentials.createSsl(readFileSync(join(opts.tls, "ca.crt")),
    readFileSync(join(opts.tls, `${file}.key`)), readFileSync(join(opts.tls, `${file}.crt`)),
    { checkServerIdentity: (_h, cert) => (cert.subjectaltname ?? "").split(", ").includes(expected)
      ? undefined : new Error(`server certificate does not name ${expected}`) });
}
const client = new Ctor(target, creds);

// google.rpc.Status details, decoded from the trailer.
const errorsDef = protoLoader.loadSync(["google/rpc/status.proto", "google/rpc/error_details.proto"],
  loaderOptions);
const rpc = grpc.loadPackageDefinition(errorsDef).google.rpc;
function fail(err) {
  const out = { code: grpc.status[err.code] ?? err.code, message: err.details };
  const bin = err.metadata?.get("grpc-status-details-bin")[0];
  if (bin) {
    // With the google.rpc types loaded, the JSON form unpacks each Any ("@type" and fields).
    out.details = rpc.Status.deserialize(bin).details;
  }
  console.error(JSON.stringify({ error: out }, null, 2));
  process.exitCode = 1;
}

const deadline = Date.now() + 30000;
const toJson = (m) => JSON.stringify(m, null, methodDef.responseStream ? 0 : 2);
if (methodDef.responseStream) {
  const call = client[method](request, metadata, { deadline });
  call.on("data", (m) => console.log(toJson(m)));
  call.on("error", fail);
  call.on("end", () => client.close());
} else {
  client[method](request, metadata, { deadline }, (err, resp) => {
    if (err) fail(err);
    else console.log(toJson(resp));
    client.close();
  });
}
