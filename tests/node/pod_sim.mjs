// Turns a pod template of the rendered manifests into a shell script that runs it the way the
// kubelet would, for tests/k8s/redis_pods_test.sh: each volume a directory bind-mounted at its
// mountPath in a chroot of the host's /usr and /etc (ConfigMaps from the rendered objects,
// Secret keys from a password directory, claims kept per pod across restarts, emptyDirs
// fresh), the init containers run in turn, then the container exec'd with exactly its env,
// command and args. The pod's own network and UTS namespaces are the caller's business.
//   node pod_sim.mjs run <rendered.yaml> <kind> <name> <pod> <root> <passwords dir> <claims dir>
//   node pod_sim.mjs probe <rendered.yaml> <kind> <name> readinessProbe|livenessProbe
//   node pod_sim.mjs sidecar <rendered.yaml> <kind> <name> <container> <passwords dir>
//     (a container after the first, from a polylateral image, as a host command line for the
//     pod's network namespace: the image's ENTRYPOINT from its Dockerfile, the args, the env
//     with Secret keys read from the password directory)
// Not simulated: users and fsGroup (it runs as root), resource limits (the downward API's
// view of them is: resourceFieldRef env), read-only root, sidecars (containers after the first).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const [mode, file, kind, name, ...rest] = process.argv.slice(2);
const objects = parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1" }).map((d) => d.toJSON()).filter(Boolean);
const obj = objects.find((o) => o.kind === kind && o.metadata.name === name);
if (!obj) throw new Error(`no ${kind} ${name} in ${file}`);
const template = kind === "CronJob" ? obj.spec.jobTemplate.spec.template : obj.spec.template;
const q = (s) => `'${String(s).replace(/'/g, "'\\''")}'`;

// A resource quantity ("2Gi", "512Mi", "1500M", "3") in bytes or units.
const SUFFIX = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12, "": 1 };
function quantity(s) {
  const m = /^(\d+)(Ki|Mi|Gi|Ti|k|M|G|T|)$/.exec(String(s));
  if (!m) throw new Error(`quantity ${s}: unsupported`);
  return Number(m[1]) * SUFFIX[m[2]];
}

// The value the kubelet gives an env var: a literal, or (downward API) a container's limit.
function envValue(c, e) {
  if (e.value !== undefined) return e.value;
  const ref = e.valueFrom?.resourceFieldRef;
  if (!ref) throw new Error(`env ${e.name}: only value and resourceFieldRef are supported`);
  const of = template.spec.containers.find((x) => x.name === (ref.containerName ?? c.name));
  const [kind, resource] = ref.resource.split(".");
  const v = of?.resources?.[kind]?.[resource];
  if (v === undefined || (ref.divisor ?? "1") !== "1" || resource !== "memory") {
    throw new Error(`env ${e.name}: only a memory limit or request, divisor 1, is supported`);
  }
  return String(quantity(v));
}

function commandOf(c) {
  const env = (c.env ?? []).map((e) => q(`${e.name}=${envValue(c, e)}`));
  return ["env", "-i", "PATH=/usr/local/bin:/usr/bin:/usr/sbin", ...env, ...[...(c.command ?? []), ...(c.args ?? [])].map(q)].join(" ");
}

// Images the suite builds, and their Dockerfiles (whose ENTRYPOINT is the host's binary).
const DOCKERFILES = { "polylateral/redis-exporter": "deploy/redis-exporter/Dockerfile" };

if (mode === "sidecar") {
  const [containerName, passwords] = rest;
  const c = template.spec.containers.find((x) => x.name === containerName);
  const dockerfile = DOCKERFILES[c?.image?.replace(/[:@].*$/, "")];
  if (!dockerfile) throw new Error(`container ${containerName}: not from an image in ${Object.keys(DOCKERFILES)}`);
  const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../..", dockerfile), "utf8");
  const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(text)[1]);
  const env = (c.env ?? []).map((e) => {
    const ref = e.valueFrom?.secretKeyRef;
    if (ref) return `"${e.name}=$(cat ${q(`${passwords}/${ref.key}`)})"`;
    return q(`${e.name}=${envValue(c, e)}`);
  });
  console.log(["env", "-i", "PATH=/usr/local/bin:/usr/bin:/usr/sbin", ...env,
    ...[...(c.command ?? entrypoint), ...(c.args ?? [])].map(q)].join(" "));
  process.exit(0);
}

if (mode === "probe") {
  const probe = template.spec.containers[0][rest[0]];
  if (!probe?.exec) throw new Error(`${rest[0]} is not an exec probe`);
  console.log(commandOf({ command: probe.exec.command }));
  process.exit(0);
}

const [pod, root, passwords, claims] = rest;
const lines = ["set -eu", `R=${q(root)}`, "mkdir -p \"$R\"/usr \"$R\"/etc \"$R\"/dev \"$R\"/proc \"$R\"/tmp",
  "for l in bin lib lib64 sbin; do ln -sfn usr/$l \"$R/$l\"; done",
  "mount --rbind /usr \"$R/usr\"", "mount --rbind /etc \"$R/etc\"", "mount --rbind /dev \"$R/dev\"",
  "mount -t proc proc \"$R/proc\"", `V=${q(`${root}.volumes`)}`, "rm -rf \"$V\"", "mkdir -p \"$V\""];
const claimNames = new Set((obj.spec.volumeClaimTemplates ?? []).map((t) => t.metadata.name));
const volumes = Object.fromEntries((template.spec.volumes ?? []).map((v) => [v.name, v]));
for (const c of [...(template.spec.initContainers ?? []), ...template.spec.containers]) {
  for (const m of c.volumeMounts ?? []) {
    const v = volumes[m.name];
    let src;
    if (claimNames.has(m.name)) {
      src = `${claims}/${m.name}-${pod}`;
    } else if (v?.persistentVolumeClaim) {
      src = `${claims}/${v.persistentVolumeClaim.claimName}`;
    } else if (v?.emptyDir) {
      src = `$V/${m.name}`;
    } else if (v?.configMap) {
      src = `$V/${m.name}`;
      const cm = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === v.configMap.name);
      if (!cm) throw new Error(`no ConfigMap ${v.configMap.name}`);
      lines.push(`mkdir -p "${src}"`);
      for (const [key, text] of Object.entries(cm.data ?? {})) {
        lines.push(`printf %s ${q(Buffer.from(text).toString("base64"))} | base64 -d >"${src}/${key}"`);
      }
    } else if (v?.secret) {
      src = `$V/${m.name}`;
      lines.push(`mkdir -p "${src}"`);
      const items = v.secret.items ?? [{ key: "*", path: "" }];
      for (const i of items) {
        lines.push(i.key === "*" ? `cp ${q(passwords)}/* "${src}/"` : `cp ${q(`${passwords}/${i.key}`)} "${src}/${i.path}"`);
      }
    } else {
      throw new Error(`volume ${m.name}: unsupported`);
    }
    lines.push(`mkdir -p "${src}" "$R${m.mountPath}"`, `mount --bind "${src}" "$R${m.mountPath}"`);
  }
}
for (const c of template.spec.initContainers ?? []) lines.push(`chroot "$R" ${commandOf(c)}`);
lines.push(`exec chroot "$R" ${commandOf(template.spec.containers[0])}`);
console.log(lines.join("\n"));
