"""The results cache (.copylint_cache/): hits, invalidation, damaged entries, a cache
that cannot be written, and two runs at once. Real CLI, real files, own rule pack."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

import copylint
from conftest import CLASSES, PROGRAMS, PYTHON, TYPOS, subprocess_env
from copylint.cache import CACHE_DIR, FORMAT, RACY_NS, RESULTS
from copylint.config import load_config
from copylint.engine import Linter
from copylint.signing import _secret, _signed_body, signed_text

DRAFT = "Teh mayor said the plan was recieved well.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "Typos.yml").write_text(TYPOS)
    (tmp_path / "copylint.toml").write_text('packs = ["desk"]\n')
    (tmp_path / "draft.txt").write_text(DRAFT)
    return tmp_path


def messages(r) -> list[str]:
    return [f["message"] for f in json.loads(r.stdout)["findings"]]


def results_file(project: Path) -> Path:
    return project / CACHE_DIR / RESULTS


def load(path: Path) -> dict:
    """The body of a results file, whose signature must be right."""
    body = _signed_body(path.read_text(), _secret(create=False))
    assert body is not None, "the results file is not signed with this user's key"
    return json.loads(body)


def store(path: Path, data: dict, key: bytes | None = None) -> None:
    """Write a results file signed as copylint signs it (with this user's key, or ``key``)."""
    body = json.dumps(data)
    key = key or _secret(create=True)
    assert key is not None
    path.write_text(signed_text(body, key))


def tamper(project: Path, message: str = "FROM THE CACHE") -> None:
    """Rewrite every kept finding's message: a run that shows it read the cache."""
    path = results_file(project)
    data = load(path)
    assert data["entries"], "the first run kept nothing"
    for findings in data["entries"].values():
        for f in findings:
            f[2] = message
    store(path, data)


REAL = ["Use 'The' instead of 'Teh'.", "Use 'received' instead of 'recieved'."]


def test_a_second_run_uses_the_kept_findings(project, run):
    first = run("check", "--format", "json", "draft.txt")
    assert first.exit_code == 1 and messages(first) == REAL
    assert (project / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"
    tamper(project)
    second = run("check", "--format", "json", "draft.txt")
    assert second.exit_code == 1
    assert messages(second) == ["FROM THE CACHE"] * 2
    # the text report places kept findings in the file as a fresh check does
    text = run("check", "draft.txt")
    assert "draft.txt:1:1: error desk.Typos FROM THE CACHE" in text.stdout
    assert "  1 | Teh mayor" in text.stdout


def test_no_cache_checks_again_and_keeps_nothing(project, run):
    r = run("check", "--no-cache", "--format", "json", "draft.txt")
    assert messages(r) == REAL
    assert not (project / CACHE_DIR).exists()
    run("check", "--format", "json", "draft.txt")
    tamper(project)
    assert messages(run("check", "--no-cache", "--format", "json", "draft.txt")) == REAL


def test_changed_content_is_checked_again(project, run):
    run("check", "--format", "json", "draft.txt")
    tamper(project)
    (project / "draft.txt").write_text("Teh end.\n")
    r = run("check", "--format", "json", "draft.txt")
    assert messages(r) == ["Use 'The' instead of 'Teh'."]


@pytest.mark.parametrize(
    "config",
    [
        'packs = ["desk"]\ndialect = "en-GB"\n',
        'packs = ["desk"]\n[levels]\n"desk.Typos" = "warning"\n',
        'packs = ["desk"]\n[vocab]\naccept = ["words.txt"]\n',
        'packs = ["desk"]\n[options]\noxford_comma = false\n',
        'packs = ["desk"]\nignores = ["mayor"]\n',
        'packs = ["desk"]\n[formats]\ntxt = "html"\n',
    ],
    ids=["dialect", "level", "vocab", "option", "ignores", "formats"],
)
def test_a_changed_config_misses(project, run, config):
    run("check", "--format", "json", "draft.txt")
    tamper(project)
    (project / "words.txt").write_text("Teh\n")
    (project / "copylint.toml").write_text(config)
    r = run("check", "--format", "json", "draft.txt")
    assert "FROM THE CACHE" not in r.stdout
    assert messages(r)  # checked again, with the new settings


def test_a_per_file_override_is_part_of_the_key(project, run):
    (project / "other.txt").write_text(DRAFT)
    (project / "copylint.toml").write_text(
        'packs = ["desk"]\n[[overrides]]\nfiles = ["other.txt"]\n[overrides.levels]\n'
        '"desk.Typos" = "suggestion"\n'
    )
    r = run("check", "--format", "json", "draft.txt", "other.txt")
    levels = {(f["path"], f["severity"]) for f in json.loads(r.stdout)["findings"]}
    assert levels == {("draft.txt", "error"), ("other.txt", "suggestion")}
    r = run("check", "--format", "json", "draft.txt", "other.txt")
    assert {(f["path"], f["severity"]) for f in json.loads(r.stdout)["findings"]} == levels


def test_a_changed_rule_file_misses(project, run):
    run("check", "--format", "json", "draft.txt")
    tamper(project)
    (project / "desk" / "Typos.yml").write_text(TYPOS.replace("  teh: the\n", ""))
    r = run("check", "--format", "json", "draft.txt")
    assert messages(r) == ["Use 'received' instead of 'recieved'."]


def test_another_copylint_version_misses(project, run, monkeypatch):
    run("check", "--format", "json", "draft.txt")
    tamper(project)
    monkeypatch.setattr(copylint, "__version__", copylint.__version__ + ".post1")
    assert messages(run("check", "--format", "json", "draft.txt")) == REAL


@pytest.mark.parametrize("library", ["regex", "yaml"])
def test_another_build_of_a_library_misses(project, tmp_path, library):
    """The libraries findings depend on are in the key: a run with another copy of one
    (an upgrade or reinstall, here a copy first on the path) checks again."""
    import importlib
    import shutil

    site = tmp_path / "site"
    shutil.copytree(Path(importlib.import_module(library).__file__).parent, site / library)
    env = subprocess_env()
    cmd = [PYTHON, "-m", "copylint", "check", "--format", "json", "draft.txt"]

    def found() -> list[str]:
        r = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
        assert r.returncode == 1, r.stderr
        return messages(r)

    assert found() == REAL
    tamper(project)
    assert found() == ["FROM THE CACHE"] * 2
    env["PYTHONPATH"] = f"{site}{os.pathsep}{env['PYTHONPATH']}"  # found before the real one
    assert found() == REAL


def test_the_format_is_part_of_the_key(project, run):
    (project / "draft.md").write_text("`teh` is code here.\n")
    (project / "draft.txt").write_text("`teh` is code here.\n")
    md = run("check", "--format", "json", "draft.md")
    txt = run("check", "--format", "json", "draft.txt")
    assert messages(md) == [] and messages(txt) == ["Use 'the' instead of 'teh'."]
    assert messages(run("check", "--format", "json", "draft.md")) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: "not a list",
        lambda e: [["desk.Typos", 3, "msg", 9, 2, 1, 1, 1, 1, [], None, "", "", []]],  # start > end
        lambda e: [["desk.Typos", 7, "msg", 0, 3, 1, 1, 1, 4, [], None, "", "", []]],  # severity
        lambda e: [["desk.Typos", 3, "msg", 0, 3000, 1, 1, 1, 4, [], None, "", "", []]],  # past end
        lambda e: [e[0][:5]],  # cut short
        lambda e: [[*e[0][:10], [0, 3, 7, True], *e[0][11:]]],  # a fix that is no text
        lambda e: [[*e[0][:10], [3, 0, "the", True], *e[0][11:]]],  # a fix's span
        lambda e: [[*e[0][:10], [-1, 3, "the", True], *e[0][11:]]],  # before the start
        lambda e: [[*e[0][:10], [False, 3, "the", True], *e[0][11:]]],  # no number
        lambda e: [[*e[0][:10], [0, 3, "the", 1], *e[0][11:]]],  # safe is no bool
        lambda e: [[*e[0][:10], [0, 3, "the"], *e[0][11:]]],  # a fix cut short
        lambda e: [[*e[0][:9], ["ready", 7], *e[0][10:]]],  # a suggestion that is no text
        lambda e: [[7, *e[0][1:]]],  # a rule that is no text
        lambda e: [[e[0][0], True, *e[0][2:]]],  # a severity that is a bool
        lambda e: [[*e[0][:5], 1.0, *e[0][6:]]],  # a line that is no whole number
        lambda e: [[*e[0][:6], -1, *e[0][7:]]],  # a column before the line
        lambda e: [[*e[0][:13], [["a"]], e[0][14]]],  # a meta item cut short
        lambda e: [[*e[0][:14], 1.5]],  # a confidence past 1
    ],
    ids=[
        "type",
        "span",
        "severity",
        "past-end",
        "short",
        "fix",
        "fix-span",
        "fix-negative",
        "fix-bool",
        "fix-safe",
        "fix-short",
        "suggestion",
        "rule",
        "severity-bool",
        "line-float",
        "column-negative",
        "meta",
        "confidence",
    ],
)
def test_a_damaged_entry_is_rebuilt(project, run, damage):
    run("check", "--format", "json", "draft.txt")
    path = results_file(project)
    data = load(path)
    data["entries"] = {k: damage(v) for k, v in data["entries"].items()}
    store(path, data)
    r = run("check", "--format", "json", "draft.txt")
    assert r.exit_code == 1 and messages(r) == REAL
    assert "Traceback" not in r.output + r.stderr
    # the entry was written again, whole
    tamper(project)
    assert messages(run("check", "--format", "json", "draft.txt")) == ["FROM THE CACHE"] * 2


