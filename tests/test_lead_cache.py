"""The answers of ``_core.lead_of`` (what ``lead_scan`` reads of a pattern that opens on
an assertion), kept in a signed file of the pattern cache folder by the processes
that work them out, and read back by later runs."""

from __future__ import annotations

import json
import marshal
import re
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHON, subprocess_env
from copylint import signing
from copylint.rules.patterns import LazyPattern
from copylint.rules.types import _core


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch) -> Path:
    """A cache folder and key of the test's own, and ``lead_of`` knowing nothing."""
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COPYLINT_CACHE_KEY", str(tmp_path / "state" / "key"))
    forget(monkeypatch)
    return tmp_path


def forget(monkeypatch) -> None:
    monkeypatch.setattr(_core, "_LEADS", {})
    monkeypatch.setattr(_core, "_LEARNED", {})
    monkeypatch.setattr(_core, "_leads_loaded", False)
    monkeypatch.setattr(_core, "_SCANS", {})


def leading(rules) -> list[LazyPattern]:
    """The patterns of ``rules`` and their keys that ``lead_scan`` may be asked about."""
    out: dict[tuple[str, int], LazyPattern] = {}

    def add(p) -> None:
        if (
            isinstance(p, LazyPattern)
            and not p.timed
            and not p.flags & re.VERBOSE
            and _core._opens_on_assertion(p.source)
        ):
            out.setdefault((p.source, p.flags), p)

    for rule in rules:
        for value in vars(rule).values():
            for item in value if isinstance(value, list) else (value,):
                add(item if isinstance(item, LazyPattern) else getattr(item, "pattern", None))
                for b in getattr(item, "branches", None) or ():
                    add(b)
    return list(out.values())


@pytest.fixture(scope="module")
def default_patterns() -> list[LazyPattern]:
    from copylint.config import load_config
    from copylint.engine import Linter

    return leading(Linter(load_config(None)).ruleset.rules)


def _scan_shape(scan) -> tuple | None:
    if scan is None:
        return None
    return type(scan.core), scan.core.pattern, scan.core.flags


def test_kept_answers_are_those_worked_out_afresh(fresh, monkeypatch, default_patterns):
    """Every answer a process works out is saved, read back as it was, and the lead
    scans made from kept answers (both engines) are those made from fresh ones."""
    patterns = default_patterns
    assert len(patterns) > 500
    worked = {(p.source, p.flags): _core.lead_of(p.source, p.flags) for p in patterns}
    assert sum(v is not None and v[1] for v in worked.values()) > 50
    assert sum(v is not None and not v[1] and v[2] >= 3 for v in worked.values()) > 5
    _core.save_leads()
    assert _core._LEARNED == {}
    forget(monkeypatch)
    kept = _core._read_leads_file()
    assert kept == worked
    for (source, flags), answer in kept.items():
        assert answer == _core._read_lead(source, flags), source
    # (each by the engine that compiles it, as searched in every document or not)
    some = patterns[::7]
    scans = {}
    for p in some:
        scans[p.source, p.flags] = [
            _scan_shape(_core.lead_scan(p.compiled, p.source, p.flags, every))
            for every in (False, True)
        ]
    assert _core._LEARNED == {}  # (all read back)
    regex_scans = [s[1] for s in scans.values() if s[1] and s[1][0] is not re.Pattern]
    assert any(s[0] for s in scans.values()) and regex_scans
    forget(monkeypatch)
    monkeypatch.setattr(_core, "_leads_loaded", True)  # (nothing read back)
    for p in some:
        assert scans[p.source, p.flags] == [
            _scan_shape(_core.lead_scan(p.compiled, p.source, p.flags, every))
            for every in (False, True)
        ], p.source
    assert 0 < len(_core._LEARNED) <= len(some)


SOURCE = r"(?<![\w-])(?:(?P<_k0>very unique))(?![\w-])"
#: an answer no pattern has: taken from the file, it would show
WRONG = ("zzz", True, 99)


def _signed(body_value, key: bytes | None = None) -> bytes:
    body = marshal.dumps(body_value)
    return signing.mac_bytes(key or signing._secret(create=True), body) + body


def _write(data: bytes) -> None:
    path = _core._leads_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _answer(monkeypatch):
    forget(monkeypatch)
    return _core.lead_of(SOURCE, 0)


