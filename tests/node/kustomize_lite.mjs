// Renders a kustomization the way `kubectl kustomize` does, for the few kustomize features
// polylateral's k8s/ tree uses, so the manifests are checked where kubectl is not installed
// (Debian 12 has no package for it). Anything else in a kustomization is an error here, never
// silently ignored; where kubectl exists, validate_manifests.sh checks both renderings agree.
// Usage: node kustomize_lite.mjs DIR   (prints the objects as multi-document YAML)
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse, parseAllDocuments, stringify } from "yaml";

const SUPPORTED = new Set(["apiVersion", "kind", "resources", "namespace", "labels", "images",
  "patches", "replacements", "configMapGenerator", "secretGenerator", "generatorOptions"]);
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "ClusterIssuer",
  "CustomResourceDefinition", "PriorityClass", "StorageClass", "PersistentVolume"]);

// Files are read as YAML 1.1, like kustomize (a leading-zero number would be octal there).
function readObjects(file) {
  return parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1" })
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJSON();
    })
    .filter(Boolean);
}

function groupOf(obj) {
  const parts = (obj.apiVersion ?? "").split("/");
  return parts.length === 2 ? parts[0] : "";
}

function labelsMatch(labels, selector) {
  return selector.split(",").every((term) => {
    const [k, v] = term.split("=").map((s) => s.trim());
    return labels?.[k] === v;
  });
}

// A patch target or replacement selector; names are anchored regular expressions in kustomize.
function selects(sel, obj) {
  if (sel.kind && sel.kind !== obj.kind) return false;
  if (sel.group !== undefined && sel.group !== groupOf(obj)) return false;
  if (sel.name && !new RegExp(`^(?:${sel.name})$`).test(obj.metadata?.name ?? "")) return false;
  if (sel.namespace && sel.namespace !== obj.metadata?.namespace) return false;
  if (sel.labelSelector && !labelsMatch(obj.metadata?.labels, sel.labelSelector)) return false;
  for (const k of Object.keys(sel)) {
    if (!["kind", "group", "version", "name", "namespace", "labelSelector"].includes(k)) {
      throw new Error(`unsupported selector field ${k}`);
    }
  }
  return true;
}

function applyJsonPatch(obj, ops) {
  for (const op of ops) {
    const keys = op.path.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop();
    let parent = obj;
    for (const k of keys) {
      if (parent?.[k] === undefined) throw new Error(`patch path ${op.path} not found`);
      parent = parent[k];
    }
    if (op.op === "add") {
      if (Array.isArray(parent)) parent.splice(last === "-" ? parent.length : Number(last), 0, op.value);
      else parent[last] = op.value;
    } else if (op.op === "replace") {
      if (parent[last] === undefined) throw new Error(`patch path ${op.path} not found`);
      parent[last] = op.value;
    } else if (op.op === "remove") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else {
      throw new Error(`unsupported patch op ${op.op}`);
    }
  }
}

function getPath(obj, fieldPath) {
  let v = obj;
  for (const k of fieldPath.split(".")) v = v?.[k];
  return v;
}

function setPath(obj, fieldPath, value) {
  const keys = fieldPath.split(".");
  const last = keys.pop();
  const parent = getPath(obj, keys.join("."));
  if (parent?.[last] === undefined) return false;
  parent[last] = value;
  return true;
}

function applyReplacement(objects, r) {
  const sources = objects.filter((o) => selects({ kind: r.source.kind, name: r.source.name }, o));
  if (sources.length !== 1) throw new Error(`replacement source ${r.source.kind}/${r.source.name} not found once`);
  const value = getPath(sources[0], r.source.fieldPath ?? "metadata.name");
  if (value === undefined) throw new Error(`replacement source field ${r.source.fieldPath} missing`);
  for (const t of r.targets) {
    for (const o of objects) {
      if (!selects(t.select, o) || (t.reject ?? []).some((rej) => selects(rej, o))) continue;
      for (const fp of t.fieldPaths) {
        let next = value;
        if (t.options?.delimiter !== undefined) {
          const parts = String(getPath(o, fp) ?? "").split(t.options.delimiter);
          parts[t.options.index ?? 0] = value;
          next = parts.join(t.options.delimiter);
        }
        if (!setPath(o, fp, next)) throw new Error(`replacement target ${o.kind}/${o.metadata.name} has no ${fp}`);
      }
    }
  }
}