def test_an_entry_reads_back_as_the_findings_written():
    """``_decode`` (the warm path's reader, its tests written out) gives back exactly the
    findings ``_encode`` wrote: every field, meta and confidence too."""
    from copylint.cache import _decode, _encode, _loads
    from copylint.findings import Edit, Finding, Severity

    findings = [
        Finding(
            "desk.Typos",
            Severity.ERROR,
            "Use 'then'.",
            2,
            6,
            line=1,
            column=3,
            end_line=1,
            end_column=7,
            path="a.md",
            suggestions=("then", "than"),
            fix=Edit(2, 6, "then", True),
            link="https://y",
            match="thne",
        ),
        Finding(
            "promo.Ad",
            Severity.WARNING,
            "An ad.",
            5,
            90,
            2,
            1,
            4,
            7,
            "a.md",
            (),
            Edit(5, 90, "", False),
            "",
            "Buy now",
            (("kind", "ad"), ("why", "cta")),
            0.875,
        ),
        Finding("house.Quotes", Severity.SUGGESTION, 'A "quote\\', 7, 7, 3, 2, 3, 2, "a.md"),
    ]
    entry = _loads(json.dumps([_encode(f) for f in findings]).encode("ascii"))
    back = _decode(entry, "a.md")
    assert back == findings
    assert [(f.meta, f.confidence, type(f.severity)) for f in back] == [
        (f.meta, f.confidence, Severity) for f in findings
    ]
    assert _decode(entry, "b.md") != findings  # the path is the one asked for
    assert all(f.path == "b.md" for f in _decode(entry, "b.md"))


