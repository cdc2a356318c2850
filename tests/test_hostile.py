"""Hostile inputs and the defects they found (issue 17): each is bounded, refused
with one line, or handled, never a traceback, a hang or a blow-up.

Sizes are small enough to run in a second: each test shows the bound or the check
that was missing, not the blow-up itself (``benchmarks/hostile.py`` has the figures).
"""

from __future__ import annotations

import tracemalloc

import pytest

from copylint.api import check_text
from copylint.spelling.candidates import candidates

# --------------------------------------------------------------------------- 1. long words


def test_a_word_longer_than_any_word_gets_no_candidates_and_is_flagged_bare():
    word = "tehx" * 150  # 600 letters: its one-edit strings alone took ~40 MB
    check_text("A line.", path="a.txt")  # word lists loaded before measuring
    tracemalloc.start()
    try:
        findings = check_text(f"The {word} story.", path="a.txt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    typos = [f for f in findings if f.rule == "spelling.Typos"]
    assert len(typos) == 1 and typos[0].fix is None
    assert "Did you mean" not in typos[0].message
    assert peak < 10_000_000  # memory in proportion to the text, not its square
    assert candidates(word, frozenset({"the"})) == {}


# --------------------------------------------------------------------------- 2. alias bombs


def _bomb(levels: int, width: int = 9, first: str = "a0") -> str:
    lines = [f"{first}: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_front_matter_aliases_are_walked_once(monkeypatch):
    import yaml

    from copylint.parsers import frontmatter

    visits = []
    walk = frontmatter._yaml_walk

    def counting(node, *args, **kwargs):
        if isinstance(node, yaml.SequenceNode):
            visits.append(node)
        return walk(node, *args, **kwargs)

    monkeypatch.setattr(frontmatter, "_yaml_walk", counting)
    text = "---\n" + _bomb(4) + "title: A fine dya\n---\n\nText here.\n"
    findings = check_text(text, path="a.md")
    assert [f.line for f in findings if f.rule == "spelling.Typos"] == [6]
    # each anchored list walked once (4 lists of at most 9 entries: 31 calls), not
    # once per path to it (1 + 9 + 81 + 729 + ... calls)
    assert len(visits) <= 4 * 9


def test_rule_file_alias_bomb_is_refused_with_its_line(run, write):
    write("pack/Bomb.yml", "extends: existence\nmessage: m\ntokens: [a]\n" + _bomb(7, first="x0"))
    write("copylint.toml", 'packs = ["pack"]\n')
    write("d.txt", "A line.\n")
    r = run("check", "d.txt")
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("copylint: error: ")
    assert lines[0].endswith(
        "pack/Bomb.yml:9: YAML aliases expand to more than 100,000 values (an alias bomb?)"
    )


def test_a_recursive_alias_in_a_rule_file_is_refused(run, write):
    write("pack/Loop.yml", "extends: existence\nmessage: m\ntokens: &t [a, *t]\n")
    write("copylint.toml", 'packs = ["pack"]\n')
    write("d.txt", "A line.\n")
    r = run("check", "d.txt")
    assert r.exit_code == 2
    assert "pack/Loop.yml:3: YAML aliases expand" in r.output


# --------------------------------------------------------------------------- 3. quadratic patterns


def test_open_tags_without_end_parse_in_linear_time():
    """A hang guard, not a timing: html.parser scanned from every "<" to the end of
    the text (40,000 of them took minutes); now each scan stops at the last ">" or
    MAX_TAG characters. The timeout only stops a hung run."""
    import subprocess
    import sys

    from conftest import subprocess_env

    code = (
        "from copylint.parsers.html import parse_html\n"
        "a = parse_html('<p>' + '<x ' * 40000)\n"
        "b = parse_html('<x a=\\x22>\\x22 ' * 9000)\n"
        "print(len(a.prose), len(b.prose))\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=subprocess_env(),
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.split()[0] == str(3 + 3 * 40000)


def _nested_unbounded(items, inside: bool = False) -> bool:
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            unbounded = av[1] == c.MAXREPEAT
            if (inside and unbounded) or _nested_unbounded(list(av[2]), inside or unbounded):
                return True
        elif op is c.SUBPATTERN and _nested_unbounded(list(av[-1]), inside):
            return True
        elif op is c.BRANCH and any(_nested_unbounded(list(b), inside) for b in av[1]):
            return True
        elif op in (c.ASSERT, c.ASSERT_NOT) and _nested_unbounded(list(av[1]), inside):
            return True
    return False


def test_no_shipped_pattern_nests_unbounded_repeats():
    """``(?:\\b[A-Z][a-z]+ )+\\(`` tried every start of a run of capitalised words to
    its end: 80 KB of "Ax " took 14 s. A repeat inside an unbounded repeat must be
    bounded, except where the inner class stops at the next bracket."""
    import re
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    from copylint.rules.loader import load_packs

    allowed = {"house.UnbalancedParentheses"}  # [^()] stops at the next parenthesis
    bad = []
    for rule in load_packs(["spelling", "house", "promo"]).rules:
        for name, value in vars(rule).items():
            source = getattr(value, "source", None)
            if not isinstance(source, str) or rule.meta.id in allowed:
                continue
            flags = getattr(value, "flags", 0) & (re.I | re.M | re.S | re.X)
            try:
                parsed = sre_parse.parse(source, flags)
            except re.error:
                continue  # regex-only syntax
            if _nested_unbounded(list(parsed)):
                bad.append(f"{rule.meta.id}.{name}")
    assert bad == []


def test_acronym_definitions_still_count_after_a_run_of_capitals():
    text = "Ask Ask Ask Ask Ask Ask Ask Ask Ask Ask Ask National Dairy Board (NDB) met. NDB said.\n"
    assert not [f for f in check_text(text, path="a.txt") if f.rule == "house.Acronyms"]


def test_html_text_after_the_last_tag_is_prose_of_the_open_block():
    from copylint.parsers.html import parse_html

    src = "<p>Prices rose <b>again</b> as x < y and <x marks the spot"
    doc = parse_html(src)
    assert [(b.kind, src[b.start : b.end]) for b in doc.blocks] == [
        ("paragraph", "Prices rose <b>again</b> as x < y and <x marks the spot")
    ]
    assert doc.prose.endswith("as x < y and <x marks the spot")


# --------------------------------------------------------------------------- 4. pattern cache


def _poison(cache_file, change) -> None:
    """Rewrite the cache as someone without this user's key would: the JSON with an
    entry changed (signature kept, or none at all)."""
    import json

    text = cache_file.read_text(encoding="utf-8")
    signed = text.startswith('{"mac":')
    outer = json.loads(text)
    data = outer["data"] if signed else outer
    change(data)
    if signed:
        outer["data"] = data
        cache_file.write_text(json.dumps(outer), encoding="utf-8")
    cache_file.write_text(json.dumps(data), encoding="utf-8")


SWAP_RULE = (
    "extends: substitution\nmessage: \"Use '%s'.\"\nlevel: error\n"
    "swap:\n  colour scheme: color scheme\n"
)


def _cache_env(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COPYLINT_CACHE_KEY", str(tmp_path / "state" / "key"))
    return tmp_path / "cache" / "patterns.json"


def test_a_poisoned_parsed_entry_cannot_change_what_fix_writes(run, write, tmp_path, monkeypatch):
    cache_file = _cache_env(tmp_path, monkeypatch)
    write("pack/Colour.yml", SWAP_RULE)
    write("copylint.toml", 'packs = ["pack"]\n')
    write("d.txt", "The colour scheme is new.\n")
    assert run("check", "d.txt").exit_code == 1  # the cache is written

    def change(data):
        for parsed, _lines in data["parsed"].values():
            if "swap" in parsed:
                parsed["swap"] = {"colour scheme": "ATTACKER TEXT"}

    for keep_signature in (True, False):
        if not keep_signature:
            run("check", "d.txt")
        _poison(cache_file, change)
        r = run("fix", "d.txt")
        assert r.exit_code == 0, r.output
        assert (tmp_path / "d.txt").read_text() == "The color scheme is new.\n"
        write("d.txt", "The colour scheme is new.\n")


def test_fake_anchors_in_the_cache_do_not_switch_a_rule_off(run, write, tmp_path, monkeypatch):
    cache_file = _cache_env(tmp_path, monkeypatch)
    write("pack/Colour.yml", SWAP_RULE)
    write("copylint.toml", 'packs = ["pack"]\n')
    write("d.txt", "The colour scheme is new.\n")
    assert run("check", "d.txt").exit_code == 1

    def change(data):
        for entry in data["files"].values():
            for k in entry:
                if not k.startswith("engine:"):
                    entry[k] = ["no text has this"]

    _poison(cache_file, change)
    r = run("check", "d.txt")
    assert r.exit_code == 1 and "house" not in r.output and "color scheme" in r.output


def test_a_cache_file_of_nested_brackets_is_a_miss(run, write, tmp_path, monkeypatch):
    cache_file = _cache_env(tmp_path, monkeypatch)
    write("pack/Colour.yml", SWAP_RULE)
    write("copylint.toml", 'packs = ["pack"]\n')
    write("d.txt", "The colour scheme is new.\n")
    cache_file.parent.mkdir(parents=True)
    for text in ("[" * 100_000, '{"mac":"' + "0" * 64 + '","data":' + "[" * 100_000 + "}"):
        cache_file.write_text(text)
        r = run("check", "d.txt")
        assert r.exit_code == 1 and "Traceback" not in r.output
        assert "color scheme" in r.output


def test_a_cache_key_others_can_read_is_not_trusted(run, write, tmp_path, monkeypatch):
    import os

    from copylint.rules.patterns import PatternCache

    _cache_env(tmp_path, monkeypatch)
    write("pack/Colour.yml", SWAP_RULE)
    write("copylint.toml", 'packs = ["pack"]\n')
    write("d.txt", "The colour scheme is new.\n")
    run("check", "d.txt")
    assert PatternCache().data  # read back: signed with our key
    os.chmod(tmp_path / "state" / "key", 0o644)
    assert PatternCache().data == {}


# --------------------------------------------------------------------------- 5, 7, 8. fix writes


def test_fix_leaves_a_file_edited_while_it_ran(run, write, tmp_path, monkeypatch):
    from copylint.engine import Linter

    draft = write("d.txt", "The  report came late.\n")
    real_check = Linter.check_text

    def editor_saves_meanwhile(self, text, *args, **kwargs):
        # the re-check after the first fix pass: the writer saves the draft now
        draft.write_text("The writer's new text.\n")
        return real_check(self, text, *args, **kwargs)

    monkeypatch.setattr(Linter, "check_text", editor_saves_meanwhile)
    r = run("fix", "d.txt")
    assert r.exit_code == 2
    assert "d.txt: not fixed: it changed since copylint read it" in r.output
    assert draft.read_text() == "The writer's new text.\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_write_atomic_checks_the_file_just_before_replacing_it(tmp_path):
    import pytest

    from copylint.files import ChangedError, write_atomic

    f = tmp_path / "a.txt"
    f.write_text("now\n")
    with pytest.raises(ChangedError):
        write_atomic(f, "fixed\n", expect=b"then\n")
    assert f.read_text() == "now\n"
    write_atomic(f, "fixed\n", expect=b"now\n")
    assert f.read_text() == "fixed\n"


def test_fix_keeps_owner_group_mode_and_hard_links(run, write, tmp_path):
    import os
    import stat

    import pytest

    draft = write("d.txt", "The  report came late.\n")
    os.chmod(draft, 0o640)
    link = tmp_path / "link.txt"
    os.link(draft, link)
    assert run("fix", "d.txt").exit_code == 0
    assert link.read_text() == draft.read_text() == "The report came late.\n"
    assert os.stat(link).st_ino == os.stat(draft).st_ino
    other = write("o.txt", "The  report came late.\n")
    os.chmod(other, 0o604)
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    os.chown(other, 4321, 4321)
    assert run("fix", "o.txt").exit_code == 0
    st = os.stat(other)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 4321, 0o604)
    assert other.read_text() == "The report came late.\n"


def test_a_typo_fix_keeps_a_curly_apostrophe(run, write):
    draft = write("d.txt", "He went to the hospitel’s front desk.\n")
    r = run("fix", "--unsafe-fixes", "d.txt")
    assert r.exit_code == 0, r.output
    assert draft.read_text() == "He went to the hospital’s front desk.\n"


# --------------------------------------------------------------------------- 6. -o is an input


def test_the_report_file_may_not_be_a_draft(run, write, tmp_path):
    import os

    text = "The report was recieved late.\n"
    draft = write("s.txt", text)
    os.link(draft, tmp_path / "same.txt")
    for args in (
        ("check", "-o", "s.txt", "s.txt"),
        ("fix", "-o", "s.txt", "s.txt"),
        ("check", "-o", "./s.txt", "."),
        ("check", "-o", "same.txt", "s.txt"),
        ("baseline", "s.txt", "s.txt"),
    ):
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert "would replace the draft" in r.output
        assert draft.read_text() == text


# --------------------------------------------------------------------------- 9. file names


def test_a_file_name_that_is_not_utf8_is_escaped_in_every_report(run, tmp_path):
    import os

    import pytest

    try:
        with open(os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt"), "wb") as fh:
            fh.write(b"The report was recieved late.\n")
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    for fmt in ("text", "json", "sarif", "rdjson", "github", "junit"):
        r = run("check", "-f", fmt, ".")
        assert r.exit_code == 1, (fmt, r.output)
        out = r.stdout_bytes.decode("utf-8")  # strict: valid UTF-8
        assert "xffname.txt" in out, fmt  # \xff (JSON: \\xff, SARIF URI: %5Cxff)
    r = run("check", "-f", "sarif", "-o", "report.sarif", ".")
    assert r.exit_code == 1
    assert "xffname" in (tmp_path / "report.sarif").read_text(encoding="utf-8")
    r = run("baseline", "base.json", ".")
    assert r.exit_code == 0, r.output
    assert "bad\\\\xffname.txt" in (tmp_path / "base.json").read_text(encoding="utf-8")
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
    assert run("check", "--baseline", "base.json", ".").exit_code == 0


# --------------------------------------------------------------------------- 10. vocab add


def test_vocab_add_refuses_a_bad_word_and_writes_nothing(run, write, tmp_path):
    write("d.txt", "Oyelaran spoke.\n")
    for words in ([""], ["fine", "two\nlines"], ["  "], ["#hash"]):
        r = run("vocab", "add", *words)
        assert r.exit_code == 2, (words, r.output)
        assert "cannot add" in r.output and "Traceback" not in r.output
        assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt"]
    assert run("check", "d.txt").exit_code in (0, 1)
    assert run("vocab", "add", "Oyelaran").exit_code == 0
    assert (tmp_path / "vocab" / "accept.txt").read_text() == "Oyelaran\n"


# --------------------------------------------------------------------------- 11. nesting, streams


def test_files_nested_too_deep_are_one_line_errors(run, write):
    deep = "[" * 100_000 + "]" * 100_000
    write("s.txt", "The report came late.\n")
    write("deep.toml", f"a = {deep}\n")
    write("base.json", deep)
    write("pack/Deep.yml", f"extends: existence\nmessage: m\ntokens: {deep}\n")
    write("packs.toml", 'packs = ["pack"]\n')
    for args, where in (
        (("--config", "deep.toml", "check", "s.txt"), "deep.toml:1: bad TOML: nested too deeply"),
        (("check", "--baseline", "base.json", "s.txt"), "base.json:1: not valid JSON: nested"),
        (("--config", "packs.toml", "check", "s.txt"), "Deep.yml:3: bad YAML"),
    ):
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and where in lines[0], r.output


def test_closed_standard_streams_are_one_line_errors(tmp_path):
    import subprocess
    import sys

    from conftest import subprocess_env

    (tmp_path / "s.txt").write_text("The report came late.\n")
    py = f"{sys.executable} -m copylint"
    for shell, message in (
        (f"{py} check - <&-", "standard input is closed"),
        (f"{py} fix - <&-", "standard input is closed"),
        (f"{py} check s.txt >&-", "standard output is closed"),
    ):
        p = subprocess.run(
            ["sh", "-c", shell], cwd=tmp_path, capture_output=True, text=True, env=subprocess_env()
        )
        assert p.returncode == 2, (shell, p.stderr)
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("copylint: error: ")
        assert message in lines[0]
    p = subprocess.run(
        ["sh", "-c", f"{py} check -o out.txt s.txt >&-"], cwd=tmp_path, env=subprocess_env()
    )
    assert p.returncode == 0
    assert "1 file checked" in (tmp_path / "out.txt").read_text()


# --------------------------------------------------------------------------- 12. folders, FIFOs


def _too_deep_to_read(base) -> str:
    """A folder whose path is longer than the system takes: reading it fails even
    for root (ENAMETOOLONG), as a folder without read permission does for others."""
    import os

    name = "d" * 200
    fd = os.open(base, os.O_RDONLY)
    try:
        for _ in range(24):
            os.mkdir(name, dir_fd=fd)
            nxt = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
    finally:
        os.close(fd)
    return name


def test_a_folder_that_cannot_be_read_is_named_and_exits_2(run, write, tmp_path):
    import os

    write("top/a.txt", "The report came late.\n")
    _too_deep_to_read(tmp_path / "top")
    r = run("check", "top")
    assert r.exit_code == 2, r.output
    assert "cannot read folder" in r.output and "no drafts found" not in r.output
    if os.geteuid() != 0:  # root reads any folder
        write("closed/b.txt", "The report came late.\n")
        os.chmod(tmp_path / "closed", 0)
        try:
            r = run("check", "closed")
        finally:
            os.chmod(tmp_path / "closed", 0o755)
        assert r.exit_code == 2 and "closed: skipped: cannot read folder" in r.output


def test_a_named_pipe_on_the_command_line_is_read(tmp_path):
    import os
    import sys

    os.mkfifo(tmp_path / "pipe.txt")
    p = _run(
        [
            "sh",
            "-c",
            f"printf 'The report was recieved.\\n' > pipe.txt & {sys.executable} "
            "-m copylint check pipe.txt; r=$?; wait; exit $r",
        ],
        tmp_path,
    )
    assert p.returncode == 1, p.stderr
    assert "pipe.txt:1:16: error spelling.Typos" in p.stdout


# --------------------------------------------------------------------------- 13. empty packs


def test_a_pack_path_that_loads_no_rules_is_an_error(run, write, tmp_path):
    write("s.txt", "The report was recieved.\n")
    (tmp_path / "empty").mkdir()
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    for pack in (".", "", "/", "empty", str(outside)):
        write("copylint.toml", f"packs = [{pack!r}]\n".replace("'", '"'))
        r = run("check", "s.txt")
        assert r.exit_code == 2, (pack, r.output)
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and "copylint.toml:1: " in lines[0], r.output
        assert "no rule files" in lines[0] or "is empty" in lines[0]


# --------------------------------------------------------------------------- 14. signals


def _live_in_group(pgid: int) -> list[int]:
    """Processes of a process group that are still running (zombies left out)."""
    import os

    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(d))
    return out


def _children(pid: int) -> list[int]:
    import os

    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(d))
    return out


def _parallel_check(tmp_path):
    """A ``check -j 3`` of many files (the parent checks some itself), in its own
    process group, once its two forked workers run. Started as a shell starts a
    command in the foreground: with SIGINT at its default, whatever this process
    does with it."""
    import signal
    import subprocess
    import sys
    import time

    import pytest

    from conftest import subprocess_env

    if not sys.platform.startswith("linux"):
        pytest.skip("parallel checks fork workers on Linux only")
    text = "The council met to debate the plan. Residents said the trafic was heavy. " * 40
    for i in range(1000):  # ~7 s of CPU: it is stopped long before the end
        (tmp_path / f"f{i:04}.txt").write_text(text + "\n")
    # A shell without job control starts a background job (`pytest ... &`) with
    # SIGINT ignored; a program inherits that, and Python keeps it so: the check
    # then ran to its end and exited 1 whatever Ctrl-C the test sent. A handler
    # set here is reset to the default in the child by exec.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        p = subprocess.Popen(
            [sys.executable, "-m", "copylint", "check", "-j", "3", "."],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
            env=subprocess_env(),
        )
    finally:
        signal.signal(signal.SIGINT, inherited)
    deadline = time.monotonic() + 60
    while len(_children(p.pid)) < 2 and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.05)
    assert len(_children(p.pid)) >= 2, "the workers never started"
    return p


