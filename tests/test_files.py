"""Reading, discovering and writing draft files, on real files in tmp folders."""

from __future__ import annotations

import os
import stat

import pytest

from copylint.errors import ConfigError, InputError
from copylint.files import decode_bytes, discover, read_source, write_atomic

# --------------------------------------------------------------------------- read_source


def test_utf8_keeps_line_endings(tmp_path):
    f = tmp_path / "a.md"
    f.write_bytes("Line one\r\nLine two\rLine three\nCafé\r\n".encode())
    text, bom, enc = read_source(f)
    assert text == "Line one\r\nLine two\rLine three\nCafé\r\n"
    assert (bom, enc) == (False, "utf-8")


def test_utf8_bom_removed(tmp_path):
    f = tmp_path / "b.md"
    f.write_bytes(b"\xef\xbb\xbfHello\r\n")
    assert read_source(f) == ("Hello\r\n", True, "utf-8")


@pytest.mark.parametrize(
    ("codec", "bom", "enc"),
    [("utf-16-le", b"\xff\xfe", "utf-16-le"), ("utf-16-be", b"\xfe\xff", "utf-16-be")],
)
def test_utf16_with_bom(tmp_path, codec, bom, enc):
    f = tmp_path / "c.txt"
    f.write_bytes(bom + "Zoë wrote 😀\r\nline two\n".encode(codec))
    assert read_source(f) == ("Zoë wrote 😀\r\nline two\n", True, enc)


def test_binary_file(tmp_path):
    f = tmp_path / "pic.md"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as e:
        read_source(f)
    assert e.value.message == "not a text file (binary)"
    assert str(e.value) == f"{f}: not a text file (binary)"


