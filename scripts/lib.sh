# Shared by scripts/up and scripts/test. Source it; do not run it.

# The repository root, wherever the script is called from.
POLYLATERAL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Configures (once) and builds a tree: build_tree <dir> <cmake args...> -- <targets...>
build_tree() {
  local dir=$1
  shift
  local args=()
  while [[ $# -gt 0 && $1 != -- ]]; do
    args+=("$1")
    shift
  done
  [[ ${1:-} == -- ]] && shift
  if [[ ! -f $dir/build.ninja ]]; then
    cmake -S "$POLYLATERAL_ROOT" -B "$dir" -G Ninja "${args[@]}" >/dev/null
  fi
  local jobs
  jobs=$(nproc 2>/dev/null || echo 2)
  if [[ $# -gt 0 ]]; then
    cmake --build "$dir" -j"$jobs" --target "$@"
  else
    cmake --build "$dir" -j"$jobs"
  fi
}

# A free TCP port on 127.0.0.1 at or above $1 (nothing answers a connect there).
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do
    p=$((p + 1))
  done
  echo "$p"
}

# Waits until 127.0.0.1:$1 accepts connections, at most $2 seconds.
wait_for_port() {
  local port=$1 limit=${2:-20} i
  for ((i = 0; i < limit * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# Starts a server on free loopback ports and waits until it listens, retrying with new ports
# when another process took one between the check and the bind (the server then exits).
#   start_listening <log> <base> <command...>
# In the command, @PORT@ and @PORT2@ stand for two free ports at or above <base> + a random
# offset below 8000; keep <base> + 9000 below 32768, where Linux hands out ephemeral ports to
# outgoing connections. Sets STARTED_PID, STARTED_PORT, STARTED_PORT2; the log is appended to.
start_listening() {
  local log=$1 base=$2 attempt i arg
  shift 2
  for attempt in 1 2 3 4 5; do
    STARTED_PORT=$(free_port $((base + RANDOM % 8000)))
    STARTED_PORT2=$(free_port $((STARTED_PORT + 1)))
    local cmd=()
    for arg in "$@"; do
      arg=${arg//@PORT@/$STARTED_PORT}
      cmd+=("${arg//@PORT2@/$STARTED_PORT2}")
    done
    "${cmd[@]}" >>"$log" 2>&1 &
    STARTED_PID=$!
    for ((i = 0; i < 300; i++)); do
      kill -0 "$STARTED_PID" 2>/dev/null || break
      if (exec 3<>"/dev/tcp/127.0.0.1/$STARTED_PORT") 2>/dev/null; then return 0; fi
      sleep 0.1
    done
    kill -TERM "$STARTED_PID" 2>/dev/null
    wait "$STARTED_PID" 2>/dev/null
    echo "start_listening: $1 did not listen on $STARTED_PORT (attempt $attempt)" >>"$log"
  done
  return 1
}

# Redis ACL users (deploy/redis/acl-rules.conf, docs/redis-access.md) for a local Redis:
#   redis_acl_setup <dir>
# keeps one password file per user in <dir> (generated when missing) and writes <dir>/users.acl;
# start redis-server with "${REDIS_ACL_ARGS[@]}" and each service with redis_auth_flags.
redis_acl_setup() {
  REDIS_ACL_DIR=$1
  "$POLYLATERAL_ROOT/scripts/redis-acl" "$REDIS_ACL_DIR" >/dev/null
  # shellcheck disable=SC2034  # for the caller
  REDIS_ACL_ARGS=(--aclfile "$REDIS_ACL_DIR/users.acl")
}

# Sets REDIS_AUTH_FLAGS to the flags that make a service connect as ACL user $1 (after
# redis_acl_setup): redis_auth_flags registry; polylateral-registry "${REDIS_AUTH_FLAGS[@]}"
redis_auth_flags() {
  # shellcheck disable=SC2034  # for the caller
  REDIS_AUTH_FLAGS=(--redis_user="$1" --redis_password_file="$REDIS_ACL_DIR/$1")
}

# redis-cli as the admin user (after redis_acl_setup): redis_admin_cli -p <port> <command...>
redis_admin_cli() {
  REDISCLI_AUTH=$(<"$REDIS_ACL_DIR/admin") redis-cli --user admin --no-auth-warning "$@"
}
