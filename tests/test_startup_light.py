"""A run the results cache answers imports little: no ``dataclasses`` (findings and the
config are written-out classes that still behave as the dataclasses they were) and no
``tomllib`` for a config file of plain ``key = value`` lines (read by
``config.read_simple_toml`` exactly as ``tomllib`` reads it)."""

from __future__ import annotations

import dataclasses
import inspect
import json
import pickle
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import PYTHON, TYPOS, heavy_imports, subprocess_env
from copylint.config import Config, Override, load_config, read_simple_toml
from copylint.findings import Edit, Finding, Severity

DRAFT = "Teh mayor said the plan was recieved well.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "Typos.yml").write_text(TYPOS)
    (tmp_path / "copylint.toml").write_text(
        '# the desk\'s pack\npacks = ["desk"]\n\n[levels]\ndesk = "warning"  # louder\n'
    )
    (tmp_path / "a.md").write_text(DRAFT)
    (tmp_path / "b.md").write_text("Nothing wrong in this one.\n")
    return tmp_path


def test_a_run_the_cache_answers_imports_neither_dataclasses_nor_tomllib(project):
    first, _ = heavy_imports(project, ".")
    second, heavy = heavy_imports(project, ".")
    assert first.returncode == second.returncode == 1, first.stderr
    assert first.stdout == second.stdout
    assert json.loads(second.stdout)["summary"]["counts"]["warning"] == 2  # [levels] read
    assert heavy == ""
    # a draft changed since: checked again, and its new file written without tempfile
    (project / "b.md").write_text("Teh end.\n")
    third, heavy = heavy_imports(project, ".")
    assert json.loads(third.stdout)["summary"]["counts"]["warning"] == 3
    assert "tempfile" not in heavy.split(",")


def test_a_check_with_every_pack_imports_no_typing(tmp_path):
    """``typing`` is imported by none of the modules a check runs (their annotations are
    strings, ``TYPE_CHECKING`` a module constant): ~12 M instructions of every run."""
    (tmp_path / "copylint.toml").write_text('packs = ["spelling", "house", "promo"]\n')
    (tmp_path / "a.md").write_text(DRAFT + "\nSubscribe to our newsletter for the latest news!\n")
    (tmp_path / "b.md").write_text("Nothing wrong in this one.\n")
    # (a first run with the caches empty builds the rule set from its YAML, and PyYAML
    # imports typing: a run that does so pays for yaml itself far more)
    heavy_imports(tmp_path, "--no-cache", "-j", "1", ".")
    # (``-j 2``: the parent imports ``workers`` before it forks, and pays for what it
    # imports there alone, before the workers start)
    for args in (["--no-cache", "-j", "1", "."], ["--no-cache", "-j", "2", "."], ["."], ["a.md"]):
        r, heavy = heavy_imports(tmp_path, *args, heavy="typing")
        assert r.returncode == 1, r.stderr
        assert json.loads(r.stdout)["summary"]["counts"]["warning"] >= 1
        assert heavy == "", args


def test_a_check_imports_no_inspect(tmp_path):
    """``dataclasses`` imports ``inspect`` (with ``dis``, ``tokenize``, ``linecache``)
    only when it first uses it (``classcache._Deferred``), and replacing a field of a
    ``Config`` makes its dataclass twin with a docstring: no run imports it."""
    (tmp_path / "copylint.toml").write_text('packs = ["spelling", "house", "promo"]\n')
    (tmp_path / "a.md").write_text(DRAFT + "\nSubscribe to our newsletter for the latest news!\n")
    (tmp_path / "b.md").write_text("Nothing wrong in this one.\n")
    heavy_imports(tmp_path, "--no-cache", "-j", "1", ".")
    heavy_imports(tmp_path, ".")
    (tmp_path / "b.md").write_text("Nothing wrong in this one, recieved.\n")  # one changed
    for args in (["."], ["--no-cache", "-j", "1", "."], ["--no-cache", "a.md"]):
        r, heavy = heavy_imports(tmp_path, *args, heavy="inspect,dis,tokenize,linecache")
        assert r.returncode == 1, r.stderr
        assert json.loads(r.stdout)["summary"]["counts"]["warning"] >= 1
        assert heavy == "", args


