#!/usr/bin/env bash
# Whole-process timing of `linklab-cli symbols -D` against `nm -D` on the largest shared library on the
# machine (or the file given), several runs each, interleaved; prints medians and the ratio.
# Usage: bench/symbols_vs_nm.sh [LIBRARY] [RUNS]   (env CLI=path/to/linklab-cli, default build/release)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${CLI:-$here/build/release/bin/linklab-cli}
lib=${1:-$(find /usr/lib /lib -name '*.so*' -type f -printf '%s %p\n' 2>/dev/null | sort -n | tail -1 | cut -d' ' -f2)}
runs=${2:-7}

if [ ! -x "$cli" ]; then
  echo "no $cli: build first (cmake --preset release && cmake --build --preset release)" >&2
  exit 1
fi

# Identical output first: a fast wrong answer is not a result.
if ! cmp -s <(LC_ALL=C nm -D "$lib") <(LC_ALL=C "$cli" symbols -D "$lib"); then
  echo "outputs differ on $lib: not benchmarking" >&2
  exit 1
fi

time_ms() { # runs "$@" once with output discarded, prints wall milliseconds
  local t0 t1
  t0=$(date +%s%N)
  LC_ALL=C "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# One warm-up each so both read the file from the page cache.
time_ms nm -D "$lib" >/dev/null; time_ms "$cli" symbols -D "$lib" >/dev/null
nm_times=(); ll_times=()
for _ in $(seq "$runs"); do
  nm_times+=("$(time_ms nm -D "$lib")")
  ll_times+=("$(time_ms "$cli" symbols -D "$lib")")
done
nm_med=$(printf '%s\n' "${nm_times[@]}" | median)
ll_med=$(printf '%s\n' "${ll_times[@]}" | median)
symbols=$(LC_ALL=C nm -D "$lib" | wc -l)
printf 'file:            %s (%s MB, %s symbols)\n' "$lib" "$(( $(stat -c %s "$lib") / 1048576 ))" "$symbols"
printf 'nm -D:           median %s ms  (runs: %s)\n' "$nm_med" "${nm_times[*]}"
printf 'linklab-cli -D:  median %s ms  (runs: %s)\n' "$ll_med" "${ll_times[*]}"
awk -v a="$ll_med" -v b="$nm_med" 'BEGIN {printf "ratio:           %.1fx nm\n", (b > 0 ? a / b : 0)}'
