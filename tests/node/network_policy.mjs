// Evaluates rendered NetworkPolicies the way the Kubernetes NetworkPolicy API defines them, for
// one direction at a time: may pod A open a connection to port P of pod B? A pod selected by no
// policy of a direction is open in that direction; a selected one only lets through what some
// rule of a policy selecting it allows. A pod's address is taken to be private (RFC 1918, as
// pod and service ranges are in every cluster we deploy to): an ipBlock peer matches a pod
// unless its `except` list removes all three private ranges, the safe reading when asking
// whether something is allowed that should not be. An endpoint outside the cluster has an `ip`.

// An endpoint: { ns, nsLabels, labels } for the source; the destination also has the port
// { number, name, protocol } being connected to.
function selectorMatches(selector, labels = {}) {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const ok = {
      In: () => has && e.values.includes(labels[e.key]),
      NotIn: () => !has || !e.values.includes(labels[e.key]),
      Exists: () => has,
      DoesNotExist: () => !has,
    }[e.operator];
    if (!ok) throw new Error(`unknown selector operator ${e.operator}`);
    if (!ok()) return false;
  }
  return true;
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

const ipv4 = (a) => a.split(".").reduce((n, b) => n * 256 + Number(b), 0);
function inCidr(ip, cidr) {
  const [base, bits] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(ip) / size) === Math.floor(ipv4(base) / size);
}
// Whether `cidr` lies inside one of `ranges` (IPv4 only; IPv6 blocks never match here).
const cidrWithin = (cidr, ranges) => ranges.some((r) =>
  Number(cidr.split("/")[1]) >= Number(r.split("/")[1]) && inCidr(cidr.split("/")[0], r));

function ipBlockMatches(block, other) {
  if (block.cidr.includes(":")) return false;
  const except = block.except ?? [];
  if (other.ip !== undefined) {
    return inCidr(other.ip, block.cidr) && !except.some((e) => !e.includes(":") && inCidr(other.ip, e));
  }
  // A pod: some private address the block covers and does not except.
  return PRIVATE_RANGES.some((r) => (cidrWithin(r, [block.cidr]) || cidrWithin(block.cidr, [r])) &&
    !except.some((e) => !e.includes(":") && cidrWithin(r, [e])));
}

function peerMatches(peer, policyNs, other) {
  if (peer.ipBlock) return ipBlockMatches(peer.ipBlock, other);
  if (other.ip !== undefined) return false;
  if (peer.namespaceSelector) {
    return selectorMatches(peer.namespaceSelector, other.nsLabels) &&
      selectorMatches(peer.podSelector ?? {}, other.labels);
  }
  return other.ns === policyNs && selectorMatches(peer.podSelector, other.labels);
}

function portMatches(spec, port) {
  if ((spec.protocol ?? "TCP") !== port.protocol) return false;
  if (spec.port === undefined) return true;
  if (typeof spec.port === "string") return spec.port === port.name;
  return port.number >= spec.port && port.number <= (spec.endPort ?? spec.port);
}

function policyTypes(np) {
  return np.spec.policyTypes ?? (np.spec.egress ? ["Ingress", "Egress"] : ["Ingress"]);
}

// Whether the policies let `self` (the pod the policies select) exchange with `other` on `port`
// in `direction` ("Ingress": other connects to self; "Egress": self connects to other).
function directionAllows(policies, direction, self, other, port) {
  const field = direction === "Ingress" ? "ingress" : "egress";
  const peersField = direction === "Ingress" ? "from" : "to";
  const selecting = policies.filter((np) => (np.metadata.namespace ?? "default") === self.ns &&
    policyTypes(np).includes(direction) && selectorMatches(np.spec.podSelector, self.labels));
  if (selecting.length === 0) return true;
  return selecting.some((np) => (np.spec[field] ?? []).some((rule) => {
    const peers = rule[peersField] ?? [];
    const ports = rule.ports ?? [];
    return (peers.length === 0 || peers.some((p) => peerMatches(p, self.ns, other))) &&
      (ports.length === 0 || ports.some((s) => portMatches(s, port)));
  }));
}

// Whether the policies selecting `dst` let `src` connect to `port` of `dst`.
export function ingressAllowed(policies, src, dst, port) {
  return directionAllows(policies, "Ingress", dst, src, port);
}

// Whether the policies selecting `src` let it connect to `port` of `dst`.
export function egressAllowed(policies, src, dst, port) {
  return directionAllows(policies, "Egress", src, dst, port);
}
