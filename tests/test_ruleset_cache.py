"""The rule-set cache (rules/setcache.py): a second load of the same packs is read
back and finds the same; an edited rule file, pack file, word list or config misses;
a damaged, foreign or hostile entry is never used. Real CLI, real files, own packs."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import subprocess
import time
from pathlib import Path

import pytest

from conftest import PYTHON, subprocess_env
from copylint.rules import setcache

SWAP = """\
extends: substitution
message: "Write '%s', not '%s'."
level: error
swap:
  kerbside: curbside
  in order to: to
"""
WORDY = """\
extends: existence
message: "Cut '%s'."
level: warning
tokens: [at this point in time, utilise]
"""
DRAFT = "The kerbside bins go out at this point in time in order to help.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COPYLINT_CACHE_KEY", str(tmp_path / "state" / "key"))
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "Swap.yml").write_text(SWAP)
    (desk / "Wordy.yml").write_text(WORDY)
    (tmp_path / "copylint.toml").write_text('packs = ["desk"]\n')
    (tmp_path / "draft.txt").write_text(DRAFT)
    return tmp_path


def entries(project: Path) -> list[Path]:
    folder = project / "cache" / setcache.FOLDER
    return sorted(folder.glob("*.bin")) if folder.is_dir() else []


def check(run, part: str = "message") -> tuple[list[str], dict[str, int]]:
    """The messages (or another ``part``) of the findings of a ``check`` of the draft,
    and what the rule-set cache did."""
    before = dict(setcache.stats)
    r = run("check", "--no-cache", "--format", "json", "draft.txt")
    assert r.exit_code in (0, 1), r.output
    did = {k: setcache.stats[k] - before[k] for k in before}
    return [f[part] for f in json.loads(r.stdout)["findings"]], did


EXPECTED = [
    "Write 'curbside', not 'kerbside'.",
    "Cut 'at this point in time'.",
    "Write 'to', not 'in order to'.",
]


def test_a_second_load_is_read_back_and_finds_the_same(project, run):
    first, did = check(run)
    assert first == EXPECTED
    assert did == {"hits": 0, "misses": 1, "stored": 1}
    assert len(entries(project)) == 1
    again, did = check(run)
    assert again == EXPECTED
    assert did == {"hits": 1, "misses": 0, "stored": 0}


def test_an_edited_rule_file_misses(project, run):
    check(run)
    (project / "desk" / "Swap.yml").write_text(SWAP.replace("kerbside: curbside", "bins: boxes"))
    found, did = check(run)
    assert did["misses"] == 1
    assert "Write 'boxes', not 'bins'." in found
    assert "Write 'curbside', not 'kerbside'." not in found


def test_a_new_rule_file_and_an_edited_pack_file_miss(project, run):
    check(run)
    (project / "desk" / "Help.yml").write_text(
        'extends: existence\nmessage: "Vague: %s."\nlevel: warning\ntokens: [to help]\n'
        "when: {strict: true}\n"
    )
    (project / "desk" / "pack.yml").write_text("options:\n  strict: false\n")
    found, did = check(run)
    assert did["misses"] == 1 and found == EXPECTED  # the new rule is off by default
    (project / "desk" / "pack.yml").write_text("options:\n  strict: true\n")
    found, did = check(run)
    assert did["misses"] == 1 and "Vague: to help." in found


def test_a_config_naming_other_packs_misses(project, run):
    check(run)
    more = project / "more"
    more.mkdir()
    (more / "Bins.yml").write_text(
        'extends: existence\nmessage: "Which bins?"\nlevel: warning\ntokens: [bins]\n'
    )
    (project / "copylint.toml").write_text('packs = ["desk", "more"]\n')
    found, did = check(run)
    assert did["misses"] == 1 and found == [EXPECTED[0], "Which bins?", *EXPECTED[1:]]
    # and the first config's entry is still there for it
    (project / "copylint.toml").write_text('packs = ["desk"]\n')
    found, did = check(run)
    assert did["hits"] == 1 and found == EXPECTED


def test_a_changed_word_list_misses(project, run):
    """Files a rule reads besides its own (a spelling rule's ``ignore`` list) are
    checked on every hit: an edited one, or one now found first, misses."""
    (project / "desk" / "Spell.yml").write_text(
        "extends: spelling\nmessage: \"Check '%s'.\"\nlevel: error\nignore: words.txt\n"
    )
    (project / "words.txt").write_text("zorblax\n")
    (project / "draft.txt").write_text("The zorblax and the quuxer met.\n")
    assert check(run, "match")[0] == ["quuxer"]
    assert check(run)[1]["hits"] == 1
    (project / "words.txt").write_text("zorblax\nquuxer\n")
    found, did = check(run, "match")
    assert found == [] and did["misses"] == 1
    (project / "desk" / "words.txt").write_text("quuxer\n")  # beside the rule: found first
    found, did = check(run, "match")
    assert found == ["zorblax"] and did["misses"] == 1


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_damaged_entry_is_ignored_and_rebuilt(project, run):
    check(run)
    (entry,) = entries(project)
    _flip_a_byte(entry)
    found, did = check(run)
    assert found == EXPECTED and did == {"hits": 0, "misses": 1, "stored": 1}
    assert check(run)[1]["hits"] == 1  # the rebuilt entry is used again


@pytest.mark.parametrize("content", [b"", b"short", b"\0" * 64, b"x" * 100_000])
def test_an_entry_of_any_other_bytes_is_a_miss(project, run, content):
    check(run)
    (entry,) = entries(project)
    entry.write_bytes(content)
    found, did = check(run)
    assert found == EXPECTED and did["misses"] == 1


def test_an_entry_signed_with_another_key_is_not_used(project, run, monkeypatch, tmp_path):
    monkeypatch.setenv("COPYLINT_CACHE_KEY", str(tmp_path / "other" / "key"))
    check(run)
    monkeypatch.setenv("COPYLINT_CACHE_KEY", str(tmp_path / "state" / "key"))
    found, did = check(run)
    assert found == EXPECTED and did == {"hits": 0, "misses": 1, "stored": 1}


class _Plant:
    """Unpickled, would create ``path``: what a forged entry could do if read freely."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def _sign(entry: Path, body: bytes) -> None:
    from copylint.signing import _secret

    key = _secret(create=False)
    assert key is not None
    entry.write_bytes(hashlib.blake2b(body, digest_size=32, key=key).digest() + body)


def _global_call(module: str, name: str, arg: str) -> bytes:
    """A pickle that calls ``module.name(arg)`` (protocol 4 names may be dotted)."""

    def text(s: str) -> bytes:
        data = s.encode()
        return b"\x8c" + bytes([len(data)]) + data  # SHORT_BINUNICODE

    # STACK_GLOBAL, TUPLE1, REDUCE, STOP
    return b"\x80\x04" + text(module) + text(name) + b"\x93" + text(arg) + b"\x85R."


def test_a_signed_entry_is_made_only_of_a_rule_set_s_objects(project, run, tmp_path):
    """Even rightly signed, an entry holding anything but a rule set's objects is a
    miss, and what it holds is never made."""
    check(run)
    (entry,) = entries(project)
    key = entry.stem
    planted = tmp_path / "planted"
    for body in (
        pickle.dumps((setcache.FORMAT, key, [], [], _Plant(str(planted)), {})),
        pickle.dumps(_Plant(str(planted))),
        pickle.dumps((setcache.FORMAT, key, [], [], {"not": "a rule set"}, {})),
        pickle.dumps((setcache.FORMAT, "another key", [], [], None, {})),
        _global_call("copylint.rules.setcache", "os.mkdir", str(planted)),
        _global_call("pathlib", "os.mkdir", str(planted)),
        _global_call("copylint.rules.loader", "load_packs", str(planted)),
    ):
        _sign(entry, body)
        found, did = check(run)
        assert found == EXPECTED and did["misses"] == 1
        assert not planted.exists()


def test_an_entry_of_another_layout_is_not_used(project, run, monkeypatch):
    check(run)
    monkeypatch.setattr(setcache, "FORMAT", setcache.FORMAT + 1)
    found, did = check(run)
    assert found == EXPECTED and did["misses"] == 1


def test_the_warnings_of_a_vale_style_are_given_on_a_hit(project, run):
    styles = project / "styles" / "Desk"
    styles.mkdir(parents=True)
    (styles / "Wordy.yml").write_text(WORDY + "swap_me: true\n")
    (project / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = Desk\n")
    (project / "copylint.toml").unlink()
    for expected in ({"misses": 1}, {"hits": 1}):
        before = dict(setcache.stats)
        r = run("check", "--no-cache", "--format", "vale-json", "draft.txt")
        assert "'swap_me'" in r.stderr and "Wordy.yml" in r.stderr
        assert "Desk.Wordy" in r.stdout
        assert {k: setcache.stats[k] - before[k] for k in expected} == expected


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_time(project, run):
    (project / "cache").write_text("a file where the cache folder goes")
    for _ in range(2):
        found, did = check(run)
        assert found == EXPECTED and did == {"hits": 0, "misses": 1, "stored": 0}


def test_the_folder_keeps_the_entries_used_last(project, run, monkeypatch):
    monkeypatch.setattr(setcache, "MAX_FILES", 2)
    configs = ['packs = ["desk"]\n', 'packs = ["desk", "spelling"]\n', 'packs = ["spelling"]\n']
    for text in configs:
        (project / "copylint.toml").write_text(text)
        check(run)
    assert len(entries(project)) == 2
    (project / "copylint.toml").write_text(configs[-1])
    assert check(run)[1]["hits"] == 1  # the newest is kept
    (project / "copylint.toml").write_text(configs[0])
    assert check(run)[1]["misses"] == 1  # the oldest went


def test_a_kept_promo_pack_finds_what_a_fresh_load_does(project, run):
    """The promo rules hold standard-library patterns of their word lists: kept as
    their sources, compiled again when read back (from the program cache)."""
    (project / "copylint.toml").write_text('packs = ["promo"]\n')
    (project / "draft.txt").write_text(
        "The council voted on Tuesday to close the old depot by spring.\n\n"
        "Sign up for our free weekly newsletter to get the best stories in your inbox.\n\n"
        "Follow us on Facebook and Twitter for more updates.\n"
    )
    first, did = check(run, "rule")
    assert first == ["promo.Newsletter", "promo.Social"] and did["stored"] == 1
    again, did = check(run, "rule")
    assert again == first and did["hits"] == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
@pytest.mark.parametrize("kind", ["fifo", "folder", "link"])
def test_an_entry_that_is_no_regular_file_is_not_read(project, run, tmp_path, kind):
    """A FIFO (would block), a folder, or a link (to a file that is not the cache's)
    where an entry goes: a miss, and no run hangs or fails."""
    check(run)
    (entry,) = entries(project)
    good = entry.read_bytes()
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "folder":
        entry.mkdir()
    else:
        (tmp_path / "elsewhere.bin").write_bytes(good)
        entry.symlink_to(tmp_path / "elsewhere.bin")
    for _ in range(2):
        found, did = check(run)
        assert found == EXPECTED and did["hits"] == 0
        if kind != "folder":
            break  # the entry was written over the FIFO or the link
    if kind != "folder":
        assert entry.is_file() and not entry.is_symlink()
        assert check(run)[1]["hits"] == 1


def test_a_signed_entry_naming_the_command_line_module_does_not_run_it(project, run):
    """Naming ``copylint.__main__`` imports it, and importing it runs the command line
    (its exit escaping the load): an entry may name only the modules a rule set is
    built of."""
    check(run)
    (entry,) = entries(project)
    _sign(entry, _global_call("copylint.__main__", "main", "x"))
    found, did = check(run)
    assert found == EXPECTED and did["misses"] == 1


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("copylint.rules.loader", "Path"),  # pathlib's, imported into a module of ours
        ("copylint.baseline", "Counter"),
        ("copylint.cache", "ResultCache"),  # ours, but no part of a rule set
        ("copylint.engine", "Linter"),
    ],
)
def test_the_unpickler_makes_no_class_found_outside_the_rule_modules(module, name):
    body = _global_call(module, name, "x")
    with pytest.raises(pickle.UnpicklingError, match="not allowed"):
        setcache._Unpickler(io.BytesIO(body)).load()