@pytest.mark.parametrize(
    "body",
    [b"\x00\xff garbage", b'{"format": 99, "entries": {}}', b"[1, 2]", b'{"format": %d}' % FORMAT],
    ids=["binary", "other-format", "not-a-table", "no-entries"],
)
@pytest.mark.parametrize("signed", [False, True], ids=["plain", "signed"])
def test_a_damaged_or_foreign_results_file_is_ignored(project, run, body, signed):
    (project / CACHE_DIR).mkdir()
    if signed:  # past the signature, the layout is still checked
        key = _secret(create=True)
        assert key is not None
        text = body.decode("utf-8", "replace")
        body = signed_text(text, key).encode()
    results_file(project).write_bytes(body)
    r = run("check", "--format", "json", "draft.txt")
    assert r.exit_code == 1 and messages(r) == REAL
    assert load(results_file(project))["format"] == FORMAT


@pytest.mark.parametrize("signer", ["none", "another key"])
def test_a_results_file_this_user_did_not_sign_is_not_trusted(project, run, signer):
    """A poisoned results file (a shared CI cache) neither hides findings nor makes
    ``fix`` write its text into the draft."""
    run("check", "--format", "json", "draft.txt")
    path = results_file(project)
    data = load(path)
    for findings in data["entries"].values():
        for f in findings:
            f[2] = "POISONED"
            f[10][2] = "POISONED"

    def poison() -> None:
        if signer == "none":
            path.write_text(json.dumps(data))
        else:
            store(path, data, key=os.urandom(32).hex().encode())

    poison()
    assert messages(run("check", "--format", "json", "draft.txt")) == REAL
    poison()  # (the check wrote the file again, signed)
    r = run("fix", "draft.txt")
    assert "Traceback" not in r.output
    assert (project / "draft.txt").read_text() == "The mayor said the plan was received well.\n"


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
@pytest.mark.parametrize("name", [RESULTS, "patterns.json", PROGRAMS, CLASSES])
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_a_cache_file_that_is_no_regular_file_is_not_read(project, tmp_path, name, kind):
    """A FIFO (would block), a symlink to /dev/zero (would fill the memory) or a folder
    where a cache file goes (a project may commit its .copylint_cache/): a miss."""
    folder = project / CACHE_DIR if name == RESULTS else tmp_path / "patterns"
    folder.mkdir()
    if kind == "fifo":
        os.mkfifo(folder / name)
    elif kind == "dev-zero":
        (folder / name).symlink_to("/dev/zero")
    else:
        (folder / name).mkdir()
    env = subprocess_env()
    env["COPYLINT_CACHE_DIR"] = str(tmp_path / "patterns")
    cmd = [PYTHON, "-m", "copylint", "check", "--format", "json", "draft.txt"]
    for _ in range(2):
        r = subprocess.run(
            cmd,
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=_limit_memory,
        )
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert messages(r) == REAL


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(project, run):
    (project / CACHE_DIR).write_text("a file where the folder should be\n")
    for _ in range(2):
        r = run("check", "--format", "json", "draft.txt")
        assert r.exit_code == 1 and messages(r) == REAL
        assert "Traceback" not in r.output + r.stderr
    assert (project / CACHE_DIR).read_text() == "a file where the folder should be\n"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only folders"
)
def test_a_read_only_cache_folder(project, run):
    run("check", "--format", "json", "draft.txt")
    tamper(project)
    (project / "draft.txt").write_text("Teh end.\n")
    folder = project / CACHE_DIR
    folder.chmod(0o555)
    try:
        for _ in range(2):
            r = run("check", "--format", "json", "draft.txt")
            assert r.exit_code == 1 and messages(r) == ["Use 'The' instead of 'Teh'."]
        assert sorted(p.name for p in folder.iterdir()) == [".gitignore", RESULTS]
    finally:
        folder.chmod(0o755)


def test_fix_uses_the_cache_and_leaves_it_right(project, run):
    run("check", "--format", "json", "draft.txt")
    r = run("fix", "draft.txt")
    assert (project / "draft.txt").read_text() == "The mayor said the plan was received well.\n"
    assert r.exit_code == 0
    assert messages(run("check", "--format", "json", "draft.txt")) == []


def test_a_misspelt_directive_warns_every_run(project, run):
    (project / "draft.md").write_text("<!-- copylint-disable desk.Typoz -->\nTeh end.\n")
    for _ in range(2):
        r = run("check", "--format", "json", "draft.md")
        assert "unknown rule or pack 'desk.Typoz'" in r.stderr


def test_cache_clean(project, run):
    run("check", "draft.txt")
    assert (project / CACHE_DIR).is_dir()
    r = run("cache", "clean")
    assert r.exit_code == 0 and "removed" in r.stdout
    assert not (project / CACHE_DIR).exists()
    r = run("cache", "clean")
    assert r.exit_code == 0 and "no cache" in r.stdout


