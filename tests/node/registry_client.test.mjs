// A secretariat system written in JavaScript integrates with the registry through nothing but
// the .proto files and a client certificate: create, read and list stakeholders over mutual
// TLS, and read the structured error details (google.rpc.Status in the
// grpc-status-details-bin trailer). Run by run_client_test.sh against a real registry
// (POLYLATERAL_REGISTRY=host:port, POLYLATERAL_TLS_DIR=the dev-ca directory).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const googleapis = "/usr/share/gocode/src/github.com/gogo/googleapis";
const options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [join(root, "proto"), googleapis, "/usr/include"],
};
const registryDef = protoLoader.loadSync("polylateral/registry/v1/registry_service.proto", options);
const RegistryService = grpc.loadPackageDefinition(registryDef).polylateral.registry.v1.RegistryService;

// google.rpc types, decoded with protobufjs (proto-loader's engine) from Debian's .proto files.
const errorsDef = protoLoader.loadSync(
  ["google/rpc/status.proto", "google/rpc/error_details.proto"], options);
const Status = errorsDef["google.rpc.Status"].type;
const grpcTypes = grpc.loadPackageDefinition(errorsDef).google.rpc;

const address = process.env.POLYLATERAL_REGISTRY;
assert.ok(address, "POLYLATERAL_REGISTRY must be host:port");
const tlsDir = process.env.POLYLATERAL_TLS_DIR;
assert.ok(tlsDir, "POLYLATERAL_TLS_DIR must name the dev-ca directory");
const suffix = randomBytes(4).toString("hex");

// One client per principal, each presenting that principal's certificate and accepting only
// a server whose certificate names spiffe://polylateral/service/registry.
const clients = new Map();
function clientAs(principal) {
  if (!clients.has(principal)) {
    const file = principal.replace(":", "-");
    const creds = grpc.credentials.createSsl(
      readFileSync(join(tlsDir, "ca.crt")),
      readFileSync(join(tlsDir, `${file}.key`)),
      readFileSync(join(tlsDir, `${file}.crt`)),
      {
        checkServerIdentity: (_host, cert) =>
          (cert.subjectaltname ?? "").split(", ").includes("URI:spiffe://polylateral/service/registry")
            ? undefined
            : new Error(`server is not service/registry: ${cert.subjectaltname}`),
      });
    clients.set(principal, new RegistryService(address, creds));
  }
  return clients.get(principal);
}

// `principal` is whose certificate the call presents; `header`, if any, a principal header
// the service must ignore under TLS.
function call(method, request, principal = "state:FR", header = "") {
  const metadata = new grpc.Metadata();
  if (header) metadata.set("x-polylateral-principal", header);
  return new Promise((resolve, reject) => {
    clientAs(principal)[method](request, metadata, { deadline: Date.now() + 5000 },
      (err, resp) => err ? reject(err) : resolve(resp));
  });
}

// Decodes the google.rpc.Status trailer into {reason, domain, fields}.
function details(err) {
  const bin = err.metadata.get("grpc-status-details-bin")[0];
  assert.ok(bin, "error carries grpc-status-details-bin");
  const status = grpcTypes.Status.deserialize(bin);
  const out = { code: status.code, reason: "", domain: "", fields: [] };
  for (const any of status.details) {
    if (any.type_url.endsWith("/google.rpc.ErrorInfo")) {
      const info = grpcTypes.ErrorInfo.deserialize(any.value);
      out.reason = info.reason;
      out.domain = info.domain;
    } else if (any.type_url.endsWith("/google.rpc.BadRequest")) {
      const bad = grpcTypes.BadRequest.deserialize(any.value);
      out.fields.push(...bad.field_violations.map((v) => v.field));
    }
  }
  return out;
}

function organisation(name, country) {
  return {
    kind: "ORGANISATION",
    display_name: name,
    stakeholder_group: "CIVIL_SOCIETY",
    country,
    themes: ["themes/privacy"],
    languages: ["en", "sw"],
    website: "https://example.org",
  };
}

test("create, get and list stakeholders", async () => {
  const id = `ke-org-${suffix}`;
  const created = await call("CreateStakeholder", {
    stakeholder: organisation(`Kenya Digital Rights ${suffix}`, "KE"),
    stakeholder_id: id,
    request_id: `node-${suffix}`,
  }, "operator:node-client");
  assert.equal(created.name, `stakeholders/${id}`);
  assert.equal(created.region, "AFRICAN");
  assert.equal(created.etag, "v1");

  const got = await call("GetStakeholder", { name: created.name });
  assert.equal(got.display_name, `Kenya Digital Rights ${suffix}`);
  assert.deepEqual(got.languages, ["en", "sw"]);

  const second = await call("CreateStakeholder", {
    stakeholder: organisation(`Kenya Open Data ${suffix}`, "KE"),
  }, "operator:node-client");

  // Walk the pages of a filtered listing one by one.
  const seen = [];
  let page_token = "";
  do {
    const resp = await call("ListStakeholders", {
      region: "AFRICAN", name_prefix: "kenya", theme: "themes/privacy", page_size: 1, page_token,
    });
    assert.ok(resp.stakeholders.length <= 1);
    seen.push(...resp.stakeholders.map((s) => s.name));
    page_token = resp.next_page_token;
  } while (page_token);
  assert.equal(seen.filter((n) => n === created.name).length, 1);
  assert.equal(seen.filter((n) => n === second.name).length, 1);
});

test("bad input comes back with ErrorInfo and BadRequest field violations", async () => {
  const bad = organisation("", "XX");
  await assert.rejects(call("CreateStakeholder", { stakeholder: bad }, "operator:node-client"),
    (err) => {
      assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
      const d = details(err);
      assert.equal(d.code, grpc.status.INVALID_ARGUMENT);
      assert.equal(d.reason, "INVALID_STAKEHOLDER");
      assert.equal(d.domain, "polylateral.registry");
      assert.ok(d.fields.includes("stakeholder.display_name"), d.fields.join());
      assert.ok(d.fields.includes("stakeholder.country"), d.fields.join());
      return true;
    });
});

test("a missing stakeholder is NOT_FOUND with a stable reason", async () => {
  await assert.rejects(call("GetStakeholder", { name: `stakeholders/nobody-${suffix}` }), (err) => {
    assert.equal(err.code, grpc.status.NOT_FOUND);
    assert.equal(details(err).reason, "STAKEHOLDER_NOT_FOUND");
    return true;
  });
});

test("a certificate from another trust domain is anonymous: writes are refused", async () => {
  await assert.rejects(
    call("CreateStakeholder", { stakeholder: organisation("Anon", "FR") }, "operator:elsewhere"),
    (err) => {
      assert.equal(err.code, grpc.status.PERMISSION_DENIED);
      assert.equal(details(err).reason, "ACCESS_DENIED");
      assert.match(err.details, /anonymous/);
      return true;
    });
});

test("the identity header is ignored under TLS", async () => {
  await assert.rejects(
    call("CreateProcess", { process_id: `by-header-${suffix}`, process: {} }, "state:FR",
      "operator:node-client"),
    (err) => {
      assert.equal(err.code, grpc.status.PERMISSION_DENIED);
      assert.match(err.details, /state:FR/);
      return true;
    });
});

test.after(() => { for (const c of clients.values()) c.close(); });