def _check_in_a_process(project: Path, *extra: str) -> subprocess.CompletedProcess:
    """``check`` in a child process, so that a run that blocks fails the test."""
    cmd = [PYTHON, "-m", "copylint", "check", *extra, "--format", "json", "draft.txt"]
    return subprocess.run(
        cmd, cwd=project, env=subprocess_env(), capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
@pytest.mark.parametrize("cached", [False, True])
@pytest.mark.parametrize("where", ["pack file", "word list looked at first"])
def test_a_fifo_where_the_packs_read_nothing_does_not_block_a_run(project, where, cached):
    """A pack's ``pack.yml``, or the first place a spelling rule looks for its word
    list, may be a FIFO: the load passes over it (not a file), and so must the keys
    of the rule-set cache and the results cache (opening a FIFO blocks)."""
    if where == "pack file":
        os.mkfifo(project / "desk" / "pack.yml")
    else:
        (project / "desk" / "Spell.yml").write_text(
            "extends: spelling\nmessage: \"Check '%s'.\"\nlevel: error\nignore: words.txt\n"
        )
        (project / "words.txt").write_text("kerbside\nutilise\n")
        os.mkfifo(project / "desk" / "words.txt")  # beside the rule: looked at first
    for _ in range(2):  # the rule set built, then read back
        r = _check_in_a_process(project, *([] if cached else ["--no-cache"]))
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert [f["message"] for f in json.loads(r.stdout)["findings"]] == EXPECTED


def test_a_half_written_entry_left_by_a_killed_run_is_removed_in_time(project, run):
    """A run stopped between writing an entry and putting it in place (Ctrl-C) leaves
    its temporary file: a later save removes it once it is old, never one that
    another run may be writing now."""
    folder = project / "cache" / setcache.FOLDER
    folder.mkdir(parents=True)
    old, new = folder / ".ruleset-left", folder / ".ruleset-writing"
    for path in (old, new):
        path.write_bytes(b"x" * 1000)
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    found, did = check(run)
    assert found == EXPECTED and did["stored"] == 1
    assert not old.exists() and new.exists()


#: the fields of a kept entry, in the order of its pickle
_ENTRY_FIELDS = ("fmt", "key", "warnings", "states", "ruleset", "cores")


def _resign_entry(project: Path, **fields: object) -> None:
    """Put ``fields`` (by name) in the one kept entry in place of its own, and sign it
    again as a run signs it: a crafted entry that passes its MAC."""
    (entry,) = entries(project)
    kept = setcache._Unpickler(io.BytesIO(entry.read_bytes()[32:])).load()
    parts = {**dict(zip(_ENTRY_FIELDS, kept, strict=True)), **fields}
    out = io.BytesIO()
    setcache._Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(
        tuple(parts[name] for name in _ENTRY_FIELDS)
    )
    _sign(entry, out.getvalue())


@pytest.mark.parametrize("states", [[1], [("a", "b", "c")], [(None, None)], "not a list"])
def test_a_signed_entry_with_word_states_of_another_shape_is_a_miss(project, run, states):
    """What a kept entry says about the word files its rules read is checked for its
    shape too: a crafted one is a miss, never an error."""
    check(run)
    _resign_entry(project, states=states)
    found, did = check(run)
    assert found == EXPECTED and did["misses"] == 1


def test_nothing_is_kept_when_the_signing_key_is_not_this_user_s_private_file(project, run):
    """A key file others may read could sign entries they forge: it is not used, so
    no entry is written, and every run loads the packs afresh."""
    key = project / "state" / "key"
    key.parent.mkdir()
    key.write_text("k" * 64)
    key.chmod(0o644)
    for _ in range(2):
        found, did = check(run)
        assert found == EXPECTED and did == {"hits": 0, "misses": 1, "stored": 0}
    assert entries(project) == []


@pytest.mark.parametrize(
    "cores",
    [[("a", 0)], {("a",): None}, {("a", "0"): None}, {(b"a", 0): None}, {("a", 0): 3}, "x"],
)
def test_a_signed_entry_with_kept_cores_of_another_shape_is_a_miss(project, run, cores):
    check(run)
    _resign_entry(project, cores=cores)
    found, did = check(run)
    assert found == EXPECTED and did["misses"] == 1


def _anchorless(rules) -> list:
    """The anchorless patterns of ``rules`` whose core a run may ask for."""
    from copylint.rules.patterns import LazyPattern

    out = []
    for rule in rules:
        for value in vars(rule).values():
            for item in value if isinstance(value, list) else (value,):
                p = item if isinstance(item, LazyPattern) else getattr(item, "pattern", None)
                if isinstance(p, LazyPattern) and p.anchors is None and not p.timed:
                    out.append(p)
    return out


def test_the_kept_cores_of_the_default_packs_are_those_read_afresh(tmp_path, monkeypatch):
    """The cores of the anchorless patterns, kept with the rule set, are what reading
    each pattern again gives (``_core._read_core``), every pattern a run asks about is
    among them, and the cores compiled from them are those compiled without them."""
    from copylint.config import load_config
    from copylint.engine import Linter
    from copylint.rules.types import _core

    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COPYLINT_CACHE_KEY", str(tmp_path / "state" / "key"))
    monkeypatch.chdir(tmp_path)
    before = dict(setcache.stats)
    fresh = Linter(load_config(None)).ruleset  # a miss: built, and kept
    assert setcache.stats["stored"] == before["stored"] + 1
    monkeypatch.setattr(_core, "_SOURCES", {})
    monkeypatch.setattr(_core, "_CORES", {})
    kept_set = Linter(load_config(None)).ruleset  # read back, with the cores
    assert setcache.stats["hits"] == before["hits"] + 1
    kept = dict(_core._SOURCES)
    patterns = _anchorless(kept_set.rules)
    assert len(patterns) >= 9 and len(kept) >= 9
    assert sum(v is not None for v in kept.values()) >= 5
    for p in patterns:
        assert (p.source, p.flags) in kept, p.source
    for (source, flags), core in kept.items():
        assert core == _core._read_core(source, flags), source
    with_kept = {(p.source, p.flags): _core.core_of(p) for p in patterns}
    monkeypatch.setattr(_core, "_SOURCES", {})
    monkeypatch.setattr(_core, "_CORES", {})
    for p in _anchorless(fresh.rules):
        core = _core.core_of(p)
        other = with_kept[(p.source, p.flags)]
        assert (core is None) == (other is None), p.source
        if core is not None:
            assert (type(core), core.pattern, core.flags) == (
                type(other),
                other.pattern,
                other.flags,
            )
