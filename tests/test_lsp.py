"""copylint lsp, end to end: a real LSP client (pygls's) drives the real server
process over stdio: initialize, open, change, diagnostics, code actions, applying
their edits, hover, config changes, errors, shutdown."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402

from lsp_client import (  # noqa: E402
    change,
    client_encoding,
    diagnostics,
    open_doc,
    range_text,
    session,
    wait_for,
)

TYPO = "You can ead the statement on the council website.\n"


def run(coro):
    return asyncio.run(coro)


def by_rule(diags, rule):
    return [d for d in diags if d.code == rule]


async def actions(client, uri, rng, only=None):
    got = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=rng,
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return got or []


def edits_of(action, uri):
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


# --------------------------------------------------------------------------- diagnostics


def test_open_change_save_publish_diagnostics_with_codes_and_links(tmp_path: Path):
    async def go():
        async with session(tmp_path) as c:
            uri = open_doc(c, tmp_path / "story.md", "# Storm\n\n" + TYPO)
            diags = await diagnostics(c, uri, 1)
            [typo] = by_rule(diags, "spelling.Typos")
            enc = client_encoding(c)
            assert range_text(c.texts[uri], typo.range, enc) == "ead"
            assert typo.range.start.line == 2 and typo.range.start.character == 8
            assert typo.source == "copylint"
            assert typo.severity == types.DiagnosticSeverity.Error
            assert "read" in typo.message
            assert typo.code_description is not None
            assert typo.code_description.href.endswith("/docs/rules/spelling.Typos.md")
            # a one-word edit: the typo goes, a repeated word arrives
            v = change(
                c,
                uri,
                [types.TextEdit(range=typo.range, new_text="read")],
            )
            diags = await diagnostics(c, uri, v)
            assert by_rule(diags, "spelling.Typos") == []
            start = types.Position(line=2, character=0)
            v = change(
                c, uri, [types.TextEdit(range=types.Range(start=start, end=start), new_text="Teh ")]
            )
            diags = await diagnostics(c, uri, v)
            [typo] = by_rule(diags, "spelling.Typos")
            assert range_text(c.texts[uri], typo.range, enc) == "Teh"
            # save: checked again, same findings
            c.published.pop(uri)
            c.text_document_did_save(
                types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
            diags = await diagnostics(c, uri, v)
            assert [d.code for d in by_rule(diags, "spelling.Typos")] == ["spelling.Typos"]
            # close: the editor's list is cleared
            c.text_document_did_close(
                types.DidCloseTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=uri)
                )
            )
            assert await wait_for(c, lambda: c.published[uri][1] == [] or None)

    run(go())


def test_formats_by_language_id_and_extension(tmp_path: Path):
    html = "<p>You can ead it.</p>\n<!-- teh -->\n"

    async def go():
        async with session(tmp_path) as c:
            uri = open_doc(c, tmp_path / "page.html", html, "html")
            diags = await diagnostics(c, uri, 1)
            # the comment is markup, not prose
            assert [
                range_text(html, d.range, "utf-16") for d in by_rule(diags, "spelling.Typos")
            ] == ["ead"]
            # a plain-text language id on a file without a known extension
            uri2 = open_doc(c, tmp_path / "NOTES", "Teh end.\n", "plaintext")
            assert by_rule(await diagnostics(c, uri2, 1), "spelling.Typos")
            # code is not copy: a Python file gets nothing
            uri3 = open_doc(c, tmp_path / "x.py", "teh = 1\n", "python")
            # the server handles messages in order: once a later document's
            # diagnostics are in, the Python file's would have been too
            uri4 = open_doc(c, tmp_path / "later.md", "Fine words.\n")
            await diagnostics(c, uri4, 1)
            assert uri3 not in c.published

    run(go())


# the emoji takes 2 UTF-16 units and 4 UTF-8 bytes; the combining accent is a
# character of its own; the CJK characters take 3 UTF-8 bytes each
LINE = "😀 Café\u0301 東京 👍🏽 — You can ead the statement.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
def test_positions_in_every_negotiated_encoding(tmp_path: Path, encoding: str):
    text = "# 見出し 😀\n\n" + LINE

    async def go():
        async with session(tmp_path, [encoding]) as c:
            assert client_encoding(c) == encoding
            uri = open_doc(c, tmp_path / "story.md", text)
            [typo] = by_rule(await diagnostics(c, uri, 1), "spelling.Typos")
            prefix = LINE[: LINE.index("ead")]
            codec, width = {
                "utf-8": ("utf-8", 1),
                "utf-16": ("utf-16-le", 2),
                "utf-32": ("utf-32-le", 4),
            }[encoding]
            assert typo.range.start == types.Position(
                line=2, character=len(prefix.encode(codec)) // width
            )
            assert typo.range.end.character - typo.range.start.character == 3
            # the quick fix's edit lands on the word, in the same units
            acts = await actions(c, uri, typo.range)
            fix = next(a for a in acts if getattr(a, "title", "") == "Replace with 'read'")
            v = change(c, uri, edits_of(fix, uri))
            assert "You can read the statement." in c.texts[uri]
            diags = await diagnostics(c, uri, v)
            assert by_rule(diags, "spelling.Typos") == []
            # an edit typed after the emoji, in the client's units, reaches the right place
            prefix = "# 見出し 😀"
            at = types.Position(line=0, character=len(prefix.encode(codec)) // width)
            v = change(
                c, uri, [types.TextEdit(range=types.Range(start=at, end=at), new_text=" teh")]
            )
            diags = await diagnostics(c, uri, v)
            [typo] = by_rule(diags, "spelling.Typos")
            assert range_text(c.texts[uri], typo.range, encoding) == "teh"
            assert typo.range.start.line == 0

    run(go())


def test_positions_unit():
    from copylint.lsp.positions import Positions

    text = "a😀b\u2028c\r\nx́y\rz"
    p16, p8, p32 = (Positions(text, e) for e in ("utf-16", "utf-8", "utf-32"))
    b = text.index("b")
    assert p16.position(b) == (0, 3) and p8.position(b) == (0, 5) and p32.position(b) == (0, 2)
    # U+2028 does not end a line in LSP: c is still on line 0
    c = text.index("c")
    assert p16.position(c) == (0, 5)
    y = text.index("y")
    assert p16.position(y) == (1, 2) and p8.position(y) == (1, 3)
    assert p16.position(text.index("z")) == (2, 0)
    for p in (p16, p8, p32):
        for off in range(len(text) + 1):
            if text[off - 1 : off + 1] == "\r\n":
                continue  # between CR and LF is no place a position can name
            assert p.offset(*p.position(off)) == off
    # inside the emoji's units: its start; past a line's end: the end of the line
    assert p16.offset(0, 2) == 1 and p8.offset(0, 3) == 1
    assert p16.offset(1, 99) == text.index("\r", text.index("x"))
    assert p16.offset(9, 0) == len(text)


# --------------------------------------------------------------------------- code actions


def test_code_actions_quick_fix_fix_all_promo_and_ignore(tmp_path: Path):
    text = (
        "# Council vote\n\n"
        "The council met on Tuesday  and voted on on the budget. You can ead the report.\n\n"
        "Sign up for our newsletter to get the latest news in your inbox.\n"
    )

    async def go():
        async with session(tmp_path) as c:
            uri = open_doc(c, tmp_path / "vote.md", text)
            diags = await diagnostics(c, uri, 1)
            codes = {d.code for d in diags}
            assert {"spelling.Typos", "promo.Newsletter"} <= codes, codes
            # remove the promo block, with the block's range
            [promo] = by_rule(diags, "promo.Newsletter")
            acts = await actions(c, uri, promo.range)
            [remove] = [a for a in acts if a.title == "Remove this promo block"]
            [edit] = edits_of(remove, uri)
            assert "newsletter" in range_text(c.texts[uri], edit.range, "utf-16")
            v = change(c, uri, [edit])
            assert "newsletter" not in c.texts[uri]
            diags = await diagnostics(c, uri, v)
            assert not by_rule(diags, "promo.Newsletter")
            # every safe fix of the file at once
            assert {"house.DoubleSpaces", "house.RepeatedWords"} <= {d.code for d in diags}
            full = types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            )
            acts = await actions(c, uri, full, only=[types.CodeActionKind.SourceFixAll])
            [fix_all] = [a for a in acts if a.kind == "source.fixAll.copylint"]
            v = change(c, uri, edits_of(fix_all, uri))
            assert "The council met on Tuesday and voted on the budget." in c.texts[uri]
            after = await diagnostics(c, uri, v)
            assert {d.code for d in after} == {"spelling.Typos"}
            # ignore the typo on its line: the directive goes in, the finding goes
            [typo] = by_rule(after, "spelling.Typos")
            acts = await actions(c, uri, typo.range)
            [ignore] = [a for a in acts if a.title == "Ignore spelling.Typos on this line"]
            v = change(c, uri, edits_of(ignore, uri))
            assert "<!-- copylint-disable-line spelling.Typos -->" in c.texts[uri]
            assert not by_rule(await diagnostics(c, uri, v), "spelling.Typos")

    run(go())


def test_ignore_directive_in_plain_text(tmp_path: Path):
    async def go():
        async with session(tmp_path) as c:
            uri = open_doc(c, tmp_path / "brief.txt", "First line here.\n  " + TYPO, "plaintext")
            [typo] = by_rule(await diagnostics(c, uri, 1), "spelling.Typos")
            acts = await actions(c, uri, typo.range)
            [ignore] = [a for a in acts if a.title == "Ignore spelling.Typos on this line"]
            v = change(c, uri, edits_of(ignore, uri))
            assert c.texts[uri] == "First line here.\n  copylint: ignore spelling.Typos\n  " + TYPO
            assert not by_rule(await diagnostics(c, uri, v), "spelling.Typos")

    run(go())


def test_no_ignore_directive_offered_in_front_matter(tmp_path: Path):
    # an HTML comment in YAML front matter would become part of the value
    text = (
        "---\ntitle: A day out\ndescription: We will see the the park.\n---\n\nSee the the park.\n"
    )

    async def go():
        async with session(tmp_path) as c:
            uri = open_doc(c, tmp_path / "day.md", text)
            repeated = by_rule(await diagnostics(c, uri, 1), "house.RepeatedWords")
            assert [d.range.start.line for d in repeated] == [2, 5]
            titles = [[a.title for a in await actions(c, uri, d.range)] for d in repeated]
            ignore = "Ignore house.RepeatedWords on this line"
            assert ignore not in titles[0] and ignore in titles[1]
            assert any(t.startswith("Remove") for t in titles[0])  # the fix stays

    run(go())


def test_add_word_to_the_project_vocabulary(tmp_path: Path):
    (tmp_path / "copylint.toml").write_text('[vocab]\naccept = ["words.txt"]\n', encoding="utf-8")
    (tmp_path / "words.txt").write_text("", encoding="utf-8")
    text = "The shop sells zorblatt cheese.\n"

    async def go():
        async with session(tmp_path) as c:
            uri = open_doc(c, tmp_path / "shop.md", text)
            [typo] = by_rule(await diagnostics(c, uri, 1), "spelling.Typos")
            acts = await actions(c, uri, typo.range)
            [add] = [a for a in acts if "project vocabulary" in a.title]
            command = add.command
            assert list(command.arguments) == [uri, "zorblatt"]
            c.published.pop(uri)
            await c.workspace_execute_command_async(
                types.ExecuteCommandParams(command=command.command, arguments=command.arguments)
            )
            diags = await diagnostics(c, uri)
            assert not by_rule(diags, "spelling.Typos")
        assert (tmp_path / "words.txt").read_text(encoding="utf-8") == "zorblatt\n"

    run(go())


# --------------------------------------------------------------------------- hover


def test_hover_shows_the_rule_description_link_and_examples(tmp_path: Path):
    from copylint import Linter

    meta = Linter().ruleset.by_id["spelling.Typos"].meta

    async def go():
        async with session(tmp_path) as c:
            uri = open_doc(c, tmp_path / "story.md", TYPO)
            [typo] = by_rule(await diagnostics(c, uri, 1), "spelling.Typos")
            hover = await c.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line=0, character=9),
                )
            )
            assert hover is not None and hover.range == typo.range
            value = hover.contents.value
            assert "spelling.Typos" in value and typo.message in value
            assert meta.examples.fail[0].text.strip().splitlines()[0] in value
            assert meta.examples.passing[0].text.strip().splitlines()[0] in value
            nothing = await c.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line=0, character=1),
                )
            )
            assert nothing is None

    run(go())


# --------------------------------------------------------------------------- config


def test_config_per_file_and_reload_on_change(tmp_path: Path):
    quiet = tmp_path / "quiet"
    quiet.mkdir()
    config = quiet / "copylint.toml"
    config.write_text('[levels]\n"spelling" = "off"\n', encoding="utf-8")

    async def go():
        async with session(tmp_path) as c:
            loud = open_doc(c, tmp_path / "a.md", TYPO)
            calm = open_doc(c, quiet / "b.md", TYPO)
            assert by_rule(await diagnostics(c, loud, 1), "spelling.Typos")
            assert not by_rule(await diagnostics(c, calm, 1), "spelling.Typos")
            assert any(r.method == "workspace/didChangeWatchedFiles" for r in c.registrations)
            # the config changes on disk: the file watcher tells, the server rereads
            config.write_text('[levels]\n"house" = "off"\n', encoding="utf-8")
            c.published.clear()
            c.workspace_did_change_watched_files(
                types.DidChangeWatchedFilesParams(
                    changes=[
                        types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)
                    ]
                )
            )
            assert by_rule(await diagnostics(c, calm), "spelling.Typos")
            # a broken config: one diagnostic at its line, one message; others still served
            config.write_text('[levels]\n"house" = "loud"\n', encoding="utf-8")
            c.published.clear()
            c.workspace_did_change_watched_files(
                types.DidChangeWatchedFilesParams(
                    changes=[
                        types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)
                    ]
                )
            )
            config_uri = config.resolve().as_uri()
            [bad] = await diagnostics(c, config_uri)
            assert bad.range.start.line == 1 and "loud" in bad.message
            assert await diagnostics(c, calm) == []
            assert by_rule(await diagnostics(c, loud), "spelling.Typos")
            await wait_for(c, lambda: c.messages)
            assert [m.type for m in c.messages] == [types.MessageType.Error]
            assert "copylint.toml:2" in c.messages[0].message
            # fixed and saved in the editor: the error diagnostic goes
            config.write_text("[levels]\n", encoding="utf-8")
            c.published.pop(calm)
            c.text_document_did_save(
                types.DidSaveTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=config_uri)
                )
            )
            assert await wait_for(c, lambda: c.published[config_uri][1] == [] or None)
            assert by_rule(await diagnostics(c, calm), "spelling.Typos")

    run(go())


def test_bad_rule_file_is_shown_at_its_line(tmp_path: Path):
    pack = tmp_path / "styles" / "Ours"
    pack.mkdir(parents=True)
    (pack / "Ward.yml").write_text("extends: substitution\nmessage: [unclosed\n", encoding="utf-8")
    (tmp_path / "copylint.toml").write_text(
        'packs = ["spelling", "styles/Ours"]\n', encoding="utf-8"
    )

    async def go():
        async with session(tmp_path) as c:
            uri = open_doc(c, tmp_path / "a.md", TYPO)
            assert await diagnostics(c, uri, 1) == []
            rule_uri = (pack / "Ward.yml").resolve().as_uri()
            [bad] = await diagnostics(c, rule_uri)
            assert bad.severity == types.DiagnosticSeverity.Error
            assert bad.range.start.line >= 1
            await wait_for(c, lambda: c.messages)
            # the server is still there and serving
            other = open_doc(c, tmp_path / "b.txt", TYPO, "plaintext")
            assert await diagnostics(c, other, 1) == []

    run(go())


def test_shutdown_and_exit(tmp_path: Path):
    async def go():
        async with session(tmp_path) as c:
            server = c._server
            await c.shutdown_async(None)
            c.exit(None)
            assert await asyncio.wait_for(server.wait(), 10) == 0

    run(go())


def test_a_rule_that_fails_does_not_stop_the_others_or_the_server(tmp_path: Path):
    pack = tmp_path / "styles" / "Ours"
    pack.mkdir(parents=True)
    # a formula whose value overflows a float: the rule fails on any paragraph
    (pack / "Boom.yml").write_text(
        'extends: metric\nmessage: "Too much."\nlevel: warning\nscope: paragraph\n'
        'formula: "(words + 0.5) ** 5000"\ncondition: "> 1"\n',
        encoding="utf-8",
    )
    (tmp_path / "copylint.toml").write_text(
        'packs = ["spelling", "styles/Ours"]\n', encoding="utf-8"
    )

    async def go():
        async with session(tmp_path) as c:
            uri = open_doc(c, tmp_path / "a.md", TYPO)
            assert by_rule(await diagnostics(c, uri, 1), "spelling.Typos")
            await wait_for(c, lambda: c.messages)
            assert "Ours.Boom" in c.messages[0].message
            v = change(
                c,
                uri,
                [
                    types.TextEdit(
                        range=types.Range(
                            start=types.Position(line=0, character=0),
                            end=types.Position(line=0, character=0),
                        ),
                        new_text="Teh ",
                    )
                ],
            )
            assert len(by_rule(await diagnostics(c, uri, v), "spelling.Typos")) == 2
            assert len(c.messages) == 1  # told once

    run(go())


def test_lsp_without_pygls_says_what_to_install(tmp_path: Path):
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['pygls'] = None; "
        "from copylint.cli import main; sys.exit(main(['lsp']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert 'pip install "copylint[lsp]"' in proc.stderr


NVIM_INIT = """
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown" },
  callback = function(args)
    local id = vim.lsp.start_client({ name = "copylint", cmd = CMD, root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
"""
NVIM_CHECK = """
vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  local line = vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, false)[1]
  io.stdout:write(string.format("%d|%s|%s\\n", d.lnum + 1, line:sub(d.col + 1, d.end_col), d.message))
end
"""


def test_neovim_shows_the_diagnostics(tmp_path: Path):
    """The setup of docs/editors.md, in Neovim's built-in client (skipped without nvim)."""
    import json
    import shutil
    import subprocess
    import sys

    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("nvim is not installed")
    cmd = "{" + ", ".join(json.dumps(a) for a in (sys.executable, "-m", "copylint", "lsp")) + "}"
    (tmp_path / "init.lua").write_text(NVIM_INIT.replace("CMD", cmd), encoding="utf-8")
    (tmp_path / "check.lua").write_text(NVIM_CHECK, encoding="utf-8")
    (tmp_path / "story.md").write_text(
        "# Storm\n\nThe 😀 café 東京 crowd can ead it.\n", encoding="utf-8"
    )
    proc = subprocess.run(
        [nvim, "--headless", "-u", "init.lua", "story.md", "-c", "luafile check.lua", "-c", "qa!"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "3|ead|" in proc.stdout, (proc.stdout, proc.stderr)


def test_a_vale_project_config_is_read_and_reread(tmp_path: Path):
    ini = tmp_path / ".vale.ini"
    ini.write_text("[*]\nBasedOnStyles = house\n", encoding="utf-8")
    text = "You can ead it. He said said it.\n"

    async def go():
        async with session(tmp_path) as c:
            uri = open_doc(c, tmp_path / "a.md", text)
            assert {d.code for d in await diagnostics(c, uri, 1)} == {"house.RepeatedWords"}
            ini.write_text("[*]\nBasedOnStyles = spelling\n", encoding="utf-8")
            c.published.clear()
            c.workspace_did_change_watched_files(
                types.DidChangeWatchedFilesParams(
                    changes=[types.FileEvent(uri=ini.as_uri(), type=types.FileChangeType.Changed)]
                )
            )
            assert {d.code for d in await diagnostics(c, uri)} == {"spelling.Typos"}

    run(go())


def test_only_files_that_can_change_the_findings_reload_the_rules(tmp_path: Path):
    from copylint.lsp.server import CopylintServer

    pack = tmp_path / "desk"
    pack.mkdir()
    (pack / "Ward.yml").write_text(
        "extends: existence\nmessage: x\ntokens: [ward]\n",
        encoding="utf-8",
    )
    (tmp_path / "copylint.toml").write_text(
        'packs = ["spelling", "desk"]\n[vocab]\naccept = ["ok.txt"]\nreject = ["no.txt"]\n',
        encoding="utf-8",
    )
    for name in ("ok.txt", "no.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    ls = CopylintServer()
    assert not isinstance(ls.linter_for(str(tmp_path / "a.md")), Exception)
    for name in ("copylint.toml", ".vale.ini", "pyproject.toml", "ok.txt", "no.txt"):
        assert ls.affects_config(str(tmp_path / name)), name
    assert ls.affects_config(str(pack / "Ward.yml"))
    assert ls.affects_config(str(pack / "New.yaml"))  # a rule added to a loaded pack
    assert ls.affects_config(str(tmp_path / "styles" / "Vocab" / "Desk" / "accept.txt"))
    for name in ("mkdocs.yml", ".github/workflows/ci.yml", "requirements.txt", "notes.txt"):
        assert not ls.affects_config(str(tmp_path / name)), name
