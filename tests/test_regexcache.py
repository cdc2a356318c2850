"""Patterns compiled from cached programs match as freshly compiled ones do, and a
damaged, foreign or other-version cache file is never used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROGRAMS

SRC = Path(__file__).resolve().parent.parent / "src"

#: patterns of the kinds copylint compiles: classes, properties, look-arounds,
#: named groups, case folding, V1 set operations
PATTERNS = [
    (r"(?i)\b(?P<word>colou?r|gr[ae]y)\b", "regex.I"),
    (r"(?<![\w'])'[^'\n]{2,40}'(?![\w'])", "0"),
    (r"\b\p{Lu}[\p{L}'’-]+", "regex.V1"),
    (r"[[\p{L}]--[aeiou]]+", "regex.V1"),
    (r"(?:https?://|www\.)\S+|£\d+", "regex.I | regex.S"),
]
#: patterns copylint compiles with the standard ``re`` (patterns.compile_pattern):
#: named groups, lookbehinds, case folding, a verbose one, bounded repeats
RE_PATTERNS = [
    (r"(?:(?P<_k0>\bcolou?r\b))|(?:(?P<_k1>\bgr[ae]y\b))", "re.I"),
    (r"(?<=\S) {2,3}(?=\S)|(?<![\w'])'[^'\n]{2,40}'", "0"),
    (r"(?x) \b (?: www\. | https?:// ) \S+  # a web address", "re.M | re.S"),
]
TEXT = "Colour and GREY: 'quoted words' at www.example.com cost £30; Ünïcode Straße, rhythm."

PROBE = f"""
import json, sys
import regex
from copylint import regexcache
out = []
for source, flags in {PATTERNS!r}:
    p = regexcache.compile(source, eval(flags))
    q = regex.compile(source, eval(flags), cache_pattern=False)
    out.append([
        [m.span() for m in p.finditer({TEXT!r})] == [m.span() for m in q.finditer({TEXT!r})],
        p.groupindex == q.groupindex and p.groups == q.groups and p.flags == q.flags,
        [m.span() for m in p.finditer({TEXT!r})],
    ])
import re
for source, flags in {RE_PATTERNS!r}:
    p = regexcache.compile_re(source, eval(flags))
    q = re.compile(source, eval(flags))
    out.append([
        [m.span() for m in p.finditer({TEXT!r})] == [m.span() for m in q.finditer({TEXT!r})],
        p.groupindex == q.groupindex and p.groups == q.groups and p.flags == q.flags
        and p.pattern == q.pattern and type(p) is type(q),
        [m.span() for m in p.finditer({TEXT!r})],
    ])
print(json.dumps({{"new": regexcache._new, "out": out}}))
"""


def _run(cache: Path, key: Path, probe: str = PROBE) -> dict:
    env = dict(os.environ, COPYLINT_CACHE_DIR=str(cache), COPYLINT_CACHE_KEY=str(key))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "cache", tmp_path / "state" / "cache-key"


def _assert_same(result: dict) -> None:
    assert all(same and shape for same, shape, _spans in result["out"])
    assert all(spans for _same, _shape, spans in result["out"])  # every pattern matched


def test_a_second_run_uses_the_cached_programs_and_matches_the_same(dirs):
    cache, key = dirs
    first = _run(cache, key)
    assert first["new"] is True  # compiled and recorded
    assert (cache / PROGRAMS).is_file()
    second = _run(cache, key)
    assert second["new"] is False  # every program came from the file
    _assert_same(first)
    _assert_same(second)
    assert first["out"] == second["out"]


def test_a_damaged_file_is_ignored_and_rewritten(dirs):
    cache, key = dirs
    _run(cache, key)
    path = cache / PROGRAMS
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte of the body changed: the MAC fails
    path.write_bytes(bytes(data))
    result = _run(cache, key)
    assert result["new"] is True
    _assert_same(result)
    assert _run(cache, key)["new"] is False  # the rewritten file is used again


def test_a_file_signed_with_another_users_key_is_not_used(dirs, tmp_path):
    cache, key = dirs
    _run(cache, tmp_path / "other" / "cache-key")
    result = _run(cache, key)
    assert result["new"] is True
    _assert_same(result)


def test_a_file_of_another_format_or_regex_build_is_not_used(dirs):
    cache, key = dirs
    _run(cache, key)
    env_probe = (
        "from copylint import regexcache as r; import marshal, hashlib;"
        "from copylint.signing import _secret;"
        "h, t, rt = marshal.loads(r._path().read_bytes()[32:]);"
        "body = marshal.dumps(((h[0], '0.0'), t, rt));"
        "k = _secret(False);"
        "r._path().write_bytes(hashlib.blake2b(body, digest_size=32, key=k).digest() + body)"
    )
    env = dict(os.environ, COPYLINT_CACHE_DIR=str(cache), COPYLINT_CACHE_KEY=str(key))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    subprocess.run([sys.executable, "-c", env_probe], env=env, check=True)
    result = _run(cache, key)
    assert result["new"] is True  # rightly signed, but not this regex's programs
    _assert_same(result)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anyway")
def test_a_read_only_cache_folder_is_no_error(dirs):
    cache, key = dirs
    cache.mkdir(parents=True)
    cache.chmod(0o500)
    try:
        _assert_same(_run(cache, key))
        assert not (cache / PROGRAMS).exists()
    finally:
        cache.chmod(0o700)


def test_a_cache_folder_that_is_a_file_is_no_error(dirs):
    cache, key = dirs
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text("not a folder")
    _assert_same(_run(cache, key))
    assert cache.read_text() == "not a folder"


#: patterns the standard ``re`` refuses (``patterns.compile_pattern`` hands them to
#: ``regex``): a Unicode property, a lookbehind of varying width
REFUSED = [r"\b\p{Lu}\w+", r"(?<=\bsaid|\bwrote) [a-z]+"]
REFUSED_PROBE = f"""
import json, re
from copylint import regexcache
from copylint.rules.patterns import compile_pattern
parse = re._parser.parse
parsed = []
def counted(source, *args, **kwargs):
    if source in {REFUSED!r}:  # (not the patterns of a module imported meanwhile)
        parsed.append(source)
    return parse(source, *args, **kwargs)
