// Checks a Grafana dashboard (JSON) against Grafana's own dashboard schema, as @grafana/schema
// publishes it: TypeScript types generated from Grafana's CUE schema (the package ships no JSON
// Schema). The dashboard is type-checked by the TypeScript compiler as an object literal of
// type Dashboard, so a field of the wrong type, a value outside an enumeration, a missing
// required field or a field the schema does not know (excess property) is an error. The
// schema's enumerations are TypeScript enums, which no JSON literal can satisfy ("absolute" is
// not ThresholdsMode.Absolute to the compiler), so the package's declarations are read with
// each enum as the union of its values. Then polylateral's own rule: every panel query names
// the `namespace` template variable.
//   node grafana_dashboard.mjs deploy/grafana/polylateral.json
// checkDashboard(json text) returns one message per problem (empty when it is valid).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
// A file beside node_modules, so that "@grafana/schema" resolves to the installed package.
const virtualFile = join(here, "__dashboard_check__.ts");

// `export declare enum E { A = "a", B = 2, C }` -> `export type E = "a" | 2 | 3;`
function enumsAsUnions(declarations) {
  return declarations.replace(/export declare enum (\w+) \{([^}]*)\}/g, (_, name, body) => {
    let next = 0;
    const values = body.split(",").map((m) => m.trim()).filter(Boolean).map((m) => {
      const init = /=\s*(.+)$/.exec(m)?.[1].trim();
      if (init === undefined) return String(next++);
      if (/^-?\d+$/.test(init)) next = Number(init) + 1;
      return init;
    });
    return `export type ${name} = ${values.join(" | ")};`;
  });
}

// The declarations (TypeScript's lib, the schema package), parsed once per process.
const parsed = new Map();

export function schemaErrors(text) {
  JSON.parse(text); // a syntax error is reported as such, not as a type error
  const source = `import type { Dashboard } from "@grafana/schema";\nexport const dashboard: Dashboard = ${text};\n`;
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => {
    if (name === virtualFile) return ts.createSourceFile(name, source, version);
    if (!parsed.has(name)) {
      parsed.set(name, name.includes("/@grafana/schema/") && name.endsWith(".d.ts")
        ? ts.createSourceFile(name, enumsAsUnions(readFileSync(name, "utf8")), version)
        : getSourceFile(name, version, ...rest));
    }
    return parsed.get(name);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === virtualFile || fileExists(name);
  const program = ts.createProgram([virtualFile], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.file.fileName !== virtualFile) return message;
    // Line 2 of the virtual file is line 1 of the JSON.
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const col = line === 1 ? character - "export const dashboard: Dashboard = ".length : character;
    return `line ${line}, column ${col + 1}: ${message}`;
  });
}

// Every query of every panel (rows' nested panels too) and every query variable but the
// namespace variable itself selects by $namespace.
export function namespaceErrors(dashboard) {
  const errors = [];
  const vars = dashboard.templating?.list ?? [];
  if (!vars.some((v) => v.name === "namespace" && v.type === "query")) errors.push("no `namespace` query variable");
  for (const v of vars.filter((x) => x.type === "query" && x.name !== "namespace")) {
    const q = typeof v.query === "string" ? v.query : v.query?.query;
    if (!q?.includes("$namespace")) errors.push(`variable ${v.name}: its query does not use $namespace`);
  }
  const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  for (const p of panels) {
    for (const t of p.targets ?? []) {
      if (!String(t.expr ?? "").includes('namespace=~"$namespace"')) {
        errors.push(`panel "${p.title}" query ${t.refId}: does not select namespace=~"$namespace"`);
      }
    }
  }
  return errors;
}

export function checkDashboard(text) {
  const errors = schemaErrors(text);
  return errors.length ? errors : namespaceErrors(JSON.parse(text));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node grafana_dashboard.mjs DASHBOARD.json");
    process.exit(2);
  }
  const errors = checkDashboard(readFileSync(file, "utf8"));
  for (const e of errors) console.error(`FAIL ${file}: ${e}`);
  if (!errors.length) console.log(`ok ${file}: Grafana's dashboard schema (@grafana/schema), every query by $namespace`);
  process.exit(errors.length ? 1 : 0);
}
