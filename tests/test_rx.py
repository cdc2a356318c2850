"""``copylint.rx``: a check whose patterns all come from the program cache loads only
``regex``'s C engine (not ``regex._main`` and ``regex._regex_core``, the module's
parser and compiler in Python); ``regex`` itself is imported where a pattern must be
compiled, and its patterns, flags, version and errors are the ones ``rx`` stands in
for."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from conftest import PYTHON, subprocess_env
from copylint import regexcache, rx

#: the modules of ``regex`` in Python that a run served by the program cache skips
HEAVY = ("regex", "regex._main", "regex._regex_core")

DRAFTS = {
    "a.md": "Teh mayor said the plan was recieved well.\n\nSubscribe to our newsletter!\n",
    "b.md": '---\ntitle: "A caf\\u00e9 story"\n---\n\nThe council\'s 3 year plan.\n',
    "c.txt": "Its been a long day , the the editor said.\n\n# copylint: disable house\n",
    "d.html": "<p>An <b>acomodation</b> near the\nriver. Follow us on Twitter!</p>\n",
}

#: a check, then which of HEAVY it imported (on stderr)
SCRIPT = (
    "import sys\n"
    "if sys.argv.pop(1) == 'regex':\n"
    "    import regex  # the slow path: regex whole, as before rx\n"
    "from copylint.cli_core import main\n"
    "code = main(sys.argv[1:])\n"
    f"sys.stderr.write('HEAVY ' + ','.join(m for m in {HEAVY!r} if m in sys.modules) + '\\n')\n"
    "sys.exit(code)\n"
)


def _check(project: Path, cache: Path, first: str, *args: str) -> tuple[str, str]:
    env = {**subprocess_env(), "COPYLINT_CACHE_DIR": str(cache)}
    r = subprocess.run(
        [PYTHON, "-c", SCRIPT, first, "check", "--format", "json", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1, r.stderr
    heavy = [x for x in r.stderr.splitlines() if x.startswith("HEAVY ")][-1][len("HEAVY ") :]
    return r.stdout, heavy


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "copylint.toml").write_text('packs = ["spelling", "house", "promo"]\n')
    for name, text in DRAFTS.items():
        (root / name).write_text(text)
    return root


def test_a_check_the_program_cache_serves_loads_only_the_engine(project, tmp_path):
    cache = tmp_path / "cache"
    # cache misses: the patterns are compiled by regex (imported), and kept (a run
    # that builds the rule set from its files compiles some outside the program
    # cache, which the next run then compiles into it)
    for _ in range(2):
        missed, heavy = _check(project, cache, "-", "--no-cache", "-j", "1", ".")
        assert "regex._regex_core" in heavy.split(",")
        assert len(json.loads(missed)["findings"]) >= 6
    runs = [
        ["--no-cache", "-j", "1", "."],  # all packs, every format, in process
        ["--no-cache", "a.md"],  # one short file, cold
        ["."],  # the results cache: a run that fills it, then one it answers
        ["."],
    ]
    for args in runs:
        fast, heavy = _check(project, cache, "-", *args)
        assert heavy == "", args
        # the same report as with regex whole (and its own parser) loaded first
        slow, heavy = _check(project, cache, "regex", *args)
        assert heavy == ",".join(HEAVY)
        assert fast == slow, args
        if args[0] == "--no-cache" and args[-1] == ".":
            assert fast == missed
    # one draft changed since: checked again, from the programs alone
    (project / "a.md").write_text(DRAFTS["a.md"] + "\nIt was recieved again.\n")
    changed, heavy = _check(project, cache, "-", ".")
    assert heavy == ""
    assert changed.count("recieved") > missed.count("recieved")


def test_a_folder_run_with_workers_loads_only_the_engine_before_the_fork(project, tmp_path):
    cache = tmp_path / "cache"
    for i in range(40):  # enough files for the default -j to take two processes too
        (project / f"more{i}.md").write_text(f"Story {i} was recieved by teh desk.\n")
    # filled in process: a forked worker saves no program, so programs that only a
    # worker compiled in a -j 2 run would be compiled afresh by whichever process
    # meets them next (the parent too, importing regex whole)
    for _ in range(2):
        _check(project, cache, "-", "--no-cache", "-j", "1", ".")
    fast, heavy = _check(project, cache, "-", "--no-cache", "-j", "2", ".")
    assert heavy == ""
    slow, _ = _check(project, cache, "regex", "--no-cache", "-j", "2", ".")
    assert fast == slow


#: run in a process of its own: the engine alone, then regex imported after it
ALONE = """
import json, sys
from copylint import regexcache, rx
out = {}
header = regexcache._header()
p = regexcache.compile(r"(?P<w>\\p{Lu}\\w+) (said|wrote)", rx.V1)
out["before"] = [m for m in ("regex", "regex._main", "regex._regex_core") if m in sys.modules]
out["spans"] = [m.span() for m in p.finditer("Ada said it, Bo wrote back")]
out["pattern"] = rx.is_pattern(p) and not rx.is_pattern(p.match("Ada said"))
import regex
out["same_engine"] = regex._main._regex is rx.engine and type(p) is regex.Pattern
out["header"] = header == (
    regexcache.FORMAT, regex.__version__, regex._main._regex.MAGIC,
    regex._main._regex.CODE_SIZE, int(regex._main.DEFAULT_VERSION), sys.version,
    regexcache._re_header(),
)
rx.whole()
out["bound"] = regex._regex is rx.engine  # the attribute an import of the package binds
q = regex.compile(r"(?P<w>\\p{Lu}\\w+) (said|wrote)", regex.V1)
out["same"] = [m.span() for m in q.finditer("Ada said it, Bo wrote back")] == out["spans"]
print(json.dumps(out))
"""

#: a template and an error the engine hands to regex's Python code on its own
TEMPLATE = """
import json, sys
from copylint import regexcache, rx
p = regexcache.compile(r"(\\w+) (\\w+)")
out = {"loaded": "regex._main" in sys.modules}
out["sub"] = p.sub(r"\\2 \\1", "one two")
try:
    p.sub(r"\\9", "one two")
    out["error"] = "none"
