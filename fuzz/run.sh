#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Build the libFuzzer harnesses (clang, AddressSanitizer + UndefinedBehaviorSanitizer) in build/fuzz, seed them
# from ../shared/corpus and the test fixtures' sources, and run each harness for SECONDS (default 60).
# Exits non-zero when a harness finds a crash, a timeout or runaway memory; the inputs land in
# build/fuzz/artifacts/. Usage: fuzz/run.sh [SECONDS]
# LINKLAB_FUZZ_ARGS adds libFuzzer flags (e.g. -malloc_limit_mb=256 to flag any single allocation above 256 MB);
# LINKLAB_FUZZ_JOBS sets the build parallelism (default 2).
set -euo pipefail

seconds=${1:-60}
case $seconds in '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=$root/build/fuzz
corpus=$(cd "$root/.." && pwd)/shared/corpus
jobs=${LINKLAB_FUZZ_JOBS:-2}
max_seed_bytes=65536

for tool in clang clang++ cmake ninja ar; do
    command -v "$tool" > /dev/null || { echo "run.sh: $tool not found on PATH" >&2; exit 2; }
done

cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    "-DCMAKE_CXX_FLAGS=-O1 -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -Wno-unknown-warning-option" \
    -DLINKLAB_FUZZ=ON -DBUILD_TESTING=OFF -DLINKLAB_WERROR=OFF > "$build.configure.log" 2>&1 \
    || { cat "$build.configure.log" >&2; exit 2; }
cmake --build "$build" -j "$jobs" --target fuzz_openbinary fuzz_archive fuzz_buildtext fuzz_runner \
    fuzz_ldsocache fuzz_resolver

# Seeds: every corpus file up to max_seed_bytes (bigger ones make each run slow and add little), plus a fresh
# object, archive, thin archive, shared library and executable built from tests/fixtures/.
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds/openbinary" "$seeds/archive" "$seeds/fixtures" "$seeds/buildtext" "$seeds/runner" "$seeds/ldsocache" \
    "$seeds/resolver"
if [ -d "$corpus" ]; then
    find "$corpus/elf" "$corpus/malformed" -type f ! -name '*.tsv' ! -name '*.txt' ! -name 'README*' \
        -size -$((max_seed_bytes + 1))c -exec cp -t "$seeds/openbinary" {} +
else
    echo "run.sh: $corpus not present: seeding from the fixtures only" >&2