def test_cache_clean_removes_a_symlinked_cache_folder_s_link_not_what_it_points_to(
    project, run, tmp_path_factory
):
    """A ``.copylint_cache`` that is a link (say, committed into a project): ``cache
    clean`` removes the link and nothing it points to (before: exit 2, 'Cannot call
    rmtree on a symbolic link', naming no file)."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "keep.txt").write_text("someone else's\n")
    (project / CACHE_DIR).symlink_to(elsewhere, target_is_directory=True)
    r = run("cache", "clean")
    assert r.exit_code == 0 and "removed" in r.stdout, r.output
    assert not (project / CACHE_DIR).exists() and not (project / CACHE_DIR).is_symlink()
    assert (elsewhere / "keep.txt").read_text() == "someone else's\n"


def test_two_runs_at_once(project):
    for i in range(40):
        (project / f"story{i:02d}.txt").write_text(f"Story {i}: teh council met.\n")
    cmd = [PYTHON, "-m", "copylint", "check", "--format", "json", "-j", "2", "."]
    env = subprocess_env()
    procs = [
        subprocess.Popen(
            cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [1, 1], [o[1] for o in outs]
    assert outs[0][0] == outs[1][0]
    assert len(json.loads(outs[0][0])["findings"]) == 42
    data = load(results_file(project))
    assert len(data["entries"]) == 41
    assert not [p for p in (project / CACHE_DIR).iterdir() if p.name.startswith(".results")]
    tamper(project)
    third = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    assert set(messages(third)) == {"FROM THE CACHE"}


def test_the_python_api_counts_hits(project, monkeypatch):
    monkeypatch.chdir(project)
    linter = Linter(load_config(project / "copylint.toml"))
    cache = linter.use_cache()
    first = linter.check_paths(["draft.txt"])
    assert (cache.hits, cache.misses) == (0, 1)
    linter = Linter(load_config(project / "copylint.toml"))
    cache = linter.use_cache()
    second = linter.check_paths(["draft.txt"])
    assert (cache.hits, cache.misses) == (1, 0)
    assert [f.to_dict() for f in first[0].findings] == [f.to_dict() for f in second[0].findings]
    assert second[0].doc is not None and second[0].doc.source == DRAFT


def test_a_word_added_to_the_accept_list_misses(project, run):
    (project / "words.txt").write_text("Oyelaran\n")
    (project / "copylint.toml").write_text('packs = ["desk"]\n[vocab]\naccept = ["words.txt"]\n')
    run("check", "--format", "json", "draft.txt")
    tamper(project)
    assert messages(run("check", "--format", "json", "draft.txt")) == ["FROM THE CACHE"] * 2
    (project / "words.txt").write_text("Oyelaran\nTeh\n")
    assert "FROM THE CACHE" not in run("check", "--format", "json", "draft.txt").stdout


def _memo(project: Path, name: str = "draft.txt") -> list | None:
    """The stat memo's entry of a draft in the results file (None: it holds none)."""
    st = os.stat(project / name)
    return load(results_file(project)).get("stats", {}).get(f"{st.st_dev}:{st.st_ino}")


def _set_memo_digest(project: Path, sha: str, name: str = "draft.txt") -> None:
    st = os.stat(project / name)
    data = load(results_file(project))
    data["stats"][f"{st.st_dev}:{st.st_ino}"][3] = sha
    store(results_file(project), data)


def test_a_draft_whose_status_is_unchanged_is_known_without_reading_it(project, run):
    """The stat memo (as git's index): a draft older than the racy window is keyed by
    the hash kept for its status; touched, or edited, it is read again."""
    import hashlib

    time.sleep(RACY_NS / 1e9 + 0.2)  # the draft is now older than the racy window
    assert messages(run("check", "--format", "json", "draft.txt")) == REAL
    st = os.stat(project / "draft.txt")
    sha = hashlib.blake2b(DRAFT.encode(), digest_size=32).hexdigest()
    assert _memo(project) == [st.st_size, st.st_mtime_ns, st.st_ctime_ns, sha]
    # a memo naming other bytes for this very status is believed, so the draft was
    # not read: nothing is kept under those bytes, and it is checked afresh
    tamper(project)
    _set_memo_digest(project, "0" * 64)
    assert messages(run("check", "--format", "json", "draft.txt")) == REAL
    # touched but not changed: another status, so it is read, and its entry answers
    tamper(project)
    os.utime(project / "draft.txt")
    assert messages(run("check", "--format", "json", "draft.txt")) == ["FROM THE CACHE"] * 2


def test_an_edit_of_the_same_size_and_modification_time_is_seen(project, run):
    """An edit within one tick of a coarse clock (same size, same modification time)
    still changes the change time, which the memo holds too; and a draft written
    within the racy window is not put in the memo at all."""
    time.sleep(RACY_NS / 1e9 + 0.2)
    run("check", "--format", "json", "draft.txt")
    before = os.stat(project / "draft.txt")
    assert _memo(project) is not None
    tamper(project)
    edited = DRAFT.replace("Teh", "The")
    assert len(edited) == len(DRAFT)
    (project / "draft.txt").write_text(edited)
    os.utime(project / "draft.txt", ns=(before.st_atime_ns, before.st_mtime_ns))
    assert messages(run("check", "--format", "json", "draft.txt")) == [REAL[1]]
    # the edit is too recent to be trusted by its status: the memo keeps the old one
    kept = _memo(project)
    assert kept is not None and kept[2] == before.st_ctime_ns
    assert kept[2] != os.stat(project / "draft.txt").st_ctime_ns