def test_a_check_with_the_rule_set_kept_imports_no_ast(tmp_path):
    """A metric rule (house.ParagraphLength) keeps its formula as nested tuples
    (``metric._compile``), so that a rule set read back from the rule-set cache makes no
    ``ast`` node: no run that finds it kept imports ``ast`` (~1.5 ms before the fork)."""
    (tmp_path / "copylint.toml").write_text('packs = ["spelling", "house", "promo"]\n')
    (tmp_path / "a.md").write_text(DRAFT + "\nSubscribe to our newsletter for the latest news!\n")
    (tmp_path / "b.md").write_text("Nothing wrong in this one.\n")
    heavy_imports(tmp_path, "--no-cache", "-j", "1", ".")  # the rule set kept
    for args in (["--no-cache", "-j", "2", "."], ["--no-cache", "a.md"], ["."]):
        r, heavy = heavy_imports(tmp_path, *args, heavy="ast,_ast")
        assert r.returncode == 1, r.stderr
        assert json.loads(r.stdout)["summary"]["counts"]["warning"] >= 1
        assert heavy == "", args


def test_a_check_imports_no_ipaddress(tmp_path):
    """``urllib.parse`` (imported by ``pathlib``) imports ``ipaddress`` for the hosts in
    brackets of the URLs it splits: the command line imports ``pathlib`` with a
    stand-in for ``urllib.parse`` (``cli_core._import_pathlib``), so a check of drafts
    that need no markdown-it (which imports ``urllib.parse`` for its link normaliser)
    imports neither. The bare URL is masked by copylint's own pattern."""
    (tmp_path / "copylint.toml").write_text('packs = ["spelling", "house", "promo"]\n')
    (tmp_path / "a.md").write_text(DRAFT + "\nThe report is at https://[::1]:8080/r today.\n")
    (tmp_path / "b.md").write_text("Nothing wrong in this one.\n")
    heavy_imports(tmp_path, "--no-cache", "-j", "1", ".")
    for args in (["--no-cache", "-j", "2", "."], ["--no-cache", "a.md"], ["."]):
        r, heavy = heavy_imports(tmp_path, *args, heavy="ipaddress")
        assert r.returncode == 1, r.stderr
        assert heavy == "", args


def test_a_check_imports_the_c_pickler_alone(tmp_path):
    """The rule-set cache and the ``-j`` workers pickle with ``_pickle``, which
    ``pickle`` re-exports: no run imports the ``pickle`` module itself."""
    (tmp_path / "copylint.toml").write_text('packs = ["spelling", "house", "promo"]\n')
    for name in "abcd":
        (tmp_path / f"{name}.md").write_text(DRAFT)
    heavy_imports(tmp_path, "--no-cache", "-j", "1", ".")  # the rule set kept
    for args in (["--no-cache", "-j", "2", "."], ["--no-cache", "a.md"], ["."]):
        r, heavy = heavy_imports(tmp_path, *args, heavy="pickle,_pickle")
        assert r.returncode == 1, r.stderr
        paths = {Path(f["path"]).stem for f in json.loads(r.stdout)["findings"]}
        assert paths == ({"a"} if "a.md" in args else set("abcd")), args  # (from workers)
        assert heavy == "_pickle", args


def test_html_is_imported_only_for_a_character_reference(tmp_path):
    """``html`` (its entity table, ~8 M instructions) is imported by the markdown parser
    and the spelling rule only when a draft has a character reference to decode."""
    (tmp_path / "copylint.toml").write_text('packs = ["spelling", "house", "promo"]\n')
    (tmp_path / "a.md").write_text(DRAFT)
    r, heavy = heavy_imports(tmp_path, "--no-cache", "a.md", heavy="html")
    assert r.returncode == 1, r.stderr
    assert heavy == ""
    (tmp_path / "b.md").write_text("The caf&eacute; said it was recieved.\n")
    r, heavy = heavy_imports(tmp_path, "--no-cache", "b.md", heavy="html")
    assert r.returncode == 1, r.stderr
    assert heavy == "html"
    assert "caf&eacute;" not in r.stdout and "recieved" in r.stdout