fi
(
    cd "$seeds/fixtures"
    src=$root/tests/fixtures
    cc -c -fPIC -O1 "$src/strfix.c" "$src/mathfix.c"
    ar rcs libfixture.a strfix.o mathfix.o
    ar rcsT libfixture_thin.a strfix.o mathfix.o
    cc -shared -o libfixture.so strfix.o mathfix.o -lm
    # shellcheck disable=SC2016 # $ORIGIN is for the dynamic loader, not the shell
    cc -o fixture_exe "$src/main.c" -L. -lfixture -Wl,-rpath,'$ORIGIN'
)
cp "$seeds/fixtures"/* "$seeds/openbinary/"
# The archive harness prepends "!<arch>\n" itself: its seeds are archives without the magic. Each small corpus
# ELF file also goes in an archive of its own (its long name exercises the "//" table).
n=0
for f in "$seeds/openbinary"/*; do
    head -c 4 "$f" | cmp -s - <(printf '\177ELF') || continue
    n=$((n + 1))
    ar rcS "$seeds/fixtures/member-$n.a" "$f" 2> /dev/null || continue
done
for a in "$seeds/fixtures"/*.a; do
    if [ "$(head -c 8 "$a")" = '!<arch>' ]; then
        tail -c +9 "$a" > "$seeds/archive/$(basename "$a").body"
    fi
done

# Build text: what gcc and clang print for broken sources and failed links (first byte 0: diagnostics), and the
# dependency files gcc -MMD writes (first byte 1).
(
    cd "$seeds/fixtures"
    printf 'int f(void);\nint g(void) { int unused; return f() }\n' > broken.c
    printf 'int missing(void);\nint main(void) { return missing(); }\n' > undefined.c
    n=0
    for cc in gcc clang; do
        command -v "$cc" > /dev/null || continue
        for args in "-Wall -c broken.c -o broken.o" "undefined.c -o undefined" "-c nothere.c" "x.c -lnothere"; do
            n=$((n + 1))
            # shellcheck disable=SC2086 # the arguments are words on purpose
            { printf '\0'; "$cc" $args 2>&1 || true; } > "$seeds/buildtext/$cc-$n.txt"
        done
    done
    cc -c -MMD -I"$root/tests/fixtures" "$root/tests/fixtures/main.c" -o deps.o
    { printf '\1'; cat deps.d; } > "$seeds/buildtext/deps.txt"
)

# Runner requests, and "TYPE<newline>VALUE" pairs for the argument checker.
printf '%s' '{"op":"ping","id":1}' > "$seeds/runner/ping"
printf '%s' '{"op":"linkmap"}' > "$seeds/runner/linkmap"
printf '%s' '{"op":"symbol","handle":1,"name":"cos"}' > "$seeds/runner/symbol"
printf '%s' '{"op":"call","handle":1,"symbol":"f","prototype":{"return":"int","params":[{"type":"int *"}]},"args":[[1,2]]}' \
    > "$seeds/runner/call"
printf 'unsigned long long\n"0xffffffffffffffff"' > "$seeds/runner/ull"
printf 'int *\n"[1, -2, 0x3]"' > "$seeds/runner/array"
printf "char\n\"'A'\"" > "$seeds/runner/char"
printf 'const char *restrict\n"text"' > "$seeds/runner/string"
printf 'struct s **\nnull' > "$seeds/runner/opaque"
printf 'double\n-1e308' > "$seeds/runner/double"
printf 'int (*)(int)\n0' > "$seeds/runner/fnptr"

# ld.so caches: the machine's own, and small ones of one library (plus a glibc-hwcaps copy) that ldconfig -C writes
# in each of its three formats. ldconfig always adds the system folders, so the small ones need -r (a chroot,
# root only); without it the caches are whole-system ones, cut to max_seed_bytes.
if [ -f /etc/ld.so.cache ]; then head -c $max_seed_bytes /etc/ld.so.cache > "$seeds/ldsocache/etc-ld.so.cache"; fi
if command -v ldconfig > /dev/null || [ -x /usr/sbin/ldconfig ]; then
    ldconfig=$(command -v ldconfig || echo /usr/sbin/ldconfig)
    cache_root=$seeds/fixtures/cacheroot
    mkdir -p "$cache_root/lib/glibc-hwcaps/x86-64-v2"
    cc -shared -fPIC -Wl,-soname,libfixture.so.1 -o "$cache_root/lib/libfixture.so.1" "$root/tests/fixtures/strfix.c"
    cp "$cache_root/lib/libfixture.so.1" "$cache_root/lib/glibc-hwcaps/x86-64-v2/"
    echo /lib > "$cache_root/ld.so.conf"
    for format in new old compat; do
        if "$ldconfig" -X -r "$cache_root" -c $format -C /small.cache -f /ld.so.conf 2> /dev/null; then
            cp "$cache_root/small.cache" "$seeds/ldsocache/small-$format.cache"
        else
            echo "$cache_root/lib" > "$seeds/fixtures/ld.so.conf"
            "$ldconfig" -X -c $format -C "$seeds/fixtures/big.cache" -f "$seeds/fixtures/ld.so.conf" 2> /dev/null || continue
            head -c $max_seed_bytes "$seeds/fixtures/big.cache" > "$seeds/ldsocache/big-$format.cache"
        fi
    done
fi

# The resolver: programs and libraries whose NEEDED, RPATH and RUNPATH strings the fuzzer rewrites.
cp "$seeds/fixtures/fixture_exe" "$seeds/fixtures/libfixture.so" "$seeds/resolver/"

mkdir -p "$build/artifacts"
status=0
for harness in openbinary archive buildtext runner ldsocache resolver; do
    out=$build/corpus-$harness # what the fuzzer learns, kept between runs
    mkdir -p "$out"
    dict=()
    if [ -f "$here/$harness.dict" ]; then dict=(-dict="$here/$harness.dict"); fi
    read -r -a extra <<< "${LINKLAB_FUZZ_ARGS:-}"
    echo "== fuzz_$harness for ${seconds}s"
    ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
        "$build/fuzz/fuzz_$harness" "$out" "$seeds/$harness" "${dict[@]}" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=$max_seed_bytes \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$harness-" "${extra[@]}" \
        || { echo "== fuzz_$harness FAILED (exit $?); inputs in $build/artifacts/" >&2; status=1; }
done
exit $status