def test_a_full_stat_memo_keeps_what_answered_this_run(project, run, monkeypatch):
    """Past its size limit the memo keeps the statuses this run used or noted (as the
    entries are pruned), not only the new ones: one edit in a big project emptied it,
    and the next run read and hashed every draft again."""
    from copylint import cache

    monkeypatch.setattr(cache, "RACY_NS", 0)  # every status older than the run counts
    monkeypatch.setattr(cache, "MAX_ENTRIES", 4)
    names = [f"d{i}.txt" for i in range(5)]
    for i, name in enumerate(names):
        (project / name).write_text(f"Teh draft number {i}.\n")
    run("check", "--format", "json", *names)
    assert all(_memo(project, name) is not None for name in names)
    (project / "d0.txt").write_text("Teh draft number 0, edited.\n")
    assert run("check", "--format", "json", *names).exit_code == 1
    # the four unchanged drafts answered from the memo: still there, with the edit's
    kept = [_memo(project, name) for name in names]
    assert all(k is not None for k in kept)
    assert kept[0][0] == os.stat(project / "d0.txt").st_size


def test_a_rule_file_is_known_by_its_status_and_an_edit_to_it_is_seen(project, run):
    """The rule files' part of the key comes from the stat memo too (under a mark of
    their own: a draft's entry never answers for a rule file); an edit of the same
    size and modification time still misses."""
    time.sleep(RACY_NS / 1e9 + 0.2)
    run("check", "--format", "json", "draft.txt")
    rule = project / "desk" / "Typos.yml"
    st = os.stat(rule)
    data = load(results_file(project))
    where = f"rule {st.st_dev}:{st.st_ino}"
    assert data["stats"][where][:3] == [st.st_size, st.st_mtime_ns, st.st_ctime_ns]
    # believed without reading the file: other bytes for its status make another key
    tamper(project)
    assert messages(run("check", "--format", "json", "draft.txt")) == ["FROM THE CACHE"] * 2
    data = load(results_file(project))
    data["stats"][where][3] = "0" * 64
    store(results_file(project), data)
    assert messages(run("check", "--format", "json", "draft.txt")) == REAL
    # an edit within one tick of a coarse clock: same size and modification time
    edited = TYPOS.replace("teh: the", "teh: thE")
    assert len(edited) == len(TYPOS) and edited != TYPOS
    rule.write_text(edited)
    os.utime(rule, ns=(st.st_atime_ns, st.st_mtime_ns))
    tamper(project)
    assert "FROM THE CACHE" not in run("check", "--format", "json", "draft.txt").stdout


def test_a_file_changed_between_look_up_and_check_is_kept_under_its_new_content(
    project, monkeypatch
):
    # the run hashes the file (look_up), then the file changes, then it is checked:
    # the findings of the new content must not be kept under the old content's key
    monkeypatch.chdir(project)
    linter = Linter(load_config(project / "copylint.toml"))
    linter.use_cache()
    items = linter.discover(["draft.txt"])
    assert linter.look_up(items)[1] == {}
    (project / "draft.txt").write_text("Teh end.\n")
    checked = list(linter.check_files(items))
    assert [f.message for f in checked[0].findings] == ["Use 'The' instead of 'Teh'."]

    def run_on(text: str) -> tuple[list[str], int]:
        (project / "draft.txt").write_text(text)
        linter = Linter(load_config(project / "copylint.toml"))
        cache = linter.use_cache()
        found = [f.message for f in linter.check_paths(["draft.txt"])[0].findings]
        return found, cache.hits

    assert run_on("Teh end.\n") == (["Use 'The' instead of 'Teh'."], 1)
    assert run_on(DRAFT) == (REAL, 0)  # the old content: checked, not the new one's findings


def test_a_kept_result_is_placed_in_its_file_without_parsing_it(project, run, monkeypatch):
    # markdown whose parse masks a code block and front matter; a BOM and a
    # multi-byte line before the finding: the report must place it where a fresh
    # check does, from the text alone
    draft = "\ufeff---\ntitle: Teh\n---\n\n```\nteh code\n```\n\n“Quoted” — then teh end.\n"
    (project / "draft.md").write_text(draft, encoding="utf-8")
    formats = ("text", "rdjson", "sarif", "junit")
    fresh = {f: run("check", "--no-cache", "--format", f, "draft.md").stdout for f in formats}
    assert "9:" in fresh["text"] and "teh end" in fresh["text"]
    run("check", "draft.md")  # fills the cache
    for f in formats:
        assert run("check", "--format", f, "draft.md").stdout == fresh[f], f
    monkeypatch.chdir(project)
    linter = Linter(load_config(project / "copylint.toml"))
    linter.use_cache()
    (kept,) = linter.check_paths(["draft.md"])
    light = kept.text_doc
    assert light is not None and light.blocks == [] and light.bom
    assert light.source == draft[1:]
    # the fixer and the filters still get the parsed document
    assert kept.doc is not None and kept.doc.blocks and kept.text_doc is kept.doc


def test_a_kept_result_whose_file_changed_before_the_report_is_checked_again(project, monkeypatch):
    monkeypatch.chdir(project)
    first = Linter(load_config(project / "copylint.toml"))
    first.use_cache()
    first.check_paths(["draft.txt"])
    linter = Linter(load_config(project / "copylint.toml"))
    linter.use_cache()
    (kept,) = linter.check_paths(["draft.txt"])
    assert len(kept.findings) == 2
    # another run fixed the file before this one's report placed the findings
    (project / "draft.txt").write_text("Note: teh mayor said so.\n")
    doc = kept.text_doc
    assert doc is not None and doc.source == "Note: teh mayor said so.\n"
    assert [(f.line, f.column) for f in kept.findings] == [(1, 7)]


