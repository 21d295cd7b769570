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
  // One operation per binding of the five services' methods (79 when this was written),
  // none lost to another with the same path and verb.
  const ids = Object.values(doc.paths).flatMap((item) => Object.values(item))
    .map((op) => op.operationId);
  assert.ok(ids.length >= 79, `only ${ids.length} operations`);
  assert.equal(new Set(ids).size, ids.length);
});

test("the validator does refuse a broken document", async () => {
  const dangling = fresh();
  delete dangling.components.schemas["polylateral.registry.v1.Stakeholder"];
  await assert.rejects(SwaggerParser.validate(dangling));
  const misspelt = fresh();
  misspelt.paths["/v1/stakeholders"].get.responses = { "2OO": { description: "typo" } };
  await assert.rejects(SwaggerParser.validate(misspelt));
});
