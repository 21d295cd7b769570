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
