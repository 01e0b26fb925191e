"""Every path the project knows, in one place."""
from __future__ import annotations

from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
LIB_DIR = PROJ_ROOT / "lib"
DATA_DIR = LIB_DIR / "data"
TEMPLATES_DIR = LIB_DIR / "templates"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
SEEDS_DIR = PROJ_ROOT / "seeds"
FIGURES_DIR = PROJ_ROOT / "figures"
SHARED_DIR = PROJ_ROOT.parent / "shared"
REUTERS_JSONL = SHARED_DIR / "corpora" / "reuters21578.jsonl"
EWT_DEV = SHARED_DIR / "gold" / "en_ewt-ud-dev.conllu"


def resolve(path: str | Path) -> Path:
    """Resolve ``path`` against the project root when it is relative.

    Notebooks run with their own folder as working directory (JupyterLab) or
    with any folder (papermill); resolving against the root makes ``"seeds"``
    mean the same thing everywhere.

    >>> resolve("seeds") == SEEDS_DIR
    True
    """
    p = Path(path).expanduser()
    return p if p.is_absolute() else (PROJ_ROOT / p).resolve()