def _gone(pgid: int, within: float = 10.0) -> list[int]:
    import time

    deadline = time.monotonic() + within
    while _live_in_group(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _live_in_group(pgid)


@pytest.mark.parametrize("runner", ["foreground", "background"])
def test_ctrl_c_stops_a_parallel_check_and_its_workers(tmp_path, runner):
    import os
    import signal

    # "background": the tests run as `pytest ... &` from a script, SIGINT ignored
    # (this test failed with exit 1 then, in full-suite runs started so)
    handler = signal.default_int_handler if runner == "foreground" else signal.SIG_IGN
    inherited = signal.signal(signal.SIGINT, handler)
    try:
        p = _parallel_check(tmp_path)
    finally:
        signal.signal(signal.SIGINT, inherited)
    try:
        os.killpg(p.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        assert p.wait(timeout=20) == 130  # hang guard only: it takes a tenth of a second
        assert _gone(p.pid) == []
        # (the pool's manager thread raised InvalidStateError: 7 runs in 8)
        assert "Traceback" not in p.stderr.read().decode()
    finally:
        for pid in _live_in_group(p.pid):
            os.kill(pid, signal.SIGKILL)


def test_workers_die_with_a_killed_parent(tmp_path):
    import os
    import signal

    p = _parallel_check(tmp_path)
    try:
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        assert _gone(p.pid) == []  # they stayed orphaned for 19 minutes
    finally:
        for pid in _live_in_group(p.pid):
            os.kill(pid, signal.SIGKILL)


def test_a_worker_killed_mid_check_is_an_error_naming_a_file(tmp_path):
    import os
    import re
    import signal

    p = _parallel_check(tmp_path)
    try:
        os.kill(_children(p.pid)[0], signal.SIGKILL)  # as the out-of-memory killer would
        assert p.wait(timeout=60) == 2
        err = p.stderr.read().decode()
        assert "Traceback" not in err
        assert re.search(
            r"^copylint: error: (\./)?f\d{4}\.txt: a worker process killed by SIGKILL while "
            r"checking this file",
            err,
            re.M,
        ), err
        assert _gone(p.pid) == []  # the other worker is stopped too
    finally:
        for pid in _live_in_group(p.pid):
            os.kill(pid, signal.SIGKILL)


# --------------------------------------------------------------------------- 15. summary.fixed


def test_the_summary_counts_the_fixes_applied(run, write):
    import json

    write("d.txt", "The  report came late.  It was long.\n")
    r = run("fix", "-f", "json", "d.txt")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["summary"]["fixed"] == 2
    write("e.txt", "The  report came late.\n")
    r = run("fix", "e.txt")
    assert "1 fix applied" in r.stdout


# --------------------------------------------------------------------------- 16. unseen fixes


def test_later_fix_passes_apply_only_fixes_of_reported_findings(run, write, tmp_path):
    write(
        "pack/Old.yml",
        "extends: substitution\nmessage: \"Use '%s'.\"\nlevel: error\n"
        "swap:\n  old depot: new bus depot\n",
    )
    write(
        "pack/Bus.yml",
        "extends: substitution\nmessage: \"Use '%s'.\"\nlevel: error\nswap:\n  bus: coach\n",
    )
    write("copylint.toml", 'packs = ["pack"]\n')
    draft = write("d.txt", "They closed the old depot.\n")
    before = run("check", "d.txt")
    assert "pack.Old" in before.output and "pack.Bus" not in before.output
    r = run("fix", "--unsafe-fixes", "d.txt")
    # the first fix brought in 'bus': its fix was never reported, so not applied;
    # the report shows it now
    assert draft.read_text() == "They closed the new bus depot.\n"
    assert "pack.Bus" in r.output and r.exit_code == 1
    assert run("fix", "d.txt").exit_code == 0
    assert draft.read_text() == "They closed the new coach depot.\n"


@pytest.mark.parametrize(
    ("config", "pipe", "message"),
    [
        ('packs = ["styles/Mine"]\n', "styles/Mine/Odd.yml", "Odd.yml:1: cannot read rule file"),
        (
            '[vocab]\naccept = ["vocab/accept.txt"]\n',
            "vocab/accept.txt",
            "copylint.toml:2: cannot read vocabulary file",
        ),
    ],
    ids=["rule file", "vocabulary file"],
)
def test_a_named_pipe_as_a_rule_or_vocabulary_file_is_refused_not_waited_on(
    tmp_path, config, pipe, message
):
    # opening a pipe with no writer waits for one: the load used to hang here
    import os
    import sys

    (tmp_path / pipe).parent.mkdir(parents=True)
    os.mkfifo(tmp_path / pipe)
    (tmp_path / "copylint.toml").write_text(config)
    (tmp_path / "story.txt").write_text("The council met on Monday.\n")
    p = _run([sys.executable, "-m", "copylint", "check", "--no-cache", "story.txt"], tmp_path)
    assert p.returncode == 2, p.stderr
    assert message in p.stderr and "not a regular file" in p.stderr
    assert "Traceback" not in p.stderr


def _run(cmd: list[str], cwd):
    """``cmd`` run in ``cwd`` with the test environment, its output as text."""
    import subprocess

    from conftest import subprocess_env

    return subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=60, env=subprocess_env()
    )
