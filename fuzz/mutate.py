#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Mutation campaign for linklab-cli: corrupt real ELF files and ar archives, run the CLI on them, report.

Unlike the libFuzzer harnesses (fuzz/run.sh) it needs no special build, and its inputs are large real files.

    fuzz/mutate.py [--runs N] [--jobs J] [--seed FILE]... [--seed-random N] [--timeout S] [--cli PATH]
                   [--out DIR] [--no-nm] [--keep-disagreements N] [--summary-json FILE]

Seeds: libstdc++.so.6, libc.so.6, libz.so.1, libz.a, libgcc.a (gcc 12), crt1.o, /usr/bin/gdb, and the ELF files
and archives under ../shared/corpus/elf (each run draws the system group or the corpus group with equal odds).
--seed FILE (repeatable) replaces them all. Each run (default 1000, --jobs 2 at a time) stacks 1-4 mutations:
header bit flips and byte sets, ELF/section/program header fields set to huge, just-past-EOF or small values,
truncation, NULs of .dynstr/.strtab replaced with 'A', sh_link aimed at itself or elsewhere, one section's
range copied to another; in archives, member size and name fields, the '//' name table, the symbol index,
truncation inside a member, and the ELF mutations inside a member. The mutant goes through
`linklab-cli inspect --json`, `linklab-cli symbols` (vs `nm`) and `linklab-cli symbols -D -C` (vs `nm -D -C`),
each under RLIMIT_AS = 1 GiB and --timeout seconds (default 10).

Reported: crash (death by a signal, bad_alloc aborts included), hang (timeout; its process group is killed),
memory (peak RSS over 0.9 GiB, or a bad_alloc, caught or not: under the limit that is how 1 GiB shows), output
flood (stdout over 64 MiB, counted and dropped) and exit-status disagreements with nm (--no-nm skips nm).
Notable mutants are kept in --out (default build/mutate/findings) next to a .txt with the commands, seed file,
mutations, exit status or signal; at most --keep-disagreements (50) for nm disagreements alone. The summary
counts events (command runs) and runs (mutants). Exit status 1 after any crash, hang, memory finding or a run
that failed to start; else 0. Reproduce a campaign with the --seed-random it prints.

    fuzz/mutate.py --runs 1000 --jobs 2 --summary-json build/mutate/summary.json