# -- a run the cache answers whole does not load the rules --------------------------

LOADED = (
    "import sys\n"
    "from copylint.cli import main\n"
    "code = main(['check', '--format', 'json', 'draft.txt'])\n"
    "heavy = ['copylint.rules.loader', 'copylint.parsers', 'yaml', 'regex']\n"
    "sys.stderr.write('LOADED ' + ' '.join(m for m in heavy if m in sys.modules) + '\\n')\n"
    "sys.exit(code)\n"
)


def loaded(project: Path) -> tuple[list[str], subprocess.CompletedProcess]:
    """Run a check in a fresh process; the heavy modules it imported, and the run."""
    r = subprocess.run(
        [PYTHON, "-c", LOADED], cwd=project, env=subprocess_env(), capture_output=True, text=True
    )
    line = [x for x in r.stderr.splitlines() if x.startswith("LOADED")][-1]
    return line.split()[1:], r


def test_a_run_the_cache_answers_loads_no_rules(project):
    first, r = loaded(project)
    assert r.returncode == 1 and "copylint.rules.loader" in first
    second, r2 = loaded(project)
    assert second == [], "a warm run imported the rules, the parsers or regex"
    assert r2.returncode == 1 and messages(r2) == REAL
    assert r2.stdout == r.stdout


def test_a_broken_rule_file_is_reported_though_every_draft_is_kept(project, run):
    run("check", "--format", "json", "draft.txt")
    (project / "desk" / "Typos.yml").write_text("extends: substitution\nswap: [\n")
    r = run("check", "--format", "json", "draft.txt")
    assert r.exit_code == 2 and "Typos.yml" in r.output


def test_a_changed_ignore_word_file_misses(project, run):
    """A spelling rule's ``ignore`` word list is part of the key: editing it, or
    adding one that is found first (beside the rule, before the styles folder)."""
    (project / "desk" / "Spell.yml").write_text(
        "extends: spelling\nmessage: \"Check '%s'.\"\nlevel: error\nignore: words.txt\n"
    )
    (project / "words.txt").write_text("zorblax\n")
    (project / "draft.txt").write_text("The zorblax and the quuxer met.\n")

    def flagged() -> list[str]:
        r = run("check", "--format", "json", "draft.txt")
        return [f["match"] for f in json.loads(r.stdout)["findings"]]

    assert flagged() == ["quuxer"]
    (project / "words.txt").write_text("zorblax\nquuxer\n")
    assert flagged() == []
    (project / "desk" / "words.txt").write_text("quuxer\n")  # found first now
    assert flagged() == ["zorblax"]
    (project / "desk" / "words.txt").unlink()
    assert flagged() == []


def test_a_new_rule_file_misses(project, run):
    run("check", "--format", "json", "draft.txt")
    tamper(project)
    (project / "desk" / "Mayor.yml").write_text(
        "extends: existence\nmessage: \"Say who: '%s'.\"\nlevel: warning\ntokens:\n  - mayor\n"
    )
    r = run("check", "--format", "json", "draft.txt")
    assert "FROM THE CACHE" not in r.stdout
    assert "Say who: 'mayor'." in messages(r)


def test_the_config_warnings_are_given_on_a_warm_run(project, run):
    (project / "copylint.toml").write_text('packs = ["desk"]\n[levels]\n"desk.Nope" = "off"\n')
    first = run("check", "--format", "json", "draft.txt")
    assert "unknown rule or pack 'desk.Nope'" in first.output
    tamper(project)
    second = run("check", "--format", "json", "draft.txt")
    assert "FROM THE CACHE" in second.stdout  # answered by the cache...
    assert "unknown rule or pack 'desk.Nope'" in second.output  # ...warning all the same
    # a config that changed only where no draft's settings change still says its piece
    (project / "copylint.toml").write_text(
        'packs = ["desk"]\n[levels]\n"desk.Nope" = "off"\n"desk.Other" = "off"\n'
    )
    third = run("check", "--format", "json", "draft.txt")
    assert "unknown rule or pack 'desk.Other'" in third.output


def test_an_override_no_draft_s_settings_show_is_still_checked_on_a_warm_run(project, run):
    assert run("check", "--format", "json", "draft.txt").exit_code == 1
    tamper(project)
    # an override for files not checked here, naming an option no rule reads: the
    # drafts' keys are unchanged, the config's warning is new
    (project / "copylint.toml").write_text(
        'packs = ["desk"]\n[[overrides]]\nfiles = ["*.html"]\n[overrides.options]\nnope = 1\n'
    )
    r = run("check", "--format", "json", "draft.txt")
    assert "FROM THE CACHE" in r.stdout
    assert "unknown option 'nope'" in r.output


def test_damaged_notes_are_ignored(project, run):
    (project / "copylint.toml").write_text('packs = ["desk"]\n[levels]\n"desk.Nope" = "off"\n')
    run("check", "--format", "json", "draft.txt")
    path = results_file(project)
    data = load(path)
    assert data["notes"]
    data["notes"] = {k: [1, None] for k in data["notes"]}
    store(path, data)
    r = run("check", "--format", "json", "draft.txt")
    assert "unknown rule or pack 'desk.Nope'" in r.output
    assert messages(r) == REAL


