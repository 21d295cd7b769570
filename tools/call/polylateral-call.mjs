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
//
//   tools/call/polylateral-call.mjs [--tls DIR] [--plaintext] --lines
//
// For scripts that make many calls (one Node.js start each costs seconds on a loaded
// machine): reads one call a line on stdin, {"service", "method", "request", "as", "target"}
// ("as" and "target" as the flags, "request" as JSON), and answers each, in order, with one
// line on stdout: {"response": ...} or {"error": {code, message, details}}. Unary methods only.
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
    "[--plaintext] SERVICE METHOD [JSON]\n       polylateral-call.mjs [--tls DIR] [--plaintext] --lines");
  process.exit(2);
}

const args = process.argv.slice(2);
const opts = { as: "operator:ops", tls: join(root, "var", "tls"), target: "", plaintext: false,
  lines: false };
const positional = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--plaintext") opts.plaintext = true;
  else if (a === "--lines") opts.lines = true;
  else if (a === "--as" || a === "--tls" || a === "--target") {
    if (i + 1 >= args.length) usage(`${a} needs a value`);
    opts[a.slice(2)] = args[++i];
  } else if (a.startsWith("--")) usage(`unknown flag ${a}`);
  else positional.push(a);
}

const loaderOptions = { keepCase: false, longs: String, enums: String, defaults: false,
  oneofs: true, json: true,
  includeDirs: [join(root, "proto"), "/usr/share/gocode/src/github.com/gogo/googleapis",
    "/usr/include"] };
// The audit logs' read API is served beside accreditation's, routing's and composition's own
// service (docs/audit.md): its methods are called through the same SERVICE name.
const audit = { proto: "polylateral/audit/v1/audit.proto", name: "polylateral.audit.v1.AuditService" };
const loaded = new Map();
// The client constructor and method definition of SERVICE METHOD, or a usage message.
function lookup(serviceName, method) {
  const service = services[serviceName];
  if (!service) return { problem: `unknown SERVICE ${serviceName ?? ""}` };
  if (!method) return { problem: "METHOD is required" };
  if (!loaded.has(serviceName)) {
    const def = protoLoader.loadSync([service.proto, audit.proto], loaderOptions);
    loaded.set(serviceName, grpc.loadPackageDefinition(def));
  }
  const Client = loaded.get(serviceName);
  const ctorOf = (name) => name.split(".").reduce((o, k) => o[k], Client);
  let Ctor = ctorOf(service.name);
  if (!Ctor.service[method] && serviceName !== "registry" && ctorOf(audit.name).service[method]) {
    Ctor = ctorOf(audit.name);
  }
  const methodDef = Ctor.service[method];
  if (!methodDef) return { problem: `${service.name} has no method ${method}` };
  return { Ctor, methodDef, port: service.port };
}

// A client of SERVICE as the principal, and the metadata its calls carry.
function connect(serviceName, found, as, target) {
  const metadata = new grpc.Metadata();
  let creds;
  if (opts.plaintext) {
    creds = grpc.credentials.createInsecure();
    metadata.set("x-polylateral-principal", as);
  } else {
    const file = as.replace(":", "-");
    const expected = `URI:spiffe://polylateral/service/${serviceName}`;
    creds = grpc.credentials.createSsl(readFileSync(join(opts.tls, "ca.crt")),
      readFileSync(join(opts.tls, `${file}.key`)), readFileSync(join(opts.tls, `${file}.crt`)),
      { checkServerIdentity: (_h, cert) => (cert.subjectaltname ?? "").split(", ").includes(expected)
        ? undefined : new Error(`server certificate does not name ${expected}`) });
  }
  return { client: new found.Ctor(target || `localhost:${found.port}`, creds), metadata };
}

// google.rpc.Status details, decoded from the trailer.
const errorsDef = protoLoader.loadSync(["google/rpc/status.proto", "google/rpc/error_details.proto"],
  loaderOptions);
const rpc = grpc.loadPackageDefinition(errorsDef).google.rpc;
function errorOf(err) {
  const out = { code: grpc.status[err.code] ?? err.code, message: err.details };
  const bin = err.metadata?.get("grpc-status-details-bin")[0];
  if (bin) {
    // With the google.rpc types loaded, the JSON form unpacks each Any ("@type" and fields).
    out.details = rpc.Status.deserialize(bin).details;
  }
  return out;
}

const callTimeoutMs = 30000;

if (opts.lines) {
  // One client per call: a service restarted between two lines is simply connected anew.
  const { createInterface } = await import("node:readline");
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    let answer;
    try {
      const c = JSON.parse(line);
      const found = lookup(c.service, c.method);
      if (found.problem) throw new Error(found.problem);
      if (found.methodDef.responseStream) throw new Error(`${c.method} streams: not in --lines`);
      const { client, metadata } = connect(c.service, found, c.as ?? opts.as, c.target ?? opts.target);
      answer = await new Promise((resolve) => {
        client[c.method](c.request ?? {}, metadata, { deadline: Date.now() + callTimeoutMs },
          (err, resp) => resolve(err ? { error: errorOf(err) } : { response: resp }));
      });
      client.close();
    } catch (e) {
      answer = { error: { code: "USAGE", message: e.message } };
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  }
} else {
  const [serviceName, method, json = "{}"] = positional;
  const found = lookup(serviceName, method);
  if (found.problem) usage(found.problem);
  let request;
  try {
    request = JSON.parse(json);
  } catch (e) {
    usage(`JSON: ${e.message}`);
  }
  const { client, metadata } = connect(serviceName, found, opts.as, opts.target);
  const fail = (err) => {
    console.error(JSON.stringify({ error: errorOf(err) }, null, 2));
    process.exitCode = 1;
  };
  const deadline = Date.now() + callTimeoutMs;
  const toJson = (m) => JSON.stringify(m, null, found.methodDef.responseStream ? 0 : 2);
  if (found.methodDef.responseStream) {
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
}