def test_a_config_beyond_plain_lines_is_read_by_tomllib(project):
    (project / "copylint.toml").write_text(
        'packs = ["desk"]\nmax_file_mb = 2.5\n[levels]\n"desk.Typos" = "suggestion"\n'
    )
    r, heavy = heavy_imports(project, "a.md")
    assert "tomllib" in heavy.split(",")
    assert {f["severity"] for f in json.loads(r.stdout)["findings"]} == {"suggestion"}
    assert load_config(project / "copylint.toml").max_file_mb == 2.5


SIMPLE = [
    "",
    'packs = ["spelling", "house"]\n',
    "packs = 'house'\ndialect = \"en-GB\"  # our desk\n",
    '[levels]\nhouse = "off"\n[options]\noxford_comma = true\ncount = -3\n',
    "[tool.copylint]\npacks = [ 'a' , \"b\", ]\n[tool.other]\nx = 0\n",
    '[a.b]\nx = 1\n[a]\ny = [1, "two", false]\n',
    'k = "a tab\there, and ünïcode"\n\n# done\n',
]
NOT_SIMPLE = [
    'k = "an \\"escape\\""\n',
    "k = 1.5\n",
    "k = 1979-05-27\n",
    "k = {a = 1}\n",
    "a.b = 1\n",
    '"quoted" = 1\n',
    "[[overrides]]\nfiles = ['*.md']\n",
    "k = 1\nk = 2\n",
    "[a]\n[a]\n",
    "a = 1\n[a]\n",
    "k = [\n  1,\n]\n",
    "k = 01\n",
    "k = 1_000\n",
    "k = 1\r\n",
    'k = "x" "y"\n',
]


@pytest.mark.parametrize("text", SIMPLE)
def test_plain_lines_read_as_tomllib_reads_them(text):
    mine = read_simple_toml(text)
    assert mine is not None
    expected = tomllib.loads(text)
    assert mine == expected and repr(mine) == repr(expected)  # the same types too


@pytest.mark.parametrize("text", NOT_SIMPLE)
def test_anything_else_is_left_to_tomllib(text):
    assert read_simple_toml(text) is None


def test_findings_behave_as_the_dataclasses_they_were():
    fix = Edit(4, 7, "the")
    f = Finding("desk.Typos", Severity.ERROR, "Use 'the'.", 4, 7, 1, 5, 1, 8, "a.md", ("the",), fix)
    assert repr(fix) == "Edit(start=4, end=7, text='the', safe=True)"
    assert repr(f).startswith("Finding(rule='desk.Typos', severity=<Severity.ERROR: 3>,")
    assert repr(f).endswith("link='', match='', meta=(), confidence=None)")
    # meta and confidence take no part in equality or the hash
    same = dataclasses.replace(f, meta=(("a", "b"),), confidence=0.5)
    assert same == f and hash(same) == hash(f) and same.confidence == 0.5
    assert dataclasses.replace(f, start=5) != f
    assert dataclasses.astuple(fix) == (4, 7, "the", True)
    assert dataclasses.asdict(f)["fix"] == {"start": 4, "end": 7, "text": "the", "safe": True}
    assert [x.name for x in dataclasses.fields(Finding)][-2:] == ["meta", "confidence"]
    assert dataclasses.is_dataclass(f) and dataclasses.is_dataclass(Edit)
    for obj in (f, fix):
        back = pickle.loads(pickle.dumps(obj))
        assert back == obj and repr(back) == repr(obj)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.rule = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del fix.text  # type: ignore[misc]
    with pytest.raises(TypeError):
        Finding("desk.Typos", Severity.ERROR)  # type: ignore[call-arg]


def test_each_field_of_a_finding_or_edit_is_set_from_its_own_argument():
    """``__init__`` sets each slot through that slot's own setter (findings.py): every
    field, given by position or by keyword, holds its own argument."""
    fix = Edit(4, 7, "the", False)
    assert dataclasses.astuple(fix) == (4, 7, "the", False)
    assert Edit(text="x", safe=False, end=2, start=1) == Edit(1, 2, "x", False)
    values = {
        "rule": "desk.Typos",
        "severity": Severity.ERROR,
        "message": "message",
        "start": 4,
        "end": 7,
        "line": 1,
        "column": 5,
        "end_line": 2,
        "end_column": 8,
        "path": "a.md",
        "suggestions": ("the",),
        "fix": fix,
        "link": "https://example.com",
        "match": "teh",
        "meta": (("why", "because"),),
        "confidence": 0.5,
    }
    assert list(values) == [x.name for x in dataclasses.fields(Finding)]
    by_position = Finding(*values.values())
    by_keyword = Finding(**dict(reversed(values.items())))
    for f in (by_position, by_keyword):
        assert {name: getattr(f, name) for name in values} == values
    defaults = Finding("desk.Typos", Severity.ERROR, "message", 4, 7)
    assert (defaults.line, defaults.path, defaults.fix, defaults.meta) == (0, "<text>", None, ())


