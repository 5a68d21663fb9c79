#!/usr/bin/env bash
# Whole-process timing of `linklab-cli symbols` against `nm` over every .so and .a in one folder, in one call each
# (as a script that swaps nm for linklab-cli would run them), several interleaved runs; prints medians, the ratio,
# and whether stdout and the exit status agreed.
# Usage: bench/symbols_all_vs_nm.sh [FOLDER] [RUNS]   (env CLI=path/to/linklab-cli, default build/release)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${CLI:-$here/build/release/bin/linklab-cli}
dir=${1:-/usr/lib/x86_64-linux-gnu}
runs=${2:-5}
[ -x "$cli" ] || { echo "no $cli: build the release preset first" >&2; exit 1; }
mapfile -t files < <(find "$dir" -maxdepth 1 -type f \( -name '*.so' -o -name '*.so.*' -o -name '*.a' \) | sort)
echo "files:     ${#files[@]} in $dir"
set +e
LC_ALL=C nm "${files[@]}" > /tmp/symbols_all.nm 2>/dev/null
nm_status=$?
LC_ALL=C "$cli" symbols "${files[@]}" > /tmp/symbols_all.ll 2>/dev/null
ll_status=$?
set -e
if cmp -s /tmp/symbols_all.nm /tmp/symbols_all.ll; then same=identical; else same="DIFFERENT ($(diff /tmp/symbols_all.nm /tmp/symbols_all.ll | grep -c '^[<>]') lines)"; fi
echo "stdout:    $same ($(wc -c < /tmp/symbols_all.nm) bytes from nm); exit status nm $nm_status, linklab-cli $ll_status"
time_ms() {
  local t0 t1
  t0=$(date +%s%N)
  LC_ALL=C "$@" > /dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
nm_times=() ll_times=()
time_ms nm "${files[@]}" > /dev/null # warm-up: the page cache
for ((i = 0; i < runs; i++)); do
  nm_times+=("$(time_ms nm "${files[@]}")")
  ll_times+=("$(time_ms "$cli" symbols "${files[@]}")")
done
nm_med=$(printf '%s\n' "${nm_times[@]}" | median)
ll_med=$(printf '%s\n' "${ll_times[@]}" | median)
echo "nm:          median $nm_med ms  (runs: ${nm_times[*]})"
echo "linklab-cli: median $ll_med ms  (runs: ${ll_times[*]})"
awk -v a="$ll_med" -v b="$nm_med" 'BEGIN { printf "ratio:       %.2fx nm\n", a / b }'
