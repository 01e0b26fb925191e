"""I/O in one place: only the run package and the pass's cache write or delete files.

Every call in lib/ that can write, move or delete a file is found in the syntax tree (open with a
writing mode, the Path and os methods that write or delete, shutil, tempfile, pickle and json dumps,
savefig or to_csv to a path); outside lib/run/ and lib/passes/cache.py there must be none.
"""
from __future__ import annotations

import ast

from lib.paths import LIB_DIR

ALLOWED = ("run/", "passes/cache.py")
WRITING_METHODS = {"write_text", "write_bytes", "unlink", "mkdir", "rmdir", "rename", "replace", "touch",
                   "symlink_to", "hardlink_to", "chmod"}
WRITING_FUNCTIONS = {("os", "remove"), ("os", "unlink"), ("os", "rename"), ("os", "replace"), ("os", "makedirs"),
                     ("os", "mkdir"), ("os", "rmdir"), ("shutil", "rmtree"), ("shutil", "copy"), ("shutil", "copy2"),
                     ("shutil", "copyfile"), ("shutil", "copytree"), ("shutil", "move"), ("tempfile", "mkdtemp"),
                     ("tempfile", "mkstemp"), ("tempfile", "NamedTemporaryFile"), ("tempfile", "TemporaryDirectory"),
                     ("pickle", "dump"), ("json", "dump")}


def _writes(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id == "open":
            mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
            if isinstance(mode, ast.Constant) and any(c in str(mode.value) for c in "wax+"):
                found.append((node.lineno, f"open(..., {mode.value!r})"))
        elif isinstance(f, ast.Attribute):
            base = f.value.id if isinstance(f.value, ast.Name) else ""
            pandas_rename = f.attr == "rename" and any(k.arg in ("columns", "index") for k in node.keywords) \
                or (f.attr == "rename" and node.args and isinstance(node.args[0], ast.Constant))
            if (base, f.attr) in WRITING_FUNCTIONS:
                found.append((node.lineno, f"{base}.{f.attr}"))
            elif f.attr in WRITING_METHODS and base not in ("re", "str") and not pandas_rename \
                    and not (f.attr == "replace" and (len(node.args) != 1 or node.keywords)):  # str/datetime.replace
                found.append((node.lineno, f".{f.attr}()"))
            elif f.attr in ("to_csv", "to_json", "to_parquet", "savefig") and node.args and \
                    not (isinstance(node.args[0], ast.Name) and node.args[0].id.startswith("buf")):
                found.append((node.lineno, f".{f.attr}(path)"))
    return found


def test_only_the_run_package_and_the_pass_cache_write_files():
    outside = []
    for path in sorted(LIB_DIR.rglob("*.py")):
        rel = path.relative_to(LIB_DIR).as_posix()
        if rel.startswith(ALLOWED):
            continue
        for line, what in _writes(ast.parse(path.read_text(encoding="utf-8"))):
            outside.append(f"lib/{rel}:{line}: {what}")
    assert not outside, "files written outside lib/run and lib/passes/cache.py:\n" + "\n".join(outside)


def test_the_scan_sees_a_write():
    """The scan itself can fail: it finds each kind of write in planted code."""
    planted = """
import os, shutil, pickle
from pathlib import Path
open(p, "w").write("x")
Path(p).write_text("x")
Path(p).unlink()
shutil.rmtree(p)
pickle.dump(x, f)
df.to_csv(p)
fig.savefig(p)
os.replace(a, b)
"""
    assert len(_writes(ast.parse(planted))) == 8
    harmless = ('df.rename(columns={"a": "b"}); s.replace("a", "b"); d.replace(tzinfo=None); re.sub("a", "b", s); '
                'fig.savefig(buf)')
    assert _writes(ast.parse(harmless)) == []
