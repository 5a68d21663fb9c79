#!/usr/bin/env bash
# Clean builds of a shared library from 24 generated C sources: `linklab-cli build` against `make -j$(nproc)`
# running the very same commands (taken from linklab-cli's --json argv), several runs each, interleaved; prints
# medians and the ratio, and exits 1 when linklab-cli is slower than make by more than MAX_RATIO (default 1.15).
# Usage: bench/build_vs_make.sh [RUNS]   (env CLI=path/to/linklab-cli, default build/release, else build/dev;
#                                         MAX_RATIO=1.15)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-7}
max_ratio=${MAX_RATIO:-1.15}
sources=24
functions=24 # per source: ~0.1 s of gcc -O2 each on a 2-core machine
jobs=$(nproc)

knows_build() { [ -x "$1" ] && "$1" build --help >/dev/null 2>&1; }
if [ -n "${CLI:-}" ]; then
  cli=$CLI
elif knows_build "$here/build/release/bin/linklab-cli"; then
  cli=$here/build/release/bin/linklab-cli
else
  cli=$here/build/dev/bin/linklab-cli
fi
if ! knows_build "$cli"; then
  echo "no linklab-cli with a build command at $cli: build first (cmake --build --preset release)" >&2
  exit 1
fi
for tool in gcc make python3 cmp; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"

# The sources: a header and $sources files of $functions small functions each (a loop gcc vectorizes at -O2).
printf '#pragma once\n#include <stddef.h>\n' >"$work/src/gen.h"
for n in $(seq -w 1 "$sources"); do
  {
    printf '#include "gen.h"\n#include <string.h>\n\n'
    for k in $(seq 1 "$functions"); do
      printf 'int gen_%s_%s(const int *v, int count)\n{\n    int s = %s;\n' "$n" "$k" "$k"
      printf '    for (int i = 0; i < count; ++i)\n        s = (s * 31 + v[i]) ^ (s >> %s);\n' "$((k % 7))"
      printf '    return s > 0 ? s %% %s : -s + (int)strlen("gen_%s_%s");\n}\n\n' "$((k + 10#$n * 100))" "$n" "$k"
    done
  } >"$work/src/gen_$n.c"
done

args=(--kind shared --name bench "$work"/src/gen_*.c "$work/src/gen.h")

# One build by linklab-cli gives the exact commands; make gets a rule per command, with the same argv words
# (quoted for the shell), the same working folder and the same outputs: objects, the link, the rename.
"$cli" build -o "$work/ll" --json "${args[@]}" >"$work/report.json"
python3 - "$work/report.json" "$work/Makefile" <<'PY'
import json, shlex, sys
report = json.load(open(sys.argv[1]))
assert report["success"], "linklab-cli build failed"
rules, objects, final = [], [], None
for c in report["commands"]:
    argv = c["argv"]
    cmd = shlex.join(argv).replace("$", "$$")
    if "-c" in argv:
        out = argv[argv.index("-o") + 1]
        objects.append(out)
        rules.append(f"{out}: {argv[-1]} | obj\n\t{cmd}\n")
    elif "-shared" in argv:
        link_out, link = argv[argv.index("-o") + 1], cmd
    elif argv[0] == "mv":
        final = argv[-1]
        rename = cmd
    else:
        raise SystemExit(f"unexpected command: {cmd}")
with open(sys.argv[2], "w") as f:
    f.write(f"all: {final}\n{final}: {' '.join(objects)}\n\t{link}\n\t{rename}\n")
    f.write("obj:\n\tmkdir -p obj\n")
    f.writelines(rules)
PY

build_linklab() { "$cli" build -o "$work/ll" "${args[@]}"; }
build_make() { mkdir -p "$work/mk" && make -f "$work/Makefile" -C "$work/mk" -j"$jobs"; }

time_ms() { # runs "$@" once with output discarded, prints wall milliseconds; a failed build stops the benchmark
  local t0 t1
  t0=$(date +%s%N)
  LC_ALL=C "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# Same commands must give the same library, byte for byte: a fast wrong answer is not a result.
rm -rf "$work/ll" "$work/mk"
time_ms build_linklab >/dev/null
time_ms build_make >/dev/null
if ! cmp -s "$work/ll/libbench.so" "$work/mk/libbench.so"; then
  echo "the two builds made different libraries: not benchmarking" >&2
  exit 1
fi

ll_times=(); mk_times=()
for _ in $(seq "$runs"); do
  rm -rf "$work/ll" "$work/mk"
  ll_times+=("$(time_ms build_linklab)")
  mk_times+=("$(time_ms build_make)")
done
ll_med=$(printf '%s\n' "${ll_times[@]}" | median)
mk_med=$(printf '%s\n' "${mk_times[@]}" | median)
printf 'build:              %s sources x %s functions -> libbench.so (gcc -c -fPIC -O2 ..., gcc -shared), %s jobs\n' \
  "$sources" "$functions" "$jobs"
printf 'linklab-cli:        %s\n' "$cli"
printf 'make -j%s:           median %s ms  (runs: %s)\n' "$jobs" "$mk_med" "${mk_times[*]}"
printf 'linklab-cli build:  median %s ms  (runs: %s)\n' "$ll_med" "${ll_times[*]}"
awk -v a="$ll_med" -v b="$mk_med" -v max="$max_ratio" 'BEGIN {
  r = (b > 0 ? a / b : 0)
  printf "ratio:              %.2f x make (limit %s)\n", r, max
  exit (r > max) ? 1 : 0
}'
