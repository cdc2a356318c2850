"""The bad-input battery: oversized, binary and oddly encoded files, special files
and odd names in a tree, thousands of files. Each case runs the real CLI in a
fresh process: no traceback, a one-line message naming the file, exit code 2
where a file could not be checked, and no file changed by ``check``.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import PYTHON, subprocess_env

TYPO = "The council will recieve the report on Tuesday.\n"


def copylint(*args: str, cwd, stdin: bytes | None = None, timeout: float = 120):
    env = subprocess_env()
    env["COPYLINT_JOBS"] = "1"
    return subprocess.run(
        [PYTHON, "-m", "copylint", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=timeout,
    )


def peak_mb(*args: str, cwd) -> tuple[subprocess.CompletedProcess, float]:
    """Run copylint in a child of a fresh interpreter; also return the child's peak
    resident memory in MB."""
    code = (
        "import resource, subprocess, sys;"
        "p = subprocess.run(sys.argv[1:], capture_output=True);"
        "sys.stdout.buffer.write(p.stdout); sys.stderr.buffer.write(p.stderr);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
        "sys.exit(p.returncode)"
    )
    p = subprocess.run(
        [PYTHON, "-c", code, PYTHON, "-m", "copylint", *args],
        cwd=cwd,
        env=subprocess_env(),
        capture_output=True,
        timeout=120,
    )
    *rest, last = p.stderr.decode().strip().splitlines()
    p.stderr = "\n".join(rest).encode()
    return p, int(last) / 1024


def err_lines(p) -> list[str]:
    text = p.stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    return [ln for ln in text.splitlines() if ln.strip()]


def snapshot(folder) -> dict[str, bytes]:
    """The drafts below ``folder`` (the results cache's folder left out)."""
    out = {}
    for dirpath, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".copylint_cache"]
        for f in files:
            p = os.path.join(dirpath, f)
            if os.path.isfile(p) and not os.path.islink(p):
                out[p] = open(p, "rb").read()
    return out


# --------------------------------------------------------------------------- size


def test_file_over_the_size_limit_is_refused_without_reading_it_all(tmp_path):
    big = tmp_path / "big.txt"
    line = ("The council met on Tuesday to talk about the bridge. " * 20 + "\n").encode()
    with open(big, "wb") as fh:
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size > 50_000_000
    p, peak = peak_mb("check", "big.txt", cwd=tmp_path)
    assert p.returncode == 2
    (msg,) = [ln for ln in err_lines(p) if "big.txt" in ln]
    assert msg.startswith("big.txt: skipped: too large (50.")
    assert "max_file_mb" in msg
    # memory stays bounded: the 10 MB read and the interpreter, not 50 MB of text
    # held several times over
    assert peak < 200, peak


