// The gateway's generated OpenAPI document (build/.../services/gateway/openapi.json), checked
// by an independent OpenAPI 3 validator: structure, $refs, and path parameters declared.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";

import SwaggerParser from "@apidevtools/swagger-parser";

const path = process.env.POLYLATERAL_OPENAPI_JSON;
const text = readFileSync(path, "utf8");
const fresh = () => JSON.parse(text);

test("the document is valid OpenAPI 3", async () => {
  const api = await SwaggerParser.validate(fresh());
  assert.equal(api.openapi, "3.0.3");
});

test("it describes the resource-oriented routes with their parameters", () => {
  const doc = fresh();
  const get = doc.paths["/v1/stakeholders/{stakeholderId}"].get;
  assert.equal(get.operationId, "RegistryService_GetStakeholder");
  assert.deepEqual(get.parameters.map((p) => p.name), ["stakeholderId"]);
  const submit = doc.paths["/v1/processes/{processId}/applications/{applicationId}:submit"].post;
  assert.equal(submit.operationId, "AccreditationService_SubmitApplication");
  assert.ok(submit.requestBody);
  const stream = doc.paths["/v1/composition:streamSolve"].post;
  assert.ok(stream.responses["200"].content["application/x-ndjson"]);
  assert.equal(stream.responses.default.content["application/json"].schema.$ref,
    "#/components/schemas/Error");
  const patch = doc.paths["/v1/stakeholders/{stakeholderId}"].patch;
  assert.ok(patch.parameters.some((p) => p.name === "updateMask" && p.in === "query"));
  const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item));
  assert.ok(operations.length >= 90, `only ${operations.length} operations`);
});

test("the validator does refuse a broken document", async () => {
  const doc = fresh();
  doc.paths["/v1/stakeholders/{stakeholderId}"].get.parameters = [];
  await assert.rejects(SwaggerParser.validate(doc));
});