def test_the_config_behaves_as_the_dataclass_it_was(tmp_path):
    cfg = Config(root=tmp_path, packs="house", dialect="en_gb")
    assert cfg.packs == ("house",) and cfg.dialect == "en-GB"  # __post_init__ ran
    assert (
        Config(None, tmp_path) == Config(root=tmp_path) and Config().levels is not Config().levels
    )
    assert repr(Config(root=tmp_path)).startswith(f"Config(path=None, root={tmp_path!r}, packs=")
    other = dataclasses.replace(cfg, dialect="en-US")
    assert other.dialect == "en-US" and other.packs == ("house",) and other != cfg
    assert "rule_timeout" in [f.name for f in dataclasses.fields(Config)]
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        Config(colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Override()  # type: ignore[call-arg]
    ov = Override(("*.md",), dialect="en-GB")
    assert ov.levels == {} and ov == Override(globs=("*.md",), dialect="en-GB")
    assert (
        repr(ov) == "Override(globs=('*.md',), levels={}, dialect='en-GB', options={}, ignores=())"
    )
    with pytest.raises(TypeError):
        hash(cfg)
    # positional patterns, as a dataclass's __match_args__ allow
    match Override(("*.md",), {"house": None}, "en-GB"):
        case Override(globs, levels, dialect):
            assert (globs, levels, dialect) == (("*.md",), {"house": None}, "en-GB")
        case _:
            raise AssertionError("no match")
    assert Config.__match_args__[:3] == ("path", "root", "packs")
    # what inspect (help, editors) shows of the constructors, as of the dataclasses
    assert str(inspect.signature(Override)) == (
        "(globs: 'tuple[str, ...]', levels: 'dict[str, Severity | None]' = <factory>, "
        "dialect: 'str | None' = None, options: 'dict[str, Any]' = <factory>, "
        "ignores: 'tuple[str, ...]' = ()) -> None"
    )
    assert str(inspect.signature(Config)).startswith(
        "(path: 'str | None' = None, root: 'Path' = <factory>, packs: 'tuple[str, ...]' = ("
    )
    # copy.replace (Python 3.13) calls __replace__, which a dataclass has
    assert cfg.__replace__(dialect="en-AU") == dataclasses.replace(cfg, dialect="en-AU")
    fix = Edit(0, 3, "The")
    assert fix.__replace__(safe=False) == Edit(0, 3, "The", False)


def test_the_results_file_keeps_an_entry_a_line_and_rewrites_none_it_did_not_change(tmp_path):
    """Entries are lines of the (still JSON) results file: a run decodes only those it
    uses and writes the others back as they were; a line that is no entry is a miss
    for its key alone."""
    from copylint.cache import RESULTS, ResultCache
    from copylint.signing import _secret, _signed_body, signed_text

    found = [Finding("desk.Typos", Severity.ERROR, "Use 'the'.", 0, 3, 1, 1, 1, 4, "a.txt")]
    other = [dataclasses.replace(found[0], message="Use ‘received’.", start=4, end=12)]
    first = ResultCache(tmp_path, "fp")
    first.put("one", found)
    first.put("two", other)
    first.put("three", [])
    first.save()
    file = tmp_path / RESULTS
    body = _signed_body(file.read_text(), _secret(create=False))
    assert body is not None
    assert json.loads(body)["entries"]["two"][0][2] == "Use \u2018received\u2019."
    lines = body.split("\n")
    assert len(lines) == 5 and lines[2].startswith('"two": ')  # one entry a line
    second = ResultCache(tmp_path, "fp")
    assert second.get("two", "b.txt", 20) == [dataclasses.replace(other[0], path="b.txt")]
    second.put("four", found)
    second.save()
    again = _signed_body(file.read_text(), _secret(create=False))
    assert again is not None
    assert again.split("\n")[1:4] == [*lines[1:3], lines[3] + ","]  # as they were
    # a damaged line (signed by this user all the same): only its key misses
    key = _secret(create=False)
    assert key is not None
    file.write_text(signed_text(again.replace('"two": [[', '"two": [[[', 1), key))
    third = ResultCache(tmp_path, "fp")
    assert third.get("two", "b.txt", 20) is None
    assert third.get("one", "a.txt", 20) == found and third.get("three", "c.txt", 0) == []


def test_a_results_file_of_the_layout_before_entry_lines_is_read_and_rewritten(tmp_path):
    """A results file a copylint before bbbd9f9 wrote (one JSON object, entries first,
    on one line) is read as JSON: its entries hit, its notes stay, and the next save
    writes it an entry a line."""
    from copylint.cache import FORMAT, RESULTS, ResultCache, _encode
    from copylint.signing import _secret, _signed_body, signed_text

    found = Finding("desk.Typos", Severity.ERROR, "Use 'the'.", 0, 3, 1, 1, 1, 4, "a.txt")
    key = _secret(create=True)
    assert key is not None
    body = json.dumps({"format": FORMAT, "entries": {"one": [_encode(found)]}, "notes": {"n": []}})
    (tmp_path / RESULTS).write_text(signed_text(body, key))
    cache = ResultCache(tmp_path, "fp")
    assert cache.get("one", "a.txt", 10) == [found] and cache.notes == {"n": []}
    cache.put("two", [])
    cache.save()
    written = _signed_body((tmp_path / RESULTS).read_text(), key)
    assert written is not None and written.split("\n")[2] == '"two": []'
    again = ResultCache(tmp_path, "fp")
    assert again.get("one", "a.txt", 10) == [found] and again.get("two", "b.txt", 0) == []


def test_the_dataclasses_a_check_makes_have_docstrings():
    """``dataclass`` makes a docstring from ``inspect.signature`` for a class without
    one (0.1-0.3 ms each on every start): each class a check makes has its own."""
    import importlib

    for name in ("cli_workflow", "engine", "parsers.markdown", "rules.loader", "promo", "vale"):
        importlib.import_module(f"copylint.{name}")
    importlib.import_module("copylint.spelling.checker")
    made = [
        obj
        for name, module in list(sys.modules.items())
        if name.startswith("copylint")
        for obj in vars(module).values()
        if isinstance(obj, type)
        and obj.__module__ == name
        and "__dataclass_params__" in obj.__dict__
    ]
    assert len(made) >= 15
    computed = [c.__qualname__ for c in made if (c.__doc__ or "").startswith(c.__name__ + "(")]
    assert computed == []


def test_the_check_modules_patterns_come_from_the_program_cache(tmp_path):
    """The standard ``re`` patterns the rule-type, pattern and promo layout modules
    compile at import come from the pattern cache's programs (``compile_re``) once a
    run has kept them: ``re``'s parser no longer runs on them at every start."""
    script = (
        "import re, sys\n"
        "seen = []\n"
        "orig = re._compiler.compile\n"
        "re._compiler.compile = lambda p, flags=0: seen.append(p) or orig(p, flags)\n"
        "from copylint.promo import layout\n"
        "from copylint.rules import patterns\n"
        "from copylint.rules.types import _common, _core, _keyed, repetition\n"
        "mine = {layout._WORD_RE, layout._WIDE, layout._MARKER_START, patterns._REGEX_ONLY,\n"
        "        _core._UNSAFE, _core._REPEAT, _keyed._NOT_ALONE, _common._CLASS_ESCAPE,\n"
        "        repetition._REPEAT_SHAPE}\n"
        "assert all(type(p) is re.Pattern for p in mine)\n"
        "print(len({p.pattern for p in mine} & set(seen)))\n"
    )
    env = {**subprocess_env(), "COPYLINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run([PYTHON, "-c", script], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [r.stdout.strip() for r in runs] == ["9", "0"], runs[0].stderr + runs[1].stderr
