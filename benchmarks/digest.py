"""Digest of every table a run writes, on the seed and on a Reuters slice: the safety net of
restructuring and speed work ("outputs unchanged" means these digests are equal).

    .venv/bin/python -m benchmarks.digest --save before.json        # before a change
    .venv/bin/python -m benchmarks.digest --compare before.json     # after it: lists every table that differs

Each corpus is run through the run command (every notebook) into a temporary folder; the digest is
the sha256 of each CSV. ``--docs N`` sets the Reuters slice (default 1,000 stories).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

from lib.paths import REUTERS_JSONL, SEEDS_DIR


def reuters_slice(folder: Path, n: int) -> Path:
    """The first ``n`` Reuters stories as one JSONL file (metadata included)."""
    out = folder / "reuters_slice.jsonl"
    with open(REUTERS_JSONL, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i == n:
                break
            dst.write(line)
    return out


def table_digests(run_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(run_dir.glob("*.csv"))}


def digests(n_docs: int) -> dict[str, dict[str, str]]:
    from lib.run.execute import run

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, corpus in (("seed", SEEDS_DIR), ("reuters", reuters_slice(tmp, n_docs))):
            t0 = time.perf_counter()
            run_dir = run(corpus, tmp / f"run_{name}")
            out[name] = table_digests(run_dir)
            print(f"{name}: {len(out[name])} tables in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return out


def differences(before: dict, after: dict) -> list[str]:
    lines = []
    for corpus in sorted(set(before) | set(after)):
        b, a = before.get(corpus, {}), after.get(corpus, {})
        for name in sorted(set(b) | set(a)):
            if name not in a:
                lines.append(f"{corpus}: {name} no longer written")
            elif name not in b:
                lines.append(f"{corpus}: {name} new")
            elif a[name] != b[name]:
                lines.append(f"{corpus}: {name} differs")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--save", type=Path, help="write the digests here")
    ap.add_argument("--compare", type=Path, help="compare with digests saved earlier")
    ap.add_argument("--docs", type=int, default=1000, help="Reuters stories in the slice")
    a = ap.parse_args()
    now = digests(a.docs)
    if a.save:
        a.save.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if a.compare:
        diff = differences(json.loads(a.compare.read_text(encoding="utf-8")), now)
        print("\n".join(diff) if diff else "every table is byte-identical")
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