out = []
for source in {REFUSED!r}:
    try:
        re.compile(source)
    except re.error as exc:
        expected = str(exc)
    re._parser.parse = counted
    try:
        regexcache.compile_re(source)
        out.append(["compiled"])
    except re.error as exc:
        found = compile_pattern(source, 0, cached=True)
        out.append([str(exc) == expected, type(found).__module__,
                    [m.span() for m in found.finditer("Ada said hello, Bo wrote back")]])
    finally:
        re._parser.parse = parse
print(json.dumps({{"new": regexcache._new, "out": out, "parsed": len(parsed)}}))
"""


def test_a_pattern_re_refuses_is_refused_again_from_the_file(dirs):
    cache, key = dirs
    first = _run(cache, key, REFUSED_PROBE)
    assert first["new"] is True  # the refusals were recorded
    assert first["parsed"] == 2  # ``re`` parsed each pattern to find it refuses it
    second = _run(cache, key, REFUSED_PROBE)
    assert second["new"] is False  # and read back: nothing new to record
    assert second["parsed"] == 0  # refused again from the file, without parsing
    for result in (first, second):
        # the same re.error as ``re`` gives, and the pattern still compiles with regex
        assert [o[:2] for o in result["out"]] == [[True, "_regex"], [True, "_regex"]]
    assert first["out"] == second["out"]
    assert first["out"][0][2] == [[0, 3], [16, 18]]
    assert first["out"][1][2] == [[8, 14], [24, 29]]


#: compiles the first of PATTERNS and one pattern of its own, then says which
#: programs it read from the file and which it compiled afresh
PARTIAL_PROBE = f"""
import json
import regex
from copylint import regexcache
source, flags = {PATTERNS!r}[0]
regexcache.compile(source, eval(flags))
regexcache.compile(r"\\bqu[ae]ll\\w*", regex.I)
table = regexcache._programs
print(json.dumps({{"new": regexcache._new,
                   "unread": sum(type(v) is bytes for v in table.values()),
                   "entries": len(table)}}))
"""


def test_programs_a_run_does_not_use_are_not_read_and_stay_in_the_file(dirs):
    cache, key = dirs
    _run(cache, key)  # the five patterns of PATTERNS (and RE_PATTERNS) recorded
    partial = _run(cache, key, PARTIAL_PROBE)
    assert partial["new"] is True  # its own pattern was new: the file is written again
    assert partial["entries"] == 6
    assert partial["unread"] == 4  # the other four of PATTERNS were never read
    again = _run(cache, key)
    assert again["new"] is False  # all of them still in the file after that save
    _assert_same(again)
    assert _run(cache, key, PARTIAL_PROBE) == {"new": False, "unread": 4, "entries": 6}