def test_size_limit_is_raised_by_config_and_applies_to_stdin(tmp_path):
    (tmp_path / "a.txt").write_text(TYPO * 500, encoding="utf-8")  # about 25 KB
    (tmp_path / "copylint.toml").write_text("max_file_mb = 0.01\n", encoding="utf-8")
    p = copylint("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 2
    assert "a.txt: skipped: too large (0.0 MB; the limit is 0.01 MB" in p.stderr.decode()
    p = copylint("check", "-", cwd=tmp_path, stdin=(TYPO * 500).encode())
    assert p.returncode == 2
    assert "<stdin>: skipped: too large" in p.stderr.decode()
    (tmp_path / "copylint.toml").write_text("max_file_mb = 1\n", encoding="utf-8")
    p = copylint("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 1
    assert b"recieve" in p.stdout


@pytest.mark.parametrize("value", ['"ten"', "0", "-1", "true", "[10]", "{a = 1}", "1e12"])
def test_size_limit_of_the_wrong_type_or_range(tmp_path, value):
    (tmp_path / "a.txt").write_text(TYPO, encoding="utf-8")
    (tmp_path / "copylint.toml").write_text(f"dialect = 'en-US'\nmax_file_mb = {value}\n")
    p = copylint("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 2
    (line,) = err_lines(p)
    assert line.endswith("copylint.toml:2: 'max_file_mb' must be a number of megabytes above 0")


def test_one_long_line(tmp_path):
    # one line of 500 KB here; benchmarks/badinput.py times one of 5 MB
    sentence = "The council met on Tuesday and said it would review the report. "
    text = sentence * (500_000 // len(sentence) + 1) + TYPO.strip()
    (tmp_path / "line.txt").write_text(text, encoding="utf-8")
    p, peak = peak_mb("check", "--format", "json", "line.txt", cwd=tmp_path)
    err_lines(p)
    assert p.returncode == 1
    import json

    findings = json.loads(p.stdout)["findings"]
    typos = [f for f in findings if f["match"] == "recieve"]
    assert len(typos) == 1 and typos[0]["line"] == 1
    assert typos[0]["column"] == len(text) - len(TYPO) + 19
    assert peak < 1_000, peak  # bounded by the text, not quadratic in the line


# --------------------------------------------------------------------------- content


def test_binary_latin1_utf16_and_empty_files(tmp_path):
    (tmp_path / "binary.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 society.\n".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes(TYPO.encode("utf-16"))  # with its BOM
    (tmp_path / "utf16-nobom.txt").write_bytes(TYPO.encode("utf-16-le"))
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    before = snapshot(tmp_path)
    p = copylint("check", ".", cwd=tmp_path)
    assert p.returncode == 2
    lines = err_lines(p)
    assert "./binary.txt: skipped: not a text file (binary)" in lines
    assert "./utf16-nobom.txt: skipped: not a text file (binary)" in lines
    assert "./latin1.md: skipped: cannot decode as UTF-8: invalid byte 0xe9 at byte 3" in lines
    assert len(lines) == 3, lines
    out = p.stdout.decode()
    assert "utf16.txt:1:18" in out  # the UTF-16 file is read and checked
    assert "empty.md" not in out and "bom-only" not in out
    assert "3 files checked" in out and "3 files skipped" in out
    assert snapshot(tmp_path) == before
    # fix leaves the unreadable files as they were
    p = copylint("fix", ".", cwd=tmp_path)
    err_lines(p)
    after = snapshot(tmp_path)
    for name in ("binary.txt", "latin1.md", "utf16-nobom.txt", "empty.md", "bom-only.txt"):
        key = next(k for k in after if k.endswith(os.sep + name))
        assert after[key] == before[key]


# --------------------------------------------------------------------------- tree


@pytest.mark.skipif(sys.platform != "linux", reason="FIFOs and symlink loops: POSIX")
def test_special_entries_in_a_tree(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "x.md").mkdir()  # a folder with a draft's name
    (tree / "x.md" / "inner.md").write_text(TYPO, encoding="utf-8")
    os.mkfifo(tree / "pipe.md")  # reading it would block for ever
    (tree / "loop.md").symlink_to(tree / "loop.md")  # a link to itself
    (tree / "a.md").symlink_to(tree / "b.md")
    (tree / "b.md").symlink_to(tree / "a.md")  # a loop of two
    (tree / "sub").mkdir()
    (tree / "sub" / "up").symlink_to(tree, target_is_directory=True)  # a folder loop
    (tree / "dangling.md").symlink_to(tree / "nowhere.md")
    (tree / "with space.md").write_text(TYPO, encoding="utf-8")
    (tree / "new\nline.md").write_text(TYPO, encoding="utf-8")
    (tree / "Zoë Ørsted ☃.md").write_text(TYPO, encoding="utf-8")
    p = copylint("check", "--format", "json", "tree", cwd=tmp_path, timeout=60)
    assert p.returncode == 1, p.stderr
    err_lines(p)
    import json

    paths = sorted({f["path"] for f in json.loads(p.stdout)["findings"]})
    assert paths == sorted(
        [
            "tree/new\nline.md",
            "tree/with space.md",
            "tree/x.md/inner.md",
            "tree/Zoë Ørsted ☃.md",
        ]
    )
    # the text format names them too, on one line each
    p = copylint("check", "tree", cwd=tmp_path, timeout=60)
    out = p.stdout.decode()
    assert "tree/with space.md:1:18:" in out
    assert "tree/Zoë Ørsted ☃.md:1:18:" in out
    assert "4 files checked" in out


def test_three_thousand_small_files(tmp_path):
    tree = tmp_path / "archive"
    for i in range(3_000):
        folder = tree / f"d{i % 30:02d}" / f"e{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        body = TYPO if i % 500 == 0 else "The council met on Tuesday.\n"
        (folder / f"story-{i:04d}.md").write_text(body, encoding="utf-8")
    env_jobs = "2"
    env = subprocess_env()
    env["COPYLINT_JOBS"] = env_jobs
    p = subprocess.run(
        [PYTHON, "-m", "copylint", "check", "--format", "json", "archive"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=300,
    )
    err_lines(p)
    assert p.returncode == 1
    import json

    report = json.loads(p.stdout)
    assert report["summary"]["files"] == 3_000
    typos = [f for f in report["findings"] if f["match"] == "recieve"]
    assert len(typos) == 6
