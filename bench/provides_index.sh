#!/usr/bin/env bash
# The symbol index built cold (no index file: every library of the system read) and used warm (every library
# stat()ed, none read), whole-process wall time of `linklab-cli provides SYMBOL...`, median of several runs; and
# what a shell user does without it: `nm -D --defined-only` over the same libraries, grepping for the symbols.
# Usage: bench/provides_index.sh [RUNS] [SYMBOL...]   (env CLI=path/to/linklab-cli, default build/release)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${CLI:-$here/build/release/bin/linklab-cli}
runs=${1:-5}
shift || true
symbols=("$@")
[ ${#symbols[@]} -gt 0 ] || symbols=(cos pthread_create deflate)
[ -x "$cli" ] || { echo "no $cli: build first (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }

index=$(mktemp -d)
trap 'rm -rf "$index"' EXIT
# shellcheck source=bench/lib.sh
source "$here/bench/lib.sh"

cold=(); warm=()
for _ in $(seq "$runs"); do
  rm -f "$index/symbol-index-v1"
  cold+=("$(time_ms env LINKLAB_CACHE_DIR="$index" "$cli" provides "${symbols[@]}")")
  warm+=("$(time_ms env LINKLAB_CACHE_DIR="$index" "$cli" provides "${symbols[@]}")")
done
libs=$(/sbin/ldconfig -p | awk -F' => ' '/x86-64/ {print $2}' | sort -u)
count=$(echo "$libs" | wc -l)
pattern=$(printf ' %s(@|$)|' "${symbols[@]}")
pattern=${pattern%|}
t0=$(date +%s%N)
for l in $libs; do nm -D --defined-only "$l" 2>/dev/null | grep -Eq "$pattern" && echo "$l"; done > /dev/null
t1=$(date +%s%N)
printf 'symbols: %s; index file %s KiB\n' "${symbols[*]}" "$(($(stat -c %s "$index/symbol-index-v1") / 1024))"
printf 'provides, cold index: median %s ms  (runs: %s)\n' "$(printf '%s\n' "${cold[@]}" | median)" "${cold[*]}"
printf 'provides, warm index: median %s ms  (runs: %s)\n' "$(printf '%s\n' "${warm[@]}" | median)" "${warm[*]}"
printf 'nm -D | grep over %s cached libraries: %s ms\n' "$count" $(((t1 - t0) / 1000000))
