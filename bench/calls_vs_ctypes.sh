#!/usr/bin/env bash
# Calling a C function from outside C: linklab-cli call (a process, a runner, dlopen, one call: what a script
# pays per call), one runner session (what the Run room pays per call), and Python ctypes in one process (no
# isolation: a crash takes Python down). The function is libc's strlen("Holberton"), the course's example.
# Usage: bench/calls_vs_ctypes.sh [CLI_RUNS] [SESSION_CALLS]   (env BIN=build/release/bin)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$here/build/release/bin}
cli_runs=${1:-50}
session_calls=${2:-20000}
for tool in linklab-cli linklab-runner linklab-callbench; do
  [ -x "$bin/$tool" ] || { echo "no $bin/$tool: build first (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }
done
decl='size_t strlen(const char *s)'

# The answer first: a fast wrong answer is not a result.
out=$("$bin/linklab-cli" call libc.so.6 strlen --proto "$decl" -- Holberton)
[ "$out" = 'strlen("Holberton") = 9' ] || { echo "unexpected: $out" >&2; exit 1; }

t0=$(date +%s%N)
for _ in $(seq "$cli_runs"); do "$bin/linklab-cli" call libc.so.6 strlen --proto "$decl" -- Holberton > /dev/null; done
t1=$(date +%s%N)
cli_ms=$(( (t1 - t0) / 1000000 ))
printf 'linklab-cli call (process + runner + dlopen + call): %d runs in %d ms: %.1f calls/s\n' \
  "$cli_runs" "$cli_ms" "$(awk -v n="$cli_runs" -v ms="$cli_ms" 'BEGIN {print n * 1000 / ms}')"

printf 'one runner session (the Run room): '
"$bin/linklab-callbench" libc.so.6 strlen "$decl" "$session_calls" Holberton

if command -v python3 > /dev/null; then
  printf 'python3 ctypes, in process: '
  python3 - "$session_calls" <<'PY'
import ctypes, sys, time
n = int(sys.argv[1])
libc = ctypes.CDLL("libc.so.6")
libc.strlen.argtypes = [ctypes.c_char_p]
libc.strlen.restype = ctypes.c_size_t
assert libc.strlen(b"Holberton") == 9
t = time.perf_counter()
for _ in range(n):
    libc.strlen(b"Holberton")
s = time.perf_counter() - t
print(f"{n} calls in {s:.3f} s: {n / s:.0f} calls/s ({s * 1e6 / n:.1f} us per call)")
PY
  printf 'python3 process + ctypes + one call: '
  t0=$(date +%s%N)
  for _ in $(seq "$cli_runs"); do
    python3 -c 'import ctypes; l = ctypes.CDLL("libc.so.6"); l.strlen.restype = ctypes.c_size_t; print(l.strlen(b"Holberton"))' > /dev/null
  done
  t1=$(date +%s%N)
  py_ms=$(( (t1 - t0) / 1000000 ))
  printf '%d runs in %d ms: %.1f calls/s\n' "$cli_runs" "$py_ms" "$(awk -v n="$cli_runs" -v ms="$py_ms" 'BEGIN {print n * 1000 / ms}')"
fi
