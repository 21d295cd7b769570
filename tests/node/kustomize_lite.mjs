// Renders a kustomization the way `kubectl kustomize` does, for the few kustomize features
// polylateral's k8s/ tree uses, so the manifests are checked where kubectl is not installed
// (Debian 12 has no package for it). Anything else in a kustomization is an error here, never
// silently ignored; where kubectl exists, validate_manifests.sh checks both renderings agree.
// Usage: node kustomize_lite.mjs DIR   (prints the objects as multi-document YAML)
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse, parseAllDocuments, stringify } from "yaml";

const SUPPORTED = new Set(["apiVersion", "kind", "resources", "namespace", "labels", "images",
  "patches", "replacements"]);
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

export function render(dir) {
  const file = join(dir, "kustomization.yaml");
  const k = parse(readFileSync(file, "utf8"), { version: "1.1" });
  for (const key of Object.keys(k)) {
    if (!SUPPORTED.has(key)) throw new Error(`${file}: kustomize field ${key} is not supported here`);
  }
  let objects = [];
  for (const res of k.resources ?? []) {
    const path = resolve(dir, res);
    objects = objects.concat(statSync(path).isDirectory() ? render(path) : readObjects(path));
  }
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
