#!/usr/bin/env bash
# Dependency resolution of every dynamic ELF program in a folder (default /usr/bin) in one call:
# `linklab-cli deps --json` against `libtree` (both read files, neither runs them), whole-process wall time,
# median of several interleaved runs after a warm-up; and against `ld.so --list` run once per file (what ldd does,
# which maps every object in a new process).
# Usage: bench/deps_vs_libtree.sh [FOLDER] [RUNS]   (env CLI=path/to/linklab-cli, default build/release)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${CLI:-$here/build/release/bin/linklab-cli}
folder=${1:-/usr/bin}
runs=${2:-5}
[ -x "$cli" ] || { echo "no $cli: build first (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }
command -v libtree > /dev/null || { echo "libtree is not installed (scripts/bootstrap.sh installs it)" >&2; exit 1; }
ldso=/lib64/ld-linux-x86-64.so.2

# Dynamic ELF programs: the ones ld.so --list accepts.
mapfile -t files < <(find "$folder" -maxdepth 1 -type f -print0 | xargs -0 file -N -F '|' 2>/dev/null \
  | awk -F'|' '/ELF/ && /dynamically linked/ {sub(/^ +/, "", $1); print $1}' | sort)
echo "files: ${#files[@]} dynamic ELF programs in $folder"

# shellcheck source=bench/lib.sh
source "$here/bench/lib.sh"

time_ms "$cli" deps --json "${files[@]}" > /dev/null
time_ms libtree "${files[@]}" > /dev/null
# libtree's default hides the C runtime libraries and lists each library's dependencies once per file; `-p -vv`
# prints what `deps --tree` prints (every library, with its path, expanded where first met).
ll=(); lj=(); lt=(); lv=()
for _ in $(seq "$runs"); do
  ll+=("$(time_ms "$cli" deps --tree "${files[@]}")")
  lj+=("$(time_ms "$cli" deps --json "${files[@]}")")
  lt+=("$(time_ms libtree "${files[@]}")")
  lv+=("$(time_ms libtree -p -vv "${files[@]}")")
done
ll_med=$(printf '%s\n' "${ll[@]}" | median)
lj_med=$(printf '%s\n' "${lj[@]}" | median)
lt_med=$(printf '%s\n' "${lt[@]}" | median)
lv_med=$(printf '%s\n' "${lv[@]}" | median)
printf 'linklab-cli deps --tree: median %s ms  (runs: %s)\n' "$ll_med" "${ll[*]}"
printf 'linklab-cli deps --json: median %s ms  (runs: %s)\n' "$lj_med" "${lj[*]}"
printf 'libtree:                 median %s ms  (runs: %s)\n' "$lt_med" "${lt[*]}"
printf 'libtree -p -vv:          median %s ms  (runs: %s)\n' "$lv_med" "${lv[*]}"
awk -v a="$ll_med" -v j="$lj_med" -v b="$lt_med" -v v="$lv_med" \
  'BEGIN {if (b > 0) printf "ratio:                   %.2fx libtree (tree), %.2fx (json); %.2fx libtree -p -vv (tree)\n", a / b, j / b, a / v}'
# CPU time (user + system), which the machine's other load disturbs less than wall time.
if command -v perf > /dev/null; then
  for what in "deps --tree" "deps --json"; do
    # shellcheck disable=SC2086
    perf stat -r "$runs" "$cli" $what "${files[@]}" 2>&1 > /dev/null | awk -v w="$what" '/task-clock/ {printf "cpu, linklab-cli %s: %s ms\n", w, $1}'
  done
  perf stat -r "$runs" libtree "${files[@]}" 2>&1 > /dev/null | awk '/task-clock/ {printf "cpu, libtree: %s ms\n", $1}'
fi
# Instructions executed (valgrind's callgrind counts them; on a shared or virtual machine the clock wanders by tens
# of percent between runs, the count by less than one).
if command -v valgrind > /dev/null; then
  count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null | awk '/refs:/ {gsub(",", "", $4); printf "%.1f M\n", $4 / 1e6}'
  }
  printf 'instructions, linklab-cli deps --tree: %s\n' "$(count "$cli" deps --tree "${files[@]}")"
  printf 'instructions, linklab-cli deps --json: %s\n' "$(count "$cli" deps --json "${files[@]}")"
  printf 'instructions, libtree:                 %s\n' "$(count libtree "${files[@]}")"
  printf 'instructions, libtree -p -vv:          %s\n' "$(count libtree -p -vv "${files[@]}")"
fi
t0=$(date +%s%N)
for f in "${files[@]}"; do "$ldso" --list "$f" > /dev/null 2>&1 || true; done
t1=$(date +%s%N)
printf 'ld.so --list per file:   %s ms\n' $(((t1 - t0) / 1000000))
