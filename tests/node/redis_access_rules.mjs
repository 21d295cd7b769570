// polylateral's Redis access rules for rendered manifests (docs/redis-access.md): every
// service Deployment connects as its own ACL user, with a password file from its own key of
// the Secret redis-acl (possibly hash-suffixed by a generator), and Redis loads an ACL file.
// checkRedisAccess(objects) returns one message per broken rule.
export function checkRedisAccess(objects) {
  const errors = [];
  let aclFile = false;
  for (const obj of objects) {
    const where = `${obj.apiVersion} ${obj.kind} ${obj.metadata?.name}`;
    const spec = obj.spec?.template?.spec;
    if (!spec) continue;
    if (obj.kind === "StatefulSet" && obj.metadata?.name === "redis") {
      aclFile = (spec.containers?.[0]?.args ?? []).includes("--aclfile");
    }
    if (obj.kind !== "Deployment") continue;
    const name = obj.spec.template.metadata?.labels?.["app.kubernetes.io/name"];
    for (const c of spec.containers ?? []) {
      const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
      if (!Object.keys(env).some((k) => k.startsWith("POLYLATERAL_REDIS"))) continue;
      if (env.POLYLATERAL_REDIS_USER !== name) {
        errors.push(`${where} container ${c.name}: POLYLATERAL_REDIS_USER must be "${name}"`);
      }
      const file = env.POLYLATERAL_REDIS_PASSWORD_FILE ?? "";
      const mount = (c.volumeMounts ?? []).find((m) => file.startsWith(`${m.mountPath}/`));
      const secret = (spec.volumes ?? []).find((v) => v.name === mount?.name)?.secret;
      if (!secret || !/^redis-acl(-[a-z0-9]+)?$/.test(secret.secretName ?? "")) {
        errors.push(`${where} container ${c.name}: POLYLATERAL_REDIS_PASSWORD_FILE must be in a volume from the Secret redis-acl`);
      } else if (!(secret.items ?? []).every((i) => i.key === name)) {
        errors.push(`${where}: mounts other services' Redis passwords`);
      }
    }
  }
  if (!aclFile) errors.push("StatefulSet redis: redis-server must run with --aclfile");
  return errors;
}
