"""Dataclasses made through the class cache behave as plainly made ones, a second run
compiles none of their methods, and a damaged or foreign cache file is not used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLASSES

SRC = Path(__file__).resolve().parent.parent / "src"

#: a dataclass of each kind copylint has (frozen and slotted, ordered, defaults and
#: factories, a field left out of the comparison), and what can be seen of it
PROBE = """
import json, os, sys
if os.environ.get("INSTALL"):
    from copylint import classcache
    classcache.install()
import dataclasses
from dataclasses import dataclass, field
deferred = "inspect" not in sys.modules  # (dataclasses' own import of it deferred)

@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int = 0
    note: str = field(default="", compare=False)

@dataclass
class Shelf:
    name: str
    items: list = field(default_factory=list)

    def total(self) -> int:
        return len(self.items)

a, b = Span(3, 7, "x"), Span(3, 7, "y")
shelf = Shelf("drafts")
shelf.items.append(a)
try:
    a.start = 1
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
out = {
    "repr": [repr(a), repr(shelf)],
    "eq": [a == b, hash(a) == hash(b), Span(1) < Span(2), shelf == Shelf("drafts", [a])],
    "frozen": frozen,
    "annotations": {k: str(v) for k, v in Span.__init__.__annotations__.items()},
    "defaults": [Span.__init__.__defaults__, Shelf("x").items],
    "fields": [f.name for f in dataclasses.fields(Span)],
    "qualname": Span.__init__.__qualname__,
}
out["deferred"] = deferred

@dataclass
class Bare:  # no docstring: dataclasses writes one with inspect.signature
    name: str
    size: int = 0

out["doc"] = Bare.__doc__
out["asdict"] = repr(dataclasses.asdict(shelf))  # copy.deepcopy
import inspect
out["inspect"] = [hasattr(inspect, "__file__"), inspect is sys.modules["inspect"],
                  dataclasses.inspect is inspect, str(inspect.signature(Bare))]
if os.environ.get("INSTALL"):
    import copylint.document, copylint.rules.model  # copylint's own dataclasses
    out["new"] = classcache._new
print(json.dumps(out))
"""


def _run(tmp: Path, install: bool = True, key: str = "cache-key") -> dict:
    env = dict(
        os.environ,
        COPYLINT_CACHE_DIR=str(tmp / "cache"),
        COPYLINT_CACHE_KEY=str(tmp / "state" / key),
        INSTALL="1" if install else "",
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _same(result: dict, plain: dict) -> None:
    assert {k: v for k, v in result.items() if k not in ("new", "deferred")} == {
        k: v for k, v in plain.items() if k != "deferred"
    }


def test_classes_from_the_cache_behave_as_plain_ones_and_compile_nothing(tmp_path):
    plain = _run(tmp_path, install=False)
    assert plain["eq"] == [True, True, True, True] and plain["frozen"] is True
    first = _run(tmp_path)
    assert first["new"] is True  # compiled and recorded
    assert (tmp_path / "cache" / CLASSES).is_file()
    second = _run(tmp_path)
    assert second["new"] is False  # every method's code came from the file
    # installed, dataclasses imports inspect only when a class without a docstring
    # needs one; then the real module, for it and for everyone else
    assert first["deferred"] is True and plain["deferred"] is False
    assert plain["doc"] == "Bare(name: str, size: int = 0)"
    assert plain["inspect"] == [True, True, True, "(name: str, size: int = 0) -> None"]
    _same(first, plain)
    _same(second, plain)


def test_a_damaged_file_is_ignored_and_rewritten(tmp_path):
    _run(tmp_path)
    path = tmp_path / "cache" / CLASSES
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte of the body changed: the MAC fails
    path.write_bytes(bytes(data))
    result = _run(tmp_path)
    assert result["new"] is True
    _same(result, _run(tmp_path, install=False))
    assert _run(tmp_path)["new"] is False  # the rewritten file is used again


def test_a_file_signed_with_another_key_is_not_used(tmp_path):
    _run(tmp_path, key="another-users-key")
    result = _run(tmp_path)
    assert result["new"] is True
    _same(result, _run(tmp_path, install=False))


def _cli_env(tmp: Path, key: str) -> dict[str, str]:
    """The environment of a command line run on this tree, its caches under ``tmp``."""
    env = dict(
        os.environ,
        COPYLINT_CACHE_DIR=str(tmp / "cache"),
        COPYLINT_CACHE_KEY=str(tmp / "state" / key),
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


@pytest.mark.parametrize("args", [["--no-cache"], []])
def test_the_command_line_reports_the_same_with_the_class_cache_warm(tmp_path, args):
    draft = tmp_path / "draft.md"
    draft.write_text("The comittee met on Tuesday. It's decision is expected soon.\n")
    env = _cli_env(tmp_path, "key")
    cmd = [sys.executable, "-m", "copylint", "check", *args, "--format", "json", str(draft)]
    runs = [subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp_path)]
    assert (tmp_path / "cache" / CLASSES).is_file()
    runs.append(subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp_path))
    assert [r.returncode for r in runs] == [1, 1]
    found = [json.loads(r.stdout)["findings"] for r in runs]
    assert found[0] == found[1]
    assert any(f["match"] == "comittee" for f in found[0])


def _foreign_code() -> bytes:
    """The marshalled code object of a function as another Python may lay it out: a
    slot this one reads as names holds a number (this Python's ``marshal`` then raises
    ``SystemError``, not one of the errors a damaged file gives)."""
    import marshal

    code = compile("def f(a):\n    return a.b\n", "<string>", "exec").co_consts[0]
    data = marshal.dumps(code)
    names = b")\x01\xda\x01b"  # the names slot: one short interned string, kept as a ref
    if data.count(names) != 1:  # pragma: no cover - another layout of marshal
        pytest.skip("this Python's marshal lays code objects out otherwise")
    # a number kept as a ref in its place, so that later refs still count alike
    return data.replace(names, b")\x01\xe9\x07\x00\x00\x00")


def test_a_file_another_python_wrote_is_ignored_without_a_traceback(tmp_path):
    # a cache folder shared by the copylint of two Pythons: the other one's file is
    # signed with this user's key, under its own header, and holds its code objects
    import hashlib
    import marshal

    _run(tmp_path)  # makes the key
    key = (tmp_path / "state" / "cache-key").read_bytes()
    code = _foreign_code()
    # ((1, "3.99", "cpython-399"), {"text": <code>}), written out by hand so that no
    # item before the code is kept as a ref (the code's own refs count from 0)
    header = b")\x03i\x01\x00\x00\x00z\x043.99z\x0bcpython-399"
    body = b")\x02" + header + b"{z\x04text" + code + b"0"
    with pytest.raises(SystemError):
        marshal.loads(body)
    path = tmp_path / "cache" / CLASSES
    foreign = hashlib.blake2b(body, digest_size=32, key=key).digest() + body
    path.write_bytes(foreign)
    draft = tmp_path / "draft.md"
    draft.write_text("The comittee met on Tuesday.\n")
    env = _cli_env(tmp_path, "cache-key")
    cmd = [sys.executable, "-m", "copylint", "check", "--no-cache", "--format", "json"]
    done = subprocess.run([*cmd, str(draft)], env=env, capture_output=True, text=True)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert any(f["match"] == "comittee" for f in json.loads(done.stdout)["findings"])
    # this Python's own file took its place, and is used
    assert path.read_bytes() != foreign
    _run(tmp_path)
    assert _run(tmp_path)["new"] is False