@pytest.mark.parametrize(
    "name",
    ["a.md", "a/b.MD", ".bashrc", "foo.", "a.tar.gz", "dir.d/file", "x/.hidden.txt", "a..",
     "..", ".", "a/b/", "a.b/", "./x.md", "é.Md", "a.b.", "notes", "x.md/.", "a/b.md/./",
     "c.md//.", "d.md/./.", "/.", "e.md/.."],
)  # fmt: skip
def test_the_format_part_of_a_key_reads_the_extension_as_pathlib_does(name):
    from pathlib import PurePath

    from copylint.engine import _format_key

    assert _format_key(name, Path("x.txt"), None) == f"{PurePath(name).suffix.lower()}|.txt"


def test_a_key_is_the_hash_of_all_its_parts_whatever_was_asked_before(tmp_path):
    """``ResultCache.key`` hashes the part before the digest once per fingerprint,
    format and settings (and copies it): each key is still the hash of its own parts,
    the fingerprint as it is when asked (``Linter.use_cache`` sets it after reading)."""
    import hashlib

    from copylint.cache import ResultCache

    def expected(fingerprint: str, fmt: str, settings: str, digest: str) -> str:
        text = f"{FORMAT}\0{fingerprint}\0{fmt}\0{settings}\0{digest}"
        return hashlib.blake2b(text.encode(), digest_size=32).hexdigest()

    cache = ResultCache(tmp_path / CACHE_DIR, "")
    seen = set()
    for fingerprint in ("", "code:rules", "code:other rules"):
        cache.fingerprint = fingerprint
        for fmt in (".md|.md", ".txt|.txt"):
            for settings in ("('en-US',)", "('en-GB',)"):
                for digest in ("a" * 64, "b" * 64):
                    for _ in range(2):  # (the second time from the kept head)
                        key = cache.key(digest, fmt, settings)
                        assert key == expected(fingerprint, fmt, settings, digest)
                    seen.add(key)
    assert len(seen) == 3 * 2 * 2 * 2


def test_a_run_saving_after_another_run_saved_keeps_both_runs_entries(project):
    """A run that finds the results file as it read it writes what it holds without
    reading it again; one that finds it replaced (another run saved meanwhile) merges
    that run's entries in first."""
    from copylint.cache import ResultCache
    from copylint.findings import Finding, Severity

    folder = project / CACHE_DIR
    found = [Finding("desk.Typos", Severity.ERROR, "Use 'the'.", 0, 3, 1, 1, 1, 4, "a.txt")]
    first = ResultCache(folder, "fp")
    first.put("first", found)
    first.save()
    slow = ResultCache(folder, "fp")  # reads the file with "first" in it
    quick = ResultCache(folder, "fp")
    quick.put("second", found)
    quick.save()  # replaces the file before `slow` saves
    slow.put("third", found)
    slow.save()
    assert set(load(results_file(project))["entries"]) == {"first", "second", "third"}
    alone = ResultCache(folder, "fp")  # nobody saves in between: nothing is lost either
    alone.put("fourth", found)
    alone.save()
    again = ResultCache(folder, "fp")
    assert set(again.entries) == {"first", "second", "third", "fourth"}
    assert again.get("second", "a.txt", 10) == found


def test_a_file_edited_many_times_keeps_one_entry(project, run):
    """Each version of an edited draft replaced the one before: the file does not grow
    with the edits (it kept every version, up to 20,000 entries, before)."""
    for n in range(5):
        (project / "draft.txt").write_text(f"Teh mayor spoke {n} times.\n")
        r = run("check", "--format", "json", "draft.txt")
        assert messages(r) == ["Use 'The' instead of 'Teh'."]
    data = load(results_file(project))
    assert len(data["entries"]) == 1
    assert list(data["slots"].values()) == list(data["entries"])
    tamper(project)  # and it is the latest version's, which answers the next run
    assert messages(run("check", "--format", "json", "draft.txt")) == ["FROM THE CACHE"]
    # named from another folder (another path spelling), the file keeps its one entry
    (project / "draft.txt").write_text("Teh mayor spoke again.\n")
    (project / "sub").mkdir()
    run("check", "--format", "json", "../draft.txt", cwd=project / "sub")
    assert len(load(results_file(project))["entries"]) == 1


def test_two_folders_sharing_a_cache_keep_each_other_s_entries(project, run):
    for folder in ("news", "sport"):
        (project / folder).mkdir()
        (project / folder / "story.txt").write_text(f"Teh {folder} desk filed.\n")
    run("check", "--format", "json", "news")
    run("check", "--format", "json", "sport")
    for n in range(3):  # each folder checked on its own after each of its edits
        for folder in ("news", "sport"):
            (project / folder / "story.txt").write_text(f"Teh {folder} desk filed {n}.\n")
            run("check", "--format", "json", folder)
    assert len(load(results_file(project))["entries"]) == 2
    tamper(project)  # both folders' latest entries are there: neither is checked again
    r = run("check", "--format", "json", "news", "sport")
    assert messages(r) == ["FROM THE CACHE"] * 2