function setImages(obj, images) {
  const podSpec = obj.spec?.template?.spec;
  for (const c of [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])]) {
    const name = c.image.replace(/@.*$/, "").replace(/:[^/:]*$/, "");
    const img = images.find((i) => i.name === name);
    if (!img) continue;
    const tag = c.image.slice(name.length);
    c.image = (img.newName ?? name) + (img.digest ? `@${img.digest}` : img.newTag ? `:${img.newTag}` : tag);
  }
}

// Objects a generator made, to get kustomize's content-hash suffix on their names once the
// whole tree is rendered (a changed ConfigMap or Secret then rolls the pods that mount it).
const hashed = new WeakSet();

// Go's encoding/json output (sorted keys, HTML-safe escapes), which kustomize hashes.
function goJson(v) {
  if (typeof v === "string") {
    let out = '"';
    for (const ch of v) {
      const c = ch.codePointAt(0);
      if (ch === '"' || ch === "\\") out += `\\${ch}`;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (ch === "\b") out += "\\b";
      else if (ch === "\f") out += "\\f";
      else if (c < 0x20 || "<>&".includes(ch) || c === 0x2028 || c === 0x2029) {
        out += `\\u${c.toString(16).padStart(4, "0")}`;
      } else out += ch;
    }
    return `${out}"`;
  }
  if (Array.isArray(v)) return `[${v.map(goJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${goJson(k)}:${goJson(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

// kustomize's hasher: SHA-256 of the ConfigMap's or Secret's kind, name, type and data, the
// first ten hex digits with the vowel-like ones swapped out so no word is spelt. kustomize 5
// looks the name up as one field called "metadata/name", finds none and hashes "" instead
// (checked against kubectl 1.32, kustomize 5.5): the suffix depends on the content only.
function nameHash(o) {
  const m = { kind: o.kind, name: "", data: o.data ?? {} };
  if (o.kind === "Secret") m.type = o.type;
  const hex = createHash("sha256").update(goJson(m)).digest("hex");
  const swap = { 0: "g", 1: "h", 3: "k", a: "m", e: "t" };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join("");
}

function only(file, what, obj, allowed) {
  for (const key of Object.keys(obj ?? {})) {
    if (!allowed.includes(key)) throw new Error(`${file}: ${what} field ${key} is not supported here`);
  }
}

// configMapGenerator and secretGenerator with files: ([KEY=]PATH, read from DIR) and literals:
// (KEY=VALUE, quotes around VALUE dropped, as kustomize does).
function generate(dir, file, k) {
  only(file, "generatorOptions", k.generatorOptions, ["disableNameSuffixHash"]);
  const out = [];
  for (const [list, kind] of [[k.configMapGenerator, "ConfigMap"], [k.secretGenerator, "Secret"]]) {
    for (const g of list ?? []) {
      only(file, `${kind} generator`, g, kind === "Secret" ? ["name", "files", "literals", "type"] : ["name", "files", "literals"]);
      if (!g.name) throw new Error(`${file}: a ${kind} generator needs a name`);
      const data = {};
      const put = (key, value) => {
        if (key in data) throw new Error(`${file}: ${kind} ${g.name}: key ${key} twice`);
        data[key] = kind === "Secret" ? Buffer.from(value, "utf8").toString("base64") : value;
      };
      for (const f of g.files ?? []) {
        const eq = f.indexOf("=");
        const path = eq < 0 ? f : f.slice(eq + 1);
        const bytes = readFileSync(resolve(dir, path));
        // kustomize moves non-UTF-8 files to binaryData, which this renderer does not write.
        const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        put(eq < 0 ? basename(path) : f.slice(0, eq), text);
      }
      for (const l of g.literals ?? []) {
        const eq = l.indexOf("=");
        if (eq < 1) throw new Error(`${file}: ${kind} ${g.name}: literal ${l} is not KEY=VALUE`);
        let value = l.slice(eq + 1);
        if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
          value = value.slice(1, -1);
        }
        put(l.slice(0, eq), value);
      }
      const obj = { apiVersion: "v1", kind, metadata: { name: g.name } };
      if (kind === "Secret") obj.type = g.type ?? "Opaque";
      obj.data = data;
      if (!k.generatorOptions?.disableNameSuffixHash) hashed.add(obj);
      out.push(obj);
    }
  }
  return out;
}

function podSpecOf(o) {
  if (o.kind === "Pod") return o.spec;
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

// The references to ConfigMaps and Secrets in a pod spec: [kind, holder, field] triples.
function podReferences(spec) {
  const refs = [];
  for (const v of spec?.volumes ?? []) {
    if (v.configMap) refs.push(["ConfigMap", v.configMap, "name"]);
    if (v.secret) refs.push(["Secret", v.secret, "secretName"]);
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap) refs.push(["ConfigMap", s.configMap, "name"]);
      if (s.secret) refs.push(["Secret", s.secret, "name"]);
    }
  }
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef) refs.push(["ConfigMap", e.valueFrom.configMapKeyRef, "name"]);
      if (e.valueFrom?.secretKeyRef) refs.push(["Secret", e.valueFrom.secretKeyRef, "name"]);
    }
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef) refs.push(["ConfigMap", e.configMapRef, "name"]);
      if (e.secretRef) refs.push(["Secret", e.secretRef, "name"]);
    }
  }
  for (const s of spec?.imagePullSecrets ?? []) refs.push(["Secret", s, "name"]);
  return refs;
}

// What kustomize does last, once, for the whole tree: suffix generated names with their hash
// and point every reference in the same namespace at the new name.
function addHashes(objects) {
  const renamed = new Map();
  for (const o of objects) {
    if (!hashed.has(o)) continue;
    const old = o.metadata.name;
    o.metadata.name = `${old}-${nameHash(o)}`;
    renamed.set(`${o.kind} ${o.metadata.namespace ?? ""}/${old}`, o.metadata.name);
  }
  for (const o of objects) {
    for (const [kind, holder, field] of podReferences(podSpecOf(o))) {
      const to = renamed.get(`${kind} ${o.metadata.namespace ?? ""}/${holder[field]}`);
      if (to) holder[field] = to;
    }
  }
  return objects;
}

export function render(dir) {
  return addHashes(accumulate(dir));
}

function accumulate(dir) {
  const file = join(dir, "kustomization.yaml");
  const k = parse(readFileSync(file, "utf8"), { version: "1.1" });
  for (const key of Object.keys(k)) {
    if (!SUPPORTED.has(key)) throw new Error(`${file}: kustomize field ${key} is not supported here`);
  }
  let objects = [];
  for (const res of k.resources ?? []) {
    const path = resolve(dir, res);
    objects = objects.concat(statSync(path).isDirectory() ? accumulate(path) : readObjects(path));
  }
  // Generated objects follow the resources and get this kustomization's transformers.
  objects = objects.concat(generate(dir, file, k));
  // kustomize's order of built-in transformers: patches, namespace, labels, images, replacements.
  for (const p of k.patches ?? []) {
    const ops = parse(p.path ? readFileSync(resolve(dir, p.path), "utf8") : p.patch);
    if (!Array.isArray(ops)) throw new Error(`${file}: only JSON 6902 patches are supported here`);
    for (const o of objects) if (selects(p.target ?? {}, o)) applyJsonPatch(o, ops);
  }
  if (k.namespace) {
    for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  }
  for (const l of k.labels ?? []) {
    if (l.includeSelectors || l.includeTemplates) throw new Error(`${file}: labels on selectors/templates are not supported here`);
    for (const o of objects) o.metadata.labels = { ...(o.metadata.labels ?? {}), ...l.pairs };
  }
  for (const o of objects) setImages(o, k.images ?? []);
  for (const r of k.replacements ?? []) applyReplacement(objects, r);
  return objects;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const dir = process.argv[2];
  if (!dir || !existsSync(join(dir, "kustomization.yaml"))) {
    console.error("usage: node kustomize_lite.mjs DIR (a directory with a kustomization.yaml)");
    process.exit(2);
  }
  process.stdout.write(render(dir).map((o) => stringify(o, { version: "1.1" })).join("---\n"));
}