"""
import argparse, concurrent.futures as cf, json, os, random, resource, selectors, shutil, signal
import subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIB, FLOOD = 1 << 30, 64 << 20
MEMORY_MARKERS = ("bad_alloc", "asks for more memory")  # the second: LinkLab's words for a caught bad_alloc
NM_AS_LIMIT = 2 * GIB  # nm is only the reference: give it room so its own memory trouble is not our finding
SYSTEM_SEEDS = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6",
                "/usr/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.a",
                "/usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a", "/usr/lib/x86_64-linux-gnu/crt1.o", "/usr/bin/gdb"]
CORPUS = ROOT.parent / "shared" / "corpus" / "elf"


def file_kind(data):
    if data[:4] == b"\x7fELF":
        return "elf"
    return "ar" if data[:8] in (b"!<arch>\n", b"!<thin>\n") else "other"


# ---------------------------------------------------------------- ELF layout
class Elf:
    """Where the header tables and their fields are. Re-parsed before every stacked mutation, so it must
    survive whatever an earlier mutation did: every read is bounds-checked and bad tables come out empty."""
    # name:offset:width per ELF class; the widths tell set_field how many bytes a field has.
    SPEC = {"ehdr": {1: "e_entry:24:4 e_phoff:28:4 e_shoff:32:4 e_ehsize:40:2 e_phentsize:42:2 e_phnum:44:2 "
                        "e_shentsize:46:2 e_shnum:48:2 e_shstrndx:50:2",
                     2: "e_entry:24:8 e_phoff:32:8 e_shoff:40:8 e_ehsize:52:2 e_phentsize:54:2 e_phnum:56:2 "
                        "e_shentsize:58:2 e_shnum:60:2 e_shstrndx:62:2"},
            "sh": {1: "sh_name:0:4 sh_type:4:4 sh_flags:8:4 sh_addr:12:4 sh_offset:16:4 sh_size:20:4 "
                      "sh_link:24:4 sh_info:28:4 sh_addralign:32:4 sh_entsize:36:4",
                   2: "sh_name:0:4 sh_type:4:4 sh_flags:8:8 sh_addr:16:8 sh_offset:24:8 sh_size:32:8 "
                      "sh_link:40:4 sh_info:44:4 sh_addralign:48:8 sh_entsize:56:8"},
            "ph": {1: "p_type:0:4 p_offset:4:4 p_vaddr:8:4 p_filesz:16:4 p_memsz:20:4 p_flags:24:4 p_align:28:4",
                   2: "p_type:0:4 p_flags:4:4 p_offset:8:8 p_vaddr:16:8 p_filesz:32:8 p_memsz:40:8 p_align:48:8"}}
    FIELDS = {t: {c: [(n, int(o), int(w)) for n, o, w in (f.split(":") for f in spec.split())]
                  for c, spec in by_class.items()} for t, by_class in SPEC.items()}
    SIZES = {1: {"ehdr": 52, "sh": 40, "ph": 32}, 2: {"ehdr": 64, "sh": 64, "ph": 56}}

    def __init__(self, buf):
        self.buf, self.order = buf, "big" if len(buf) > 5 and buf[5] == 2 else "little"
        self.cls = buf[4] if len(buf) > 4 and buf[4] in (1, 2) else 2  # a broken class: guess 64-bit
        self.size = self.SIZES[self.cls]
        f = {n: self.get(o, w) for n, o, w in self.FIELDS["ehdr"][self.cls]}
        # Step by the standard entry size whatever e_shentsize says: that is how LIEF walks the tables.
        self.shdrs = self._table(f["e_shoff"], f["e_shnum"] or 1, "sh")
        if f["e_shnum"] == 0:  # e_shnum 0 means the count is in section 0's sh_size
            self.shdrs = self._table(f["e_shoff"], self.sh(0, "sh_size"), "sh")
        self.phdrs = self._table(f["e_phoff"], f["e_phnum"], "ph")
        self.shstrndx = f["e_shstrndx"]

    def get(self, off, width):
        return int.from_bytes(self.buf[off:off + width], self.order) if off + width <= len(self.buf) else 0

    def put(self, off, width, value):
        if off + width <= len(self.buf):
            self.buf[off:off + width] = (value & ((1 << 8 * width) - 1)).to_bytes(width, self.order)

    def _table(self, off, count, table):
        n = min(count, (len(self.buf) - off) // self.size[table]) if 0 < off < len(self.buf) else 0
        return [off + i * self.size[table] for i in range(n)]

    def field(self, table, name):
        return next((o, w) for n, o, w in self.FIELDS[table][self.cls] if n == name)

    def sh(self, i, name):
        o, w = self.field("sh", name)
        return self.get(self.shdrs[i] + o, w) if i < len(self.shdrs) else 0

    def section_name(self, i):
        if self.shstrndx >= len(self.shdrs):
            return b""
        start = self.sh(self.shstrndx, "sh_offset") + self.sh(i, "sh_name")
        stop = self.buf.find(b"\0", start, start + 64) if start < len(self.buf) else -1
        return bytes(self.buf[start:stop]) if stop >= 0 else b""

    def regions(self):
        """(label, start, stop) byte ranges of the ELF header and of both header tables."""
        r = [("ELF header", 0, min(self.size["ehdr"], len(self.buf)))]
        r += [(label, t[0], t[-1] + self.size[k]) for label, k, t in
              (("section headers", "sh", self.shdrs), ("program headers", "ph", self.phdrs)) if t]
        return r


def interesting(rng, width, filesize):
    """A value that tends to break a reader: huge, just past the end of the file, or small."""
    kind = rng.choice(["huge", "past-eof", "small"])
    if kind == "huge":
        v = rng.choice([0xffffffff, 0x7fffffff, 0xffffffffffffffff, 0x8000000000000000])
    elif kind == "past-eof":
        v = filesize + rng.choice([1, 8, 64, 4096, rng.randrange(1, 1 << 20)])
    else:
        v = rng.choice([0, 1, 2, 3, 4, 7, rng.randrange(256)])
    v &= (1 << 8 * width) - 1
    return v, f"{kind} {v:#x}"


# ELF mutations: each takes (rng, buf, elf) and returns a description, or None when it does not apply.
def m_bytes(rng, buf, elf):
    label, lo, hi = rng.choice(elf.regions())
    if hi <= lo:
        return None
    flip = rng.random() < 0.6
    offs = [rng.randrange(lo, hi) for _ in range(rng.randint(1, 8 if flip else 4))]
    for o in offs:
        buf[o] = buf[o] ^ (1 << rng.randrange(8)) if flip else rng.choice([0, 0x7f, 0x80, 0xff, rng.randrange(256)])
    return f"{'flip bits' if flip else 'set bytes'} in {label} at {', '.join(map(hex, offs))}"


def m_set_field(rng, buf, elf):
    # Table first, then entry: otherwise the one ELF header would drown among hundreds of section headers.
    table = rng.choice(["ehdr"] + ["sh"] * bool(elf.shdrs) + ["ph"] * bool(elf.phdrs))
    base = rng.choice({"ehdr": [0], "sh": elf.shdrs, "ph": elf.phdrs}[table])
    if rng.random() < 0.7:  # a named field, mostly: those are what readers trust
        name, off, width = rng.choice(elf.FIELDS[table][elf.cls])
    else:  # or any aligned 2/4/8-byte slot of the entry
        width = rng.choice([2, 4, 8])
        off = rng.randrange(0, elf.size[table] - width + 1, width)
        name = f"{width}-byte field +{off:#x}"
    value, what = interesting(rng, width, len(buf))
    elf.put(base + off, width, value)
    where = "" if table == "ehdr" else f" of {table} entry at {base:#x}"
    return f"set {name}{where} to {what}"


def m_truncate(rng, buf, elf):
    # Half the time cut inside a header table, where partial entries are the interesting case.
    _, lo, hi = rng.choice(elf.regions()) if rng.random() < 0.5 else ("", 1, len(buf))
    at = rng.randrange(lo, max(hi, lo + 1))
    del buf[at:]
    return f"truncate at {at:#x}"


def m_strtab_no_nul(rng, buf, elf):
    names = {i: elf.section_name(i) for i in range(len(elf.shdrs))}
    idx = [i for i, n in names.items() if n in (b".dynstr", b".strtab")]
    idx = idx or [i for i in names if elf.sh(i, "sh_type") == 3]  # no names left: any SHT_STRTAB
    if not idx:
        return None
    i = rng.choice(idx)
    lo = elf.sh(i, "sh_offset")
    hi = min(lo + elf.sh(i, "sh_size"), len(buf))
    if lo >= hi:
        return None
    buf[lo:hi] = bytes(buf[lo:hi]).replace(b"\0", b"A")
    return f"replace every NUL of section {i} ({names[i].decode(errors='replace') or 'SHT_STRTAB'}) with 'A'"


def m_sh_link(rng, buf, elf):
    if not elf.shdrs:
        return None
    i = rng.randrange(len(elf.shdrs))
    target = i if rng.random() < 0.5 else rng.randrange(len(elf.shdrs))
    o, w = elf.field("sh", "sh_link")
    elf.put(elf.shdrs[i] + o, w, target)
    return f"sh_link of section {i} -> {target}" + (" (itself)" if target == i else "")


def m_dup_range(rng, buf, elf):
    table, pair = ("sh", ("sh_offset", "sh_size")) if elf.shdrs and (not elf.phdrs or rng.random() < 0.7) \
        else ("ph", ("p_offset", "p_filesz"))
    entries = elf.shdrs if table == "sh" else elf.phdrs
    if len(entries) < 2:
        return None
    src, dst = rng.sample(range(len(entries)), 2)
    for name in pair:
        o, w = elf.field(table, name)
        elf.put(entries[dst] + o, w, elf.get(entries[src] + o, w))
    return f"copy {'/'.join(pair)} of {table} entry {src} to entry {dst} (overlapping ranges)"


ELF_MUTATIONS = [(m_bytes, 5), (m_set_field, 5), (m_truncate, 1), (m_strtab_no_nul, 1),
                 (m_sh_link, 2), (m_dup_range, 2)]


# ---------------------------------------------------------------- ar archives
def ar_members(buf):
    """(header offset, name, size, data offset) of each member, until the first unreadable header."""
    thin, out, pos = buf[:8] == b"!<thin>\n", [], 8
    while pos + 60 <= len(buf):
        name = bytes(buf[pos:pos + 16]).rstrip()
        try:
            size = int(buf[pos + 48:pos + 58])
        except ValueError:
            break
        out.append((pos, name, size, pos + 60))
        # A thin archive holds only its index and name table; other members live in files of their own.
        pos += 60 + ((size + 1) & ~1 if not thin or name.startswith(b"/") else 0)
    return out


def ar_field(buf, hdr, off, width, text):
    buf[hdr + off:hdr + off + width] = text.encode()[:width].ljust(width)


def a_size(rng, buf, mems):
    hdr, name, size, _ = rng.choice(mems)
    v = rng.choice(["9999999999", "-1", "0", "abc", "", "4294967296", "0x100", str(size + 1), str(size - 1),
                    str(len(buf)), str(len(buf) - hdr)])
    ar_field(buf, hdr, 48, 10, v)
    return f"member {name.decode(errors='replace')} at {hdr:#x}: size field '{v}'"


def a_name(rng, buf, mems):
    hdr, name, size, _ = rng.choice(mems)
    v = rng.choice(["/99999999", "/4294967295", f"/{len(buf)}", "/-1", "#1/999999", f"#1/{size + 1}",
                    name.decode(errors="replace").replace("/", " "), "//", "/", "/SYM64/", "",
                    "".join(chr(rng.randrange(33, 127)) for _ in range(16))])
    ar_field(buf, hdr, 0, 16, v)
    return f"member {name.decode(errors='replace')} at {hdr:#x}: name field '{v}'"


def a_longnames(rng, buf, mems):
    tab = [m for m in mems if m[1] == b"//"]
    if not tab:
        return None
    _, _, size, data = tab[0]
    body = bytes(buf[data:data + size])
    # GNU names end in "/\n": without the terminator a reader must stop at the end of the table by itself.
    old, new = rng.choice([(b"/\n", b"AA"), (b"\n", b"/"), (b"/", b"A")])
    buf[data:data + len(body)] = body.replace(old, new)
    return f"'//' table: every {old!r} replaced with {new!r}"


def a_symindex(rng, buf, mems):
    idx = [m for m in mems if m[1] in (b"/", b"/SYM64/")]
    if not idx:
        return None
    _, name, size, data = idx[0]
    width = 8 if name == b"/SYM64/" else 4
    v = rng.choice([(1 << 8 * width) - 1, 0x7fffffff, size, len(buf), 0])
    k = rng.randint(0, 3)  # 0: the symbol count, else one of the first member offsets
    if data + width * (k + 1) > len(buf):
        return None
    buf[data + width * k:data + width * (k + 1)] = v.to_bytes(width, "big")
    return f"symbol index {name.decode()}: {f'member offset {k}' if k else 'symbol count'} set to {v:#x}"


def a_truncate(rng, buf, mems):
    hdr, name, size, data = rng.choice(mems)
    at = min(rng.randrange(data, data + max(size, 1)) if rng.random() < 0.8 else rng.randrange(hdr, data),
             len(buf))
    del buf[at:]
    return f"truncate at {at:#x}, inside member {name.decode(errors='replace')} (header at {hdr:#x})"


def a_header_bits(rng, buf, mems):  # date, uid, gid, mode and the "`\n" terminator included
    hdr, name, _, _ = rng.choice(mems)
    offs = [hdr + rng.randrange(60) for _ in range(rng.randint(1, 4))]
    for o in offs:
        buf[o] ^= 1 << rng.randrange(8)
    return f"flip bits in the header of member {name.decode(errors='replace')} at {', '.join(map(hex, offs))}"


def a_member_elf(rng, buf, mems):
    elfs = [m for m in mems if m[2] > 0 and buf[m[3]:m[3] + 4] == b"\x7fELF"]
    if not elfs:
        return None
    _, name, size, data = rng.choice(elfs)
    member = bytearray(buf[data:data + size])
    # Truncation would change the member's size and break the archive framing, which a_truncate covers.
    descs = [d for d in (apply_one(rng, member, [m for m in ELF_MUTATIONS if m[0] is not m_truncate])
                         for _ in range(rng.randint(1, 2))) if d]
    buf[data:data + size] = member
    return f"in member {name.decode(errors='replace')} at {data:#x}: {'; '.join(descs)}" if descs else None


AR_MUTATIONS = [(a_size, 2), (a_name, 2), (a_longnames, 1), (a_symindex, 1), (a_truncate, 1),
                (a_header_bits, 1), (a_member_elf, 4)]


def apply_one(rng, buf, table):
    """Apply one mutation drawn from table; a few draws, since some do not apply to every file."""
    want = "ar" if table is AR_MUTATIONS else "elf"
    for _ in range(8):
        layout = (ar_members(buf) or None if want == "ar" else Elf(buf)) if file_kind(buf) == want else None
        if layout is None:  # an earlier mutation broke the magic or the first header: flip bits instead
            return None if not buf else flip_any(rng, buf)
        fn = rng.choices([f for f, _ in table], [w for _, w in table])[0]
        if desc := fn(rng, buf, layout):
            return desc
    return None


def flip_any(rng, buf):
    o = rng.randrange(len(buf))
    buf[o] ^= 1 << rng.randrange(8)
    return f"flip a bit at {o:#x}"


def mutate(rng, data):
    buf = bytearray(data)
    table = AR_MUTATIONS if file_kind(data) == "ar" else ELF_MUTATIONS
    descs = [apply_one(rng, buf, table) for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4]))]
    return bytes(buf), [d for d in descs if d]


# ---------------------------------------------------------------- running one command
def run_cmd(argv, timeout, as_limit):
    """Run argv; stdout is counted and dropped, stderr keeps its head and tail (a bad_alloc shows at the end)."""
    t0 = time.monotonic()
    # Own session, so a hang dies with whatever it started. preexec_fn is safe here: each worker is a
    # single-threaded process (ProcessPoolExecutor), and fork from a threaded process is what it must avoid.
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True,
                         preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (as_limit, as_limit)))
    out, err, hang = 0, bytearray(), False
    with selectors.DefaultSelector() as sel, p.stdout, p.stderr:
        sel.register(p.stdout, selectors.EVENT_READ)
        sel.register(p.stderr, selectors.EVENT_READ)
        while sel.get_map() and not hang:
            for key, _ in sel.select(max(0, t0 + timeout - time.monotonic())):
                chunk = os.read(key.fd, 1 << 16)
                if not chunk:
                    sel.unregister(key.fileobj)
                elif key.fileobj is p.stdout:
                    out += len(chunk)
                else:
                    err += chunk
                    del err[2048:-6144]  # no-op until it is longer than 8 KiB
            hang = time.monotonic() > t0 + timeout
    # os.wait4 rather than Popen.wait: it gives this one child's peak RSS (never below the worker's own ~13 MB,
    # forked before the exec). Polled, because a child can close its output and still run past the deadline.
    while not (res := os.wait4(p.pid, os.WNOHANG))[0]:
        hang = hang or time.monotonic() > t0 + timeout
        if hang:
            os.killpg(p.pid, signal.SIGKILL)
        time.sleep(0.005)
    _, status, ru = res
    p.returncode = os.waitstatus_to_exitcode(status)  # so that Popen never waits for the reaped pid again
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    return {"exit": None if sig else os.WEXITSTATUS(status), "signal": sig, "hang": hang,
            "wall": time.monotonic() - t0, "maxrss": ru.ru_maxrss * 1024, "out": out,
            "stderr": err.decode(errors="replace")}


COMMANDS = [("inspect", ["inspect", "--json"], None), ("symbols", ["symbols"], ["nm"]),
            ("symbols -D -C", ["symbols", "-D", "-C"], ["nm", "-D", "-C"])]
SEVERE = ["crash", "hang", "memory", "flood"]


def one_run(i, opts, seeds, tmp):
    """Make mutant i and run every command on it; the file stays in tmp only when something is notable."""
    rng = random.Random(f"{opts.seed_random}-{i}")  # one generator per run: results do not depend on scheduling
    seed = rng.choice(rng.choice(seeds))
    data, descs = mutate(rng, Path(seed).read_bytes())
    path = os.path.join(tmp, f"{i:06d}-{os.path.basename(seed)}")
    Path(path).write_bytes(data)
    results = []
    for name, args, nm in COMMANDS:
        r = run_cmd([opts.cli, *args, path], opts.timeout, GIB)
        r.update(name=name, crash=r["signal"] is not None and not r["hang"], flood=r["out"] > FLOOD,
                 nm_exit=None, nm_stderr="", disagree=None)
        # Under RLIMIT_AS the RSS cannot pass 1 GiB, so "hit the limit" is what shows: an uncaught bad_alloc,
        # the message LinkLab prints when it catches one, or a peak within 10% of the limit.
        r["memory"] = r["maxrss"] > 0.9 * GIB or any(m in r["stderr"] for m in MEMORY_MARKERS)
        if nm and not opts.no_nm:
            n = run_cmd([*nm, path], opts.timeout, NM_AS_LIMIT)
            r.update(nm_exit=n["exit"], nm_stderr=n["stderr"][-600:])
            # Only two normal exits can disagree; a LinkLab crash is already reported as one.
            if r["exit"] is not None and n["exit"] is not None and (r["exit"] == 0) != (n["exit"] == 0):
                r["disagree"] = "ll0_nm_fail" if r["exit"] == 0 else "llfail_nm0"
        results.append(r)
    notable = any(r["disagree"] or any(r[k] for k in SEVERE) for r in results)
    if not notable:
        os.unlink(path)
    return {"run": i, "seed": seed, "size": len(data), "mutations": descs, "path": path if notable else None,
            "results": results}


# ---------------------------------------------------------------- campaign
def describe(res, opts, kept):
    lines = [f"seed file: {res['seed']}", f"mutant: {kept} ({res['size']} bytes)",
             f"reproduce: --seed-random {opts.seed_random}, run {res['run']} (with the same seed list)",
             "mutations:"] + [f"  - {d}" for d in res["mutations"] or ["(none applied)"]] + ["results:"]
    for r in res["results"]:
        args = next(a for n, a, _ in COMMANDS if n == r["name"])
        status = "TIMEOUT, killed" if r["hang"] else (
            f"signal {r['signal']} ({signal.Signals(r['signal']).name})" if r["signal"] else f"exit {r['exit']}")
        flags = [k for k in SEVERE if r[k]] + ([r["disagree"]] if r["disagree"] else [])
        lines.append(f"  {opts.cli} {' '.join(args)} {kept}: {status}; wall {r['wall']:.2f} s; maxrss "
                     f"{r['maxrss'] >> 20} MiB; stdout {r['out']} bytes; flags: {', '.join(flags) or '-'}")
        if flags and r["stderr"].strip():
            lines.append("    stderr: " + r["stderr"].strip()[-1500:].replace(res["path"], kept)
                         .replace("\n", "\n            "))
        if r["disagree"]:
            lines.append(f"    nm exit {r['nm_exit']}; nm stderr: " + (r["nm_stderr"].strip().replace(
                res["path"], kept).replace("\n", "\n            ") or "-"))
    return "\n".join(lines) + "\n"


def find_seeds(opts):
    def usable(paths):
        def head(p):
            with open(p, "rb") as f:
                return f.read(8)
        return [p for p in sorted({os.path.realpath(p) for p in paths if os.path.isfile(p)})
                if file_kind(head(p)) != "other"]  # also drops the corpus' .txt and .tsv files
    if opts.seed:
        return [g for g in [usable(opts.seed)] if g]
    corpus = [str(p) for p in CORPUS.rglob("*")] if CORPUS.is_dir() else []
    # Two groups drawn with equal odds: else the ~100 small corpus files would crowd out the big system ones.
    return [g for g in (usable(SYSTEM_SEEDS), usable(corpus)) if g]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", action="append", metavar="FILE", help="seed file (repeatable; replaces defaults)")
    ap.add_argument("--seed-random", type=int, metavar="N", help="random seed (default: a new one, printed)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per command (default 10)")
    ap.add_argument("--cli", default=str(ROOT / "build/dev/bin/linklab-cli"))
    ap.add_argument("--out", default=str(ROOT / "build/mutate/findings"))
    ap.add_argument("--no-nm", action="store_true", help="skip the nm comparisons")
    ap.add_argument("--keep-disagreements", type=int, default=50, metavar="N",
                    help="keep at most N mutants whose only finding is an nm disagreement (default 50)")
    ap.add_argument("--summary-json", metavar="FILE")
    opts = ap.parse_args()
    if opts.seed_random is None:
        opts.seed_random = random.SystemRandom().randrange(1 << 31)
    opts.cli, opts.out = os.path.abspath(opts.cli), os.path.abspath(opts.out)
    if not os.access(opts.cli, os.X_OK):
        sys.exit(f"mutate.py: {opts.cli} is not executable (build it, or pass --cli)")
    seeds = find_seeds(opts)
    if not seeds:
        sys.exit("mutate.py: no usable seed files (ELF files or ar archives)")
    os.makedirs(opts.out, exist_ok=True)
    print(f"{sum(map(len, seeds))} seed files; --seed-random {opts.seed_random}; findings in {opts.out}", flush=True)

    tally = Tally(opts)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as on Ctrl-C: no orphaned workers
    with tempfile.TemporaryDirectory(prefix="linklab-mutate-") as tmp, cf.ProcessPoolExecutor(
            opts.jobs, initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN)) as pool:
        futs = {pool.submit(one_run, i, opts, seeds, tmp): i for i in range(opts.runs)}
        try:
            for fut in cf.as_completed(futs):
                tally.add(fut, futs[fut])
        except KeyboardInterrupt:  # the workers ignore SIGINT: drop the queue, count the runs already going
            tally.interrupted = True
            for fut in futs:
                fut.cancel()
            print("interrupted: waiting for the runs in progress (Ctrl-C again to abandon them)", flush=True)
            for fut in cf.as_completed([f for f in futs if f not in tally.handled and not f.cancelled()]):
                tally.add(fut, futs[fut])
    return tally.report()


class Tally:
    """Counts, keeps the notable mutants, prints the progress lines and the summary."""
    KEYS = SEVERE + ["ll0_nm_fail", "llfail_nm0"]

    def __init__(self, opts):
        self.opts, self.handled, self.errors, self.interrupted = opts, set(), [], False
        self.events = {k: 0 for k in self.KEYS}  # one per command run
        self.runs_with = {k: 0 for k in self.KEYS}  # one per mutant
        self.by_cmd = {k: {n: 0 for n, _, _ in COMMANDS} for k in self.KEYS}
        self.max_rss = self.max_wall = self.kept_disagree = 0
        self.t0 = time.monotonic()

    def add(self, fut, i):
        self.handled.add(fut)
        try:
            res = fut.result()
        except Exception as e:  # e.g. the CLI being relinked under us: count it, do not lose the rest
            self.errors.append(f"run {i}: {e!r}")
            return
        seen = set()
        for r in res["results"]:
            self.max_rss, self.max_wall = max(self.max_rss, r["maxrss"]), max(self.max_wall, r["wall"])
            for k in [k for k in SEVERE if r[k]] + ([r["disagree"]] if r["disagree"] else []):
                self.events[k] += 1
                self.by_cmd[k][r["name"]] += 1
                seen.add(k)
        for k in seen:
            self.runs_with[k] += 1
        severe = [k for k in SEVERE if k in seen]
        if res["path"] and (severe or self.kept_disagree < self.opts.keep_disagreements):
            self.kept_disagree += not severe
            dest = os.path.join(self.opts.out, f"{(severe or ['disagree'])[0]}-{os.path.basename(res['path'])}")
            shutil.move(res["path"], dest)
            Path(dest + ".txt").write_text(describe(res, self.opts, dest))
            if severe:
                print(f"  run {res['run']}: {', '.join(severe)}: {dest}", flush=True)
        elif res["path"]:
            os.unlink(res["path"])
        n, e = len(self.handled), self.events
        if n % 100 == 0 or n == self.opts.runs:
            print(f"[{n}/{self.opts.runs}] {time.monotonic() - self.t0:.0f} s: crashes {e['crash']}, hangs "
                  f"{e['hang']}, memory {e['memory']}, floods {e['flood']}, nm disagreements "
                  f"{e['ll0_nm_fail']}+{e['llfail_nm0']}", flush=True)

    def report(self):
        for e in self.errors[:5]:
            print(f"error: {e}", file=sys.stderr)
        labels = [("crash", "crashes (killed by a signal)"), ("hang", f"hangs (> {self.opts.timeout:g} s, killed)"),
                  ("memory", "over 1 GiB / hit the limit"), ("flood", "output floods (> 64 MiB)"),
                  ("ll0_nm_fail", "linklab exit 0, nm non-zero"), ("llfail_nm0", "linklab non-zero, nm exit 0")]
        print(f"\n{'runs' + (' (interrupted)' if self.interrupted else ''):30} {len(self.handled):>7}"
              + (f"   ({len(self.errors)} failed to run)" if self.errors else ""))
        print(f"{'':30} {'events':>7} {'runs':>6}   inspect / symbols / symbols -D -C")
        for k, label in labels:
            print(f"{label:30} {self.events[k]:>7} {self.runs_with[k]:>6}   "
                  + " / ".join(map(str, self.by_cmd[k].values())))
        print(f"{'max RSS seen':30} {self.max_rss / (1 << 20):>7.0f} MiB\n"
              f"{'max wall time seen':30} {self.max_wall:>7.2f} s")
        if self.opts.summary_json:
            Path(self.opts.summary_json).parent.mkdir(parents=True, exist_ok=True)
            Path(self.opts.summary_json).write_text(json.dumps(
                {"runs": len(self.handled), "failed_runs": len(self.errors), "interrupted": self.interrupted,
                 "seed_random": self.opts.seed_random, "events": self.events, "runs_with": self.runs_with,
                 "by_command": self.by_cmd, "max_rss_bytes": self.max_rss,
                 "max_wall_seconds": round(self.max_wall, 3)}, indent=2) + "\n")
        return 1 if self.events["crash"] or self.events["hang"] or self.events["memory"] or self.errors else 0


if __name__ == "__main__":
    sys.exit(main())