def test_undecodable_file(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("first line\nna\xefve caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as e:
        read_source(f)
    assert e.value.message.startswith("cannot decode as UTF-8: ")
    assert e.value.path == str(f)
    assert e.value.line == 2
    assert "0xef" in e.value.message


def test_decode_bytes_for_stdin():
    assert decode_bytes(b"\xef\xbb\xbfNa\xc3\xafve\r\n", "<stdin>") == (
        "Na\u00efve\r\n",
        True,
        "utf-8",
    )
    with pytest.raises(InputError) as e:
        decode_bytes(b"ok\n\xff\xfe\x00", "<stdin>")
    assert str(e.value) == "<stdin>: not a text file (binary)"


def test_missing_and_folder(tmp_path):
    with pytest.raises(InputError) as e:
        read_source(tmp_path / "nope.md")
    assert "nope.md" in str(e.value)
    with pytest.raises(InputError):
        read_source(tmp_path)


# --------------------------------------------------------------------------- discover


def make_tree(root):
    files = {
        "a.md": "x",
        "b.txt": "x",
        "notes.pdf": "x",
        "script.py": "x",
        "sub/c.html": "x",
        "sub/d.markdown": "x",
        "sub/deep/e.mdx": "x",
        "sub/deep/f.htm": "x",
        "sub/deep/g.text": "x",
        "build/out.md": "x",
        "drafts/keep.md": "x",
        "drafts/skip.md": "x",
        "drafts/old/ancient.md": "x",
        ".git/HEAD.md": "x",
        ".hidden/h.md": "x",
        "node/.gitignore": "*.txt\n",
        "node/n.md": "x",
        "node/n.txt": "x",
        ".gitignore": "build/\ndrafts/skip.md\n",
    }
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def rels(found, root):
    return [os.path.relpath(real, root).replace(os.sep, "/") for _, real in found]


def test_discover_folder_respects_extensions_gitignore_and_hidden(tmp_path):
    make_tree(tmp_path)
    found = discover([str(tmp_path)], root=tmp_path)
    assert rels(found, tmp_path) == [
        "a.md",
        "b.txt",
        "drafts/keep.md",
        "drafts/old/ancient.md",
        "node/n.md",
        "sub/c.html",
        "sub/d.markdown",
        "sub/deep/e.mdx",
        "sub/deep/f.htm",
        "sub/deep/g.text",
    ]
    displays = [d for d, _ in found]
    assert displays == sorted(displays)
    assert displays[0] == os.path.join(str(tmp_path), "a.md")


def test_discover_include_exclude(tmp_path):
    make_tree(tmp_path)
    found = discover([str(tmp_path)], include=["*.md", "sub/**/*.htm"], root=tmp_path)
    assert rels(found, tmp_path) == [
        "a.md",
        "drafts/keep.md",
        "drafts/old/ancient.md",
        "node/n.md",
        "sub/deep/f.htm",
    ]
    found = discover([str(tmp_path)], exclude=["drafts/old/", "*.html", "deep"], root=tmp_path)
    assert rels(found, tmp_path) == [
        "a.md",
        "b.txt",
        "drafts/keep.md",
        "node/n.md",
        "sub/d.markdown",
    ]


def test_explicit_files_always_included(tmp_path):
    make_tree(tmp_path)
    args = [str(tmp_path / "script.py"), str(tmp_path / "build/out.md"), str(tmp_path / "sub")]
    found = discover(args, exclude=["*.py", "build/"], root=tmp_path)
    assert rels(found, tmp_path) == [
        "build/out.md",
        "script.py",
        "sub/c.html",
        "sub/d.markdown",
        "sub/deep/e.mdx",
        "sub/deep/f.htm",
        "sub/deep/g.text",
    ]


def test_relative_display_paths_and_duplicates(tmp_path, monkeypatch):
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = discover(["sub/deep", "sub/deep/e.mdx", "a.md"], root=tmp_path)
    assert [d for d, _ in found] == [
        "a.md",
        os.path.join("sub/deep", "e.mdx"),
        os.path.join("sub/deep", "f.htm"),
        os.path.join("sub/deep", "g.text"),
    ]
    assert all(real.is_file() for _, real in found)


def test_bad_pattern_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError) as e:
        discover([str(tmp_path)], exclude=["ok/", "!"], root=tmp_path)
    assert "exclude pattern '!'" in str(e.value)


def test_missing_path(tmp_path):
    with pytest.raises(InputError) as e:
        discover([str(tmp_path / "gone")], root=tmp_path)
    assert "gone" in str(e.value)


# --------------------------------------------------------------------------- write_atomic


def test_write_atomic_keeps_mode_bom_and_line_endings(tmp_path):
    f = tmp_path / "story.md"
    f.write_bytes(b"\xef\xbb\xbfold\r\n")
    os.chmod(f, 0o640)
    write_atomic(f, "new text\r\nline two\r\n", bom=True, encoding="utf-8")
    assert f.read_bytes() == b"\xef\xbb\xbfnew text\r\nline two\r\n"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.md"]
    assert read_source(f) == ("new text\r\nline two\r\n", True, "utf-8")


def test_write_atomic_utf16_roundtrip(tmp_path):
    f = tmp_path / "wide.txt"
    f.write_bytes(b"\xff\xfe" + "Zoë\n".encode("utf-16-le"))
    text, bom, enc = read_source(f)
    write_atomic(f, text.replace("Zoë", "Zoë Ångström"), bom=bom, encoding=enc)
    assert read_source(f) == ("Zoë Ångström\n", True, "utf-16-le")


def test_write_atomic_follows_symlink(tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, "new", bom=False, encoding="utf-8")
    assert link.is_symlink()
    assert target.read_text() == "new"


def test_gitignore_with_a_broken_line_still_applies(tmp_path):
    (tmp_path / ".gitignore").write_text("!\nsecret.md\n")
    (tmp_path / "secret.md").write_text("x")
    (tmp_path / "open.md").write_text("x")
    assert rels(discover([str(tmp_path)], root=tmp_path), tmp_path) == ["open.md"]