def test_runs_at_once_replacing_the_same_file_s_entry_keep_one(project):
    """A run that saves after another run replaced a file's entry does not bring the
    entry it read back; the entries of other files it wrote are kept."""
    from copylint.cache import ResultCache
    from copylint.findings import Finding, Severity

    folder = project / CACHE_DIR
    found = [Finding("desk.Typos", Severity.ERROR, "Use 'the'.", 0, 3, 1, 1, 1, 4, "a.txt")]
    first = ResultCache(folder, "fp")
    a_slot = first.slot(project / "a.txt", ".txt", "settings")
    b_slot = first.slot(project / "b.txt", ".txt", "settings")
    assert a_slot != b_slot
    assert first.slot(project / "a.txt", ".md", "settings") != a_slot
    assert first.slot(project / "a.txt", ".txt", "other settings") != a_slot
    first.put("a, version 1", found, a_slot)
    first.save()
    slow = ResultCache(folder, "fp")  # reads "a, version 1"
    quick = ResultCache(folder, "fp")
    quick.put("a, version 2", found, a_slot)
    quick.save()
    slow.put("b", found, b_slot)
    slow.save()
    assert set(load(results_file(project))["entries"]) == {"a, version 2", "b"}
    slow.put("b, version 2", found, b_slot)  # (saving alone, it replaces its own entry)
    slow.save()
    again = ResultCache(folder, "fp")
    assert set(again.entries) == {"a, version 2", "b, version 2"}


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="no /proc")
def test_a_file_holding_more_than_its_size_says_is_read_whole():
    """A file that grew since its size was taken reads to its end (or one byte past
    the limit): /proc files, whose size says 0, show it without any timing."""
    from copylint.files import read_draft_bytes, read_regular
    from copylint.signing import read_cache_file

    whole = Path("/proc/version").read_bytes()
    assert os.stat("/proc/version").st_size < len(whole)
    assert read_regular("/proc/version", 1 << 20) == whole
    assert read_regular("/proc/version", 10) == whole[:11]  # one past the limit
    assert read_cache_file("/proc/version") == whole
    assert read_draft_bytes(Path("/proc/version"), 1.0) == whole
    with pytest.raises(OSError):
        read_cache_file("/proc/version", limit=10)


def test_two_installs_of_copylint_sharing_a_project_keep_each_other_s_entries(project, tmp_path):
    """A pre-commit hook's copylint and the one in the project's environment (the same
    Python, another install: another fingerprint) check the same drafts: neither
    replaces the other's entry of a file, or each run after the other's missed."""
    import shutil

    other = tmp_path / "other-install"
    shutil.copytree(
        Path(copylint.__file__).parent,
        other / "copylint",
        ignore=shutil.ignore_patterns("__pycache__"),
    )

    def check(src: Path) -> list[str]:
        env = subprocess_env()
        env["PYTHONPATH"] = str(src)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        cmd = [PYTHON, "-m", "copylint", "check", "--format", "json", "draft.txt"]
        r = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        return messages(r)

    this = Path(copylint.__file__).parent.parent
    assert check(this) == REAL
    assert check(other) == REAL
    assert len(load(results_file(project))["entries"]) == 2
    tamper(project)
    assert check(this) == ["FROM THE CACHE"] * 2
    assert check(other) == ["FROM THE CACHE"] * 2


def test_a_damaged_slots_line_is_ignored(project, run):
    """The slots of a results file this user signed but that are not slot: key (a bug,
    a hand edit) are dropped, never a traceback; the entries still answer."""
    from copylint.signing import signed_parts

    assert messages(run("check", "--format", "json", "draft.txt")) == REAL
    tamper(project)  # (written back as one JSON object: read as JSON, not as lines)
    data = load(results_file(project))
    data["slots"] = {"a": [1], "b": {"c": 2}, "d": None}
    store(results_file(project), data)
    # a note is all the next run adds: the slots as read are saved again
    (project / "copylint.toml").write_text('packs = ["desk"]\n# the desk pack\n')
    assert messages(run("check", "--format", "json", "draft.txt")) == ["FROM THE CACHE"] * 2
    # and in the line layout: a slots line that is no JSON, then one that is no object
    key = _secret(create=False)
    assert key is not None
    entries = [
        json.dumps(k).encode() + b": " + json.dumps(v).encode() for k, v in data["entries"].items()
    ]
    (project / "other.txt").write_text("Teh desk.\n")
    for slots in (b'{"a": ', b"[1, 2]"):
        body = b'{"format": %d, "notes": {}, "entries": {\n' % FORMAT + b",\n".join(entries)
        body += b'\n}, "slots": ' + slots + b"}"
        results_file(project).write_bytes(b"".join(signed_parts(body, key)))
        r = run("check", "--format", "json", "draft.txt", "other.txt")  # (other.txt: saved)
        assert messages(r) == ["FROM THE CACHE"] * 2 + ["Use 'The' instead of 'Teh'."]
        after = load(results_file(project))
        assert len(after["entries"]) == 2 and len(after["slots"]) == 1


def test_a_results_file_written_before_slots_were_kept_is_read(project, run):
    """A results file whose last line closes the entries (``}}``: no slots) still
    answers; the next save adds the slots."""
    from copylint.signing import signed_parts

    assert messages(run("check", "--format", "json", "draft.txt")) == REAL
    tamper(project)
    data = load(results_file(project))
    lines = [
        json.dumps(k).encode() + b": " + json.dumps(v).encode() for k, v in data["entries"].items()
    ]
    body = b'{"format": %d, "notes": {}, "entries": {\n' % FORMAT + b",\n".join(lines) + b"\n}}"
    key = _secret(create=False)
    assert key is not None
    results_file(project).write_bytes(b"".join(signed_parts(body, key)))
    assert messages(run("check", "--format", "json", "draft.txt")) == ["FROM THE CACHE"] * 2
    (project / "other.txt").write_text("Teh desk.\n")
    run("check", "--format", "json", "draft.txt", "other.txt")
    after = load(results_file(project))
    assert len(after["entries"]) == 2 and len(after["slots"]) == 1
