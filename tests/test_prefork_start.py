"""Shortcuts of what a run does before it checks anything, against the plain way.

- ``cache._code_files`` lists copylint's code files as ``sorted(os.walk(top))``
  did, without listing the ``__pycache__`` folders: the code fingerprint must be
  the one the walk gave, on the package and on generated trees (links to folders,
  links to nothing, folders that hold ``__pycache__`` in their names, compiled
  files, a folder that cannot be listed).
- ``model.resolved`` is ``Path.resolve`` for a rule file's path, its folder
  resolved once (links to folders and to files, ``..``, missing files).
- The workers' signal handling uses ``_signal``, not ``signal`` (whose import makes
  three enums): a ``-j 2`` check imports no ``signal``, and the numbers and
  functions it uses are ``signal``'s.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PYTHON, subprocess_env
from copylint import __version__, cache


def _walked(top: str) -> list[tuple[str, list[str]]]:
    """The folders and files the fingerprint stamped before (``os.walk``)."""
    out = []
    for folder, _dirs, files in sorted(os.walk(top)):
        if "__pycache__" in folder:
            continue
        out.append((folder, [n for n in sorted(files) if not n.endswith((".pyc", ".pyo"))]))
    return out


def _listed(top: str) -> list[tuple[str, list[str]]]:
    return [(folder, [name for name, _entry in files]) for folder, files in cache._code_files(top)]


def _old_fingerprint(top: str) -> str:
    h = cache.new_hash(f"{__version__}\0{sys.version}\0".encode())
    for folder, files in _walked(top):
        for name in files:
            cache._stamp(h, os.path.join(folder, name))
    return h.hexdigest()  # type: ignore[no-any-return]


def _new_fingerprint(top: str) -> str:
    h = cache.new_hash(f"{__version__}\0{sys.version}\0".encode())
    for folder, files in cache._code_files(top):
        for name, entry in files:
            cache._stamp_entry(h, os.path.join(folder, name), entry)
    return h.hexdigest()  # type: ignore[no-any-return]


def test_the_package_is_stamped_as_the_walk_stamped_it():
    here = str(Path(cache.__file__).resolve().parent)
    assert _listed(here) == _walked(here)
    assert _new_fingerprint(here) == _old_fingerprint(here)
    # and the fingerprint itself is the walk's, libraries and all
    h = cache.new_hash(f"{__version__}\0{sys.version}\0".encode())
    for folder, files in _walked(here):
        for name in files:
            cache._stamp(h, os.path.join(folder, name))
    h.update(b"\0libraries\0")
    for name in cache._LIBRARIES:
        cache._stamp_library(h, name)
    assert cache._code_fingerprint(__version__) == h.hexdigest()


_NAMES = ["a.py", "b.pyc", "c.pyo", "d.txt", "__pycache__", "x__pycache__y", "e", "E", "a b"]


def _tree(root: Path, rng: random.Random, depth: int = 0) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for _ in range(rng.randint(0, 6)):
        name = rng.choice(_NAMES) + rng.choice(["", "1", ".py", "_"])
        path = root / name
        if path.exists() or path.is_symlink():
            continue
        kind = rng.random()
        if kind < 0.3 and depth < 4:
            _tree(path, rng, depth + 1)
        elif kind < 0.4:
            path.symlink_to(rng.choice([root, root.parent, root / "nowhere"]))
        else:
            path.write_text("x" * rng.randint(0, 40))


@pytest.mark.parametrize("seed", range(40))
def test_generated_trees_are_stamped_as_the_walk_stamped_them(tmp_path, seed):
    rng = random.Random(seed)
    top = tmp_path / ("pkg" if seed % 7 else "pkg__pycache__")
    _tree(top / "zz" / "__pycache__" / "deeper", rng)
    (top / "zz" / "a.pyc").write_text("")
    (top / "zzlink").symlink_to(top / "zz")
    _tree(top, rng)
    assert _listed(str(top)) == _walked(str(top))
    assert _new_fingerprint(str(top)) == _old_fingerprint(str(top))


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_a_folder_that_cannot_be_listed_is_left_out(tmp_path):
    top = tmp_path / "pkg"
    (top / "shut").mkdir(parents=True)
    (top / "shut" / "a.py").write_text("")
    (top / "b.py").write_text("")
    (top / "shut").chmod(0)
    try:
        assert _listed(str(top)) == _walked(str(top))
    finally:
        (top / "shut").chmod(0o755)


# ---------------------------------------------------------------------------
# ``model.resolved``: a rule file's path resolved as ``Path.resolve`` does


def _resolve_tree(root: Path, rng: random.Random) -> list[str]:
    """Folders, links to folders (chains of them), files, links to files and to
    nothing below ``root``; the paths to ask about, as a rule file's could be
    written (through links, with ``..`` and ``.`` parts, doubled slashes)."""
    (root / "real" / "deep").mkdir(parents=True)
    (root / "other").mkdir()
    (root / "link").symlink_to(root / "real")
    (root / "link2").symlink_to("link")  # (relative, to a link)
    (root / "real" / "uplink").symlink_to("..")
    (root / "real" / "loop").symlink_to("loop")
    files = []
    for folder in ("real", "real/deep", "other"):
        for i in range(3):
            f = root / folder / f"r{i}.yml"
            f.write_text("x")
            files.append(f)
    (root / "real" / "tofile.yml").symlink_to(root / "other" / "r0.yml")
    (root / "real" / "dangling.yml").symlink_to(root / "nowhere.yml")
    (root / "other" / "back.yml").symlink_to("../link/r1.yml")
    heads = ["real", "link", "link2", "real/uplink/link", "link/deep", "other", "link/./deep"]
    heads += ["real/deep/..", "nowhere", "link2/deep/../deep", "real//deep"]
    names = ["r0.yml", "r1.yml", "r2.yml", "tofile.yml", "dangling.yml", "back.yml"]
    names += ["missing.yml", ".", "..", ""]
    paths = [str(root / rng.choice(heads) / rng.choice(names)) for _ in range(60)]
    return paths + [str(f) for f in files] + ["rel/r0.yml", "r0.yml"]


@pytest.mark.parametrize("seed", range(10))
def test_resolved_is_path_resolve(tmp_path, seed, monkeypatch):
    from copylint.rules import model

    monkeypatch.chdir(tmp_path)
    rng = random.Random(seed)
    paths = _resolve_tree(tmp_path / "t", rng)
    model._FOLDERS.clear()
    for _ in range(2):  # (the second time from the folders kept)
        for path in paths:
            assert model.resolved(path) == Path(path).resolve(), path
    model._FOLDERS.clear()


def test_the_packs_rules_are_builtin_as_resolve_says(tmp_path):
    from copylint.rules.loader import builtin_packs_dir, load_packs
    from copylint.rules.model import _FOLDERS

    ruleset = load_packs(["house", "promo", "spelling"])
    _FOLDERS.clear()
    assert ruleset.rules
    for rule in ruleset.rules:
        rule.meta._builtin = None
        expected = Path(rule.meta.path).resolve().is_relative_to(builtin_packs_dir())
        assert rule.meta.builtin is expected is True
    # a pack of one's own, reached through a link into the built-in packs or not
    own = tmp_path / "own"
    own.mkdir()
    (own / "link.yml").symlink_to(Path(ruleset.rules[0].meta.path))
    (own / "plain.yml").write_text("x")
    from copylint.rules.model import resolved

    for name, inside in (("link.yml", True), ("plain.yml", False)):
        path = str(own / name)
        assert resolved(path).is_relative_to(builtin_packs_dir()) is inside
        assert resolved(path) == Path(path).resolve()


def test_a_relative_rule_path_follows_the_working_folder(tmp_path, monkeypatch):
    from copylint.rules import model

    for name in ("a", "b"):
        (tmp_path / name / "pack").mkdir(parents=True)
    model._FOLDERS.clear()
    for name in ("a", "b"):
        monkeypatch.chdir(tmp_path / name)
        assert model.resolved("pack/r.yml") == tmp_path / name / "pack" / "r.yml"
    model._FOLDERS.clear()


# ---------------------------------------------------------------------------
# the workers' signals through ``_signal``

SIGNAL_SCRIPT = (
    "import sys\n"
    "from copylint.cli_core import main\n"
    "code = main(sys.argv[1:])\n"
    "sys.stderr.write('SIGNAL ' + str('signal' in sys.modules) + '\\n')\n"
    "sys.exit(code)\n"
)


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_a_check_with_workers_imports_no_signal_module(tmp_path, jobs):
    for i in range(40):
        (tmp_path / f"d{i:02}.md").write_text(f"Draft {i} was recieved well.\n")
    r = subprocess.run(
        [PYTHON, "-c", SIGNAL_SCRIPT, "check", "--no-cache", "--format", "json", "-j", jobs, "."],
        cwd=tmp_path,
        env=subprocess_env(),
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1, r.stderr
    assert json.loads(r.stdout)["summary"]["files"] == 40
    assert [x for x in r.stderr.splitlines() if x.startswith("SIGNAL ")] == ["SIGNAL False"]


def test_the_c_signal_module_is_what_signal_wraps():
    import _signal
    import signal

    for name in ("SIGINT", "SIGKILL", "SIG_IGN", "SIG_BLOCK", "SIG_SETMASK", "SIG_UNBLOCK"):
        assert getattr(_signal, name) == getattr(signal, name), name
    # a mask blocked and given back through ``_signal`` is the one ``signal`` sees
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    masked = _signal.pthread_sigmask(_signal.SIG_BLOCK, {_signal.SIGINT})
    try:
        assert masked == before
        assert signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    finally:
        _signal.pthread_sigmask(_signal.SIG_SETMASK, masked)
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before
