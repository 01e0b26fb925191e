"""Check a run folder against its manifest: ``python -m lib.run.verify RUN_DIR``.

Every output the manifest lists must exist with the same sha256 and size, and
no other file may be in the folder (``manifest.json`` itself excepted). Exit
status 0 when everything matches; 1 with one line per changed, missing or
extra file; 2 when the folder or its manifest cannot be read.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from lib.run.folder import MANIFEST, sha256_file


@dataclass(frozen=True)
class Problem:
    path: str
    kind: str  # changed, missing, extra
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind}: {self.path}" + (f" ({self.detail})" if self.detail else "")


class ManifestError(Exception):
    """The folder has no readable manifest."""


def read_manifest(run_dir: Path) -> dict:
    path = run_dir / MANIFEST
    if not run_dir.is_dir():
        raise ManifestError(f"not a folder: {run_dir}")
    if not path.is_file():
        raise ManifestError(f"no {MANIFEST} in {run_dir}: not a finished run")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{path} cannot be read: {exc}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("outputs"), list):
        raise ManifestError(f"{path} has no list of outputs")
    return manifest


def verify(run_dir: str | Path) -> list[Problem]:
    """Every difference between ``run_dir`` and its manifest, sorted by path (empty: all match).

    Raises :class:`ManifestError` when there is no readable manifest.
    """
    run_dir = Path(run_dir)
    manifest = read_manifest(run_dir)
    listed: dict[str, dict] = {}
    for entry in manifest["outputs"]:
        listed[str(entry.get("path"))] = entry
    present = {p.relative_to(run_dir).as_posix() for p in run_dir.rglob("*")
               if (p.is_file() or p.is_symlink()) and p.relative_to(run_dir).as_posix() != MANIFEST}
    problems: list[Problem] = []
    for rel, entry in listed.items():
        path = run_dir / rel
        if rel not in present:
            problems.append(Problem(rel, "missing"))
            continue
        if path.is_symlink():
            problems.append(Problem(rel, "changed", "now a symlink"))
            continue
        try:
            digest, size = sha256_file(path), path.stat().st_size
        except OSError as exc:
            problems.append(Problem(rel, "changed", f"unreadable: {exc.strerror or exc}"))
            continue
        if digest != entry.get("sha256"):
            problems.append(Problem(rel, "changed", f"sha256 {digest[:12]}, manifest says "
                                                    f"{str(entry.get('sha256'))[:12]}; {size} bytes, "
                                                    f"manifest says {entry.get('bytes')}"))
    problems += [Problem(rel, "extra", "not in the manifest") for rel in present - set(listed)]
    return sorted(problems, key=lambda p: (p.path, p.kind))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lib.run.verify", description=__doc__.split("\n\n")[0])
    ap.add_argument("run_dir", help="a run folder written by python -m lib.run")
    args = ap.parse_args(argv)
    try:
        problems = verify(args.run_dir)
    except ManifestError as exc:
        print(f"newslens verify: {exc}", file=sys.stderr)
        return 2
    for p in problems:
        print(p)
    n = len(read_manifest(Path(args.run_dir))["outputs"])
    if problems:
        print(f"newslens verify: {len(problems)} problem(s) in {args.run_dir}", file=sys.stderr)
        return 1
    print(f"newslens verify: {n} files match {Path(args.run_dir) / MANIFEST}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