except rx.error as exc:
    out["error"] = type(exc).__module__
print(json.dumps(out))
"""


def _probe(script: str, cache: Path) -> dict:
    env = {**subprocess_env(), "COPYLINT_CACHE_DIR": str(cache)}
    r = subprocess.run([PYTHON, "-c", script], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_the_engine_alone_then_regex_imported_after_it(tmp_path):
    cache = tmp_path / "cache"
    first = _probe(ALONE, cache)  # compiled by regex (a miss), its program kept
    second = _probe(ALONE, cache)  # from the program: regex imported only after
    assert first["before"] == list(HEAVY) and second["before"] == []
    for out in (first, second):
        assert out["spans"] == [[0, 8], [13, 21]]
        assert out["pattern"] and out["same_engine"] and out["header"] and out["same"]
        assert out["bound"]
    third = _probe(TEMPLATE, cache)
    fourth = _probe(TEMPLATE, cache)
    assert fourth["loaded"] is False  # the pattern from its program...
    for out in (third, fourth):  # ...and regex's own code reached from the engine
        assert out["sub"] == "two one"
        assert out["error"] == "regex._regex_core"


def test_the_flags_are_regex_flags():
    names = set(regex.RegexFlag.__members__)
    assert names == set(rx.FLAGS)
    for name in rx.FLAGS:
        value = getattr(rx, name)
        assert type(value) is int and value == int(getattr(regex, name)), name


def test_version_and_default_version_are_regex_own():
    assert rx.version() == regex.__version__
    assert rx._read_version() == regex.__version__  # as read without the module
    assert rx.default_version() == int(regex.DEFAULT_VERSION) == rx.V0


def test_is_pattern_is_isinstance_of_regex_pattern():
    objs = [
        regex.compile(r"\w+"),
        regexcache.compile(r"\p{L}+", rx.V1),
        re.compile(r"\w+"),
        regex.compile("a").match("a"),
        "a",
        None,
        regex.Pattern,
    ]
    assert [rx.is_pattern(o) for o in objs] == [isinstance(o, regex.Pattern) for o in objs]


def test_the_rest_is_regex_own():
    assert rx.engine is sys.modules["regex._regex"] is regex._main._regex
    assert rx.compile is regex.compile and rx.escape is regex.escape and rx.error is regex.error
    with pytest.raises(AttributeError):
        rx.__wrapped__  # noqa: B018 - no dunder is looked up in regex