def test_a_signed_file_is_read_back(fresh, monkeypatch):
    """(The file the cases below damage: as written, its answer is taken.)"""
    _write(_signed((_core._leads_header(), {(SOURCE, 0): WRONG})))
    assert _answer(monkeypatch) == WRONG
    assert _core._LEARNED == {}


@pytest.mark.parametrize(
    "damage",
    [
        "flipped",
        "cut",
        "other key",
        "other code",
        "other format",
        "not a table",
        "not marshal",
        *[f"shape {i}" for i in range(8)],
    ],
)
def test_a_damaged_or_foreign_leads_file_is_ignored(fresh, monkeypatch, damage):
    header = _core._leads_header()
    table = {(SOURCE, 0): WRONG}
    shapes = [
        {(SOURCE, 0): ("zzz", 1, 99)},
        {(SOURCE, 0): ("zzz", True, 99.0)},
        {(SOURCE, 0): ("zzz", True)},
        {(SOURCE, 0): [b"zzz", True, 99]},
        {(SOURCE, 0): (b"zzz", True, 99)},
        {(SOURCE, "0"): WRONG},
        {(SOURCE,): WRONG},
        {SOURCE: WRONG},
    ]
    if damage == "flipped":
        data = bytearray(_signed((header, table)))
        data[-3] ^= 1
        data = bytes(data)
    elif damage == "cut":
        data = _signed((header, table))[:-5]
    elif damage == "other key":
        data = _signed((header, table), key=b"k" * 32)
    elif damage == "other code":
        data = _signed(((header[0], "0" * 64, header[2]), table))
    elif damage == "other format":
        data = _signed(((header[0] + 1, *header[1:]), table))
    elif damage == "not a table":
        data = _signed((header, list(table.items())))
    elif damage == "not marshal":
        body = b"\xff\x00 not marshal"
        data = signing.mac_bytes(signing._secret(create=True), body) + body
    else:
        data = _signed((header, shapes[int(damage.split()[1])]))
    _write(data)
    assert _answer(monkeypatch) == _core._read_lead(SOURCE, 0) != WRONG
    assert (SOURCE, 0) in _core._LEARNED
    # and the next save puts a sound file in its place
    _core.save_leads()
    forget(monkeypatch)
    assert _core._read_leads_file() == {(SOURCE, 0): _core._read_lead(SOURCE, 0)}


def test_a_file_that_is_no_regular_file_is_not_read(fresh, monkeypatch):
    path = _core._leads_path()
    path.parent.mkdir(parents=True)
    target = fresh / "elsewhere"
    target.write_bytes(_signed((_core._leads_header(), {(SOURCE, 0): WRONG})))
    path.symlink_to(target)
    assert _answer(monkeypatch) == _core._read_lead(SOURCE, 0)


DRAFTS = [
    "It happened on Mar. 3 at 4 pm, from 3 to 5 of them.\n",
    "A very unique idea: we stick to it, and keep on keeping on.\n",
    "The NASA and ESA teams met the UN (United Nations) at 10 am this morning.\n",
    "She said it was the most unique of the female doctors' ideas in order to help.\n",
]


def test_forked_workers_save_what_they_learn_and_later_runs_find_the_same(tmp_path):
    """A ``-j 2`` run: its workers (which leave by ``os._exit``) save what their lead
    scans worked out; the next run reads it back, works out nothing, and finds the
    same."""
    env = subprocess_env()
    env["COPYLINT_CACHE_DIR"] = str(tmp_path / "cache")
    env["COPYLINT_CACHE_KEY"] = str(tmp_path / "state" / "key")
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(8):
        (docs / f"d{i}.md").write_text(DRAFTS[i % 4] * (i + 1))

    def run() -> list:
        r = subprocess.run(
            [PYTHON, "-m", "copylint", "check", "--no-cache", "--format", "json", "-j", "2", "."],
            cwd=docs,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert r.returncode in (0, 1), r.stderr
        return json.loads(r.stdout)["findings"]

    first = run()
    assert first
    path = tmp_path / "cache" / f"leads.{signing.python_tag()}.bin"
    written = path.read_bytes()
    key = (tmp_path / "state" / "key").read_bytes()
    header, table = marshal.loads(signing.binary_body(written, key))
    assert header[0] == _core.LEADS_FORMAT and len(table) >= 10
    for (source, flags), answer in table.items():
        assert answer == _core._read_lead(source, flags), source
    assert run() == first
    assert path.read_bytes() == written  # (nothing new learned: not written again)
