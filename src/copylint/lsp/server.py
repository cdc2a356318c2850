"""``copylint lsp``: findings in the editor, over the Language Server Protocol.

Built on pygls (with lsprotocol's types), installed with ``pip install
"copylint[lsp]"``. Everything a finding is made of comes from the same code as
the CLI: the config a file gets (:func:`copylint.config.resolve_config`: a
copylint config, else a Vale project's ``.vale.ini``), the checking (:meth:`copylint.engine.Linter.check_text`), the
fixes (:func:`copylint.fixer.select_edits`), ``vocab add``
(:func:`copylint.spelling.vocab.add_to_project_vocab`) and the rule docs
(:func:`copylint.docs.render_hover`). This module only translates.

The server keeps its own copy of each open document and applies the client's
changes itself, with :class:`~copylint.lsp.positions.Positions`, so that
positions are exact in every negotiated encoding and lines end where LSP says.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..config import CONFIG_NAMES, VALE_NAMES, check_against_rules, resolve_config
from ..document import Document
from ..engine import Linter, _in_front_matter
from ..errors import CopylintError
from ..findings import Finding, Severity
from ..parsers import format_for
from .positions import UTF16, Positions

log = logging.getLogger(__name__)

SOURCE = "copylint"
ADD_WORD = "copylint.addToVocabulary"
FIX_ALL_KIND = "source.fixAll.copylint"
#: rule docs of the packs shipped with copylint (``copylint docs`` writes them)
DOCS_URL = "https://github.com/copylint/copylint/blob/main/docs/rules/{}.md"
#: seconds to wait after a change that follows another closely (edits in that time
#: coalesce); the first change after a quiet spell is checked at once
DEBOUNCE = 0.02
#: files whose change can change a config: reread every config when one changes
CONFIG_FILES = (*CONFIG_NAMES, "pyproject.toml", *VALE_NAMES)
RULE_SUFFIXES = (".yml", ".yaml")
#: a Vale project's vocabulary lists
VOCAB_NAMES = ("accept.txt", "reject.txt")

_LANGUAGES = {
    "markdown": "markdown",
    "mdx": "markdown",
    "html": "html",
    "xhtml": "html",
    "plaintext": "text",
    "text": "text",
    "txt": "text",
}
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}


def format_of(language_id: str | None, path: str) -> str | None:
    """The format of a document: by language id, else by extension; None for a
    document copylint does not read (code, config files)."""
    fmt = _LANGUAGES.get((language_id or "").lower())
    if fmt is None:
        fmt = format_for(path, default="")
    return fmt or None


@dataclass
class OpenDocument:
    """A document the editor has open: its text, version and format."""

    uri: str
    text: str
    version: int | None
    fmt: str
    #: the file system path (for config and overrides), or a stand-in for unsaved ones
    path: str
    #: the Document and findings of the last check of ``text`` (None: not checked yet)
    doc: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    checked_text: str | None = None
    timer: asyncio.TimerHandle | None = None
    #: when the last change came (time.monotonic())
    last_change: float = 0.0


class CopylintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("copylint", __version__)
        self.docs: dict[str, OpenDocument] = {}
        #: folder -> the config file governing it ("" for none)
        self._config_of: dict[str, str] = {}
        #: config file ("" for the defaults, by folder) -> Linter or the error loading it
        self._linters: dict[str, Linter | CopylintError] = {}
        #: config and rule files that currently carry an error diagnostic
        self._error_uris: set[str] = set()
        self._told: set[str] = set()
        self.debounce = DEBOUNCE
        #: the position encoding negotiated at initialize
        self.encoding = UTF16
        #: the names of the packs shipped with copylint (their rules have docs online)
        self._builtin: set[str] | None = None

    # -- encoding ------------------------------------------------------------
    def positions(self, doc: OpenDocument) -> Positions:
        if doc.doc is not None and doc.checked_text == doc.text:
            return Positions(doc.doc.lines, self.encoding)
        return Positions(doc.text, self.encoding)

    # -- configs and linters --------------------------------------------------
    def linter_for(self, path: str) -> Linter | CopylintError:
        folder = str(Path(path).parent)
        key = self._config_of.get(folder)
        if key is not None and key in self._linters:
            return self._linters[key]
        warnings: list[str] = []
        try:
            cfg = resolve_config(path, warnings=warnings)
        except CopylintError as exc:
            key = exc.path or folder
            self._config_of[folder] = key
            self._linters[key] = exc
            return exc
        key = cfg.path or f"<defaults>{folder}"
        self._config_of[folder] = key
        if key not in self._linters:
            linter: Linter | CopylintError
            try:
                linter = made = Linter(cfg)
                # as the CLI does: levels and options naming no rule are warnings
                check_against_rules(cfg, made.ruleset, warnings)
            except CopylintError as exc:
                linter = exc
            for w in warnings:
                self.tell(f"warning: {w}", types.MessageType.Warning, once=True)
            self._linters[key] = linter
        return self._linters[key]

    def reload(self) -> None:
        """Forget every config and rule set, then check every open document again."""
        self._config_of.clear()
        self._linters.clear()
        self._told.clear()
        for uri in self._error_uris:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )
        self._error_uris.clear()
        for doc in list(self.docs.values()):
            self.check(doc)

    def affects_config(self, path: str) -> bool:
        """Whether a change to the file ``path`` can change what is checked: a config
        file, a rule or list file in a loaded pack, a vocabulary list. Other YAML and
        text files (mkdocs.yml, a CI workflow, requirements.txt) do not reload every
        rule set."""
        p = PurePath(path)
        if p.name in CONFIG_FILES:
            return True
        suffix = p.suffix.lower()
        if suffix not in RULE_SUFFIXES and suffix != ".txt":
            return False
        if suffix == ".txt" and p.name in VOCAB_NAMES:
            return True  # a Vale vocabulary (Vale 2 or 3 layout)
        here = Path(path).resolve()
        for linter in self._linters.values():
            if not isinstance(linter, Linter):
                return True  # a broken setup: this file may be what mends it
            cfg = linter.config
            if any(Path(f).resolve() == here for f in (*cfg.accept_files, *cfg.reject_files)):
                return True
            if any(here.is_relative_to(pk.path.resolve()) for pk in linter.ruleset.packs.values()):
                return True
        return False

    def tell(self, message: str, kind: types.MessageType, once: bool = False) -> None:
        if once:
            if message in self._told:
                return
            self._told.add(message)
        log.warning(message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def report_error(self, exc: CopylintError) -> None:
        """A bad config or rule file: one diagnostic at its line, one message."""
        if exc.path:
            uri = from_fs_path(str(Path(exc.path).resolve())) or exc.path
            line = max(0, (exc.line or 1) - 1)
            diag = types.Diagnostic(
                range=types.Range(
                    start=types.Position(line=line, character=0),
                    end=types.Position(line=line + 1, character=0),
                ),
                message=exc.message,
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
            )
            if uri not in self._error_uris:  # once, not at every keystroke
                self._error_uris.add(uri)
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=uri, diagnostics=[diag])
                )
        self.tell(f"copylint: {exc}", types.MessageType.Error, once=True)

    # -- checking --------------------------------------------------------------
    def schedule(self, doc: OpenDocument, delay: float) -> None:
        if doc.timer is not None:
            doc.timer.cancel()
        loop = asyncio.get_running_loop()
        doc.timer = loop.call_later(delay, self._timer_check, doc.uri)

    def _timer_check(self, uri: str) -> None:
        doc = self.docs.get(uri)
        if doc is not None:
            doc.timer = None
            self.check(doc)

    def fresh(self, doc: OpenDocument) -> OpenDocument:
        """``doc`` with the findings of its current text (checked now if a check is
        pending): code actions and hover work on what the user sees."""
        if doc.checked_text != doc.text:
            if doc.timer is not None:
                doc.timer.cancel()
                doc.timer = None
            self.check(doc)
        return doc

    def check(self, doc: OpenDocument) -> None:
        try:
            self._check(doc)
        except Exception as exc:  # nothing a draft does may stop the server
            log.exception("checking %s failed", doc.uri)
            self.tell(
                f"copylint: checking {doc.path} failed: {type(exc).__name__}: {exc}",
                types.MessageType.Error,
                once=True,
            )

    def _check(self, doc: OpenDocument) -> None:
        linter = self.linter_for(doc.path)
        findings: list[Finding] = []
        if isinstance(linter, CopylintError):
            self.report_error(linter)
            doc.doc, doc.findings, doc.checked_text = None, [], doc.text
        else:
            errors: list[CopylintError] = []
            parsed, findings = linter.check_text(doc.text, doc.path, doc.fmt, rule_errors=errors)
            doc.doc, doc.findings, doc.checked_text = parsed, findings, doc.text
            for err in errors:  # a rule that failed: the others' findings stand
                self.tell(f"copylint: {err}", types.MessageType.Error, once=True)
        pos = self.positions(doc)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=doc.uri,
                version=doc.version,
                diagnostics=[self.diagnostic(f, pos) for f in findings],
            )
        )

    def diagnostic(self, f: Finding, pos: Positions) -> types.Diagnostic:
        href = self.rule_link(f)
        return types.Diagnostic(
            range=to_range(pos, f.start, f.end),
            message=f.message,
            severity=_SEVERITY.get(f.severity, types.DiagnosticSeverity.Hint),
            code=f.rule,
            code_description=types.CodeDescription(href=href) if href else None,
            source=SOURCE,
        )

    def rule_meta(self, doc: OpenDocument, rule_id: str) -> Any:
        linter = self.linter_for(doc.path)
        if isinstance(linter, CopylintError):
            return None
        rule = linter.ruleset.by_id.get(rule_id)
        return rule.meta if rule is not None else None

    def rule_link(self, f: Finding) -> str:
        from ..rules.loader import builtin_packs_dir

        builtin = self._builtin
        if builtin is None:
            try:
                builtin = {p.name for p in builtin_packs_dir().iterdir() if p.is_dir()}
            except OSError:
                builtin = set()
            self._builtin = builtin
        pack = f.rule.split(".", 1)[0]
        return DOCS_URL.format(f.rule) if pack in builtin else f.link


def to_range(pos: Positions, start: int, end: int) -> types.Range:
    sl, sc = pos.position(start)
    el, ec = pos.position(end)
    return types.Range(
        start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec)
    )


def text_edit(pos: Positions, start: int, end: int, text: str, eol: str) -> types.TextEdit:
    from ..fixer import _adapt_newlines

    return types.TextEdit(range=to_range(pos, start, end), new_text=_adapt_newlines(text, eol))


server = CopylintServer()


# --------------------------------------------------------------------------- lifecycle


@server.feature(types.INITIALIZE)
def initialize(ls: CopylintServer, params: types.InitializeParams) -> None:
    # pygls chose from the client's positionEncodings (utf-8, utf-16, utf-32) and
    # announces the choice; we convert positions ourselves, in that encoding
    enc = ls.workspace.position_encoding
    ls.encoding = str(getattr(enc, "value", enc) or UTF16)
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounceMs"), int | float):
        ls.debounce = max(0.0, options["debounceMs"] / 1000)


@server.feature(types.INITIALIZED)
def initialized(ls: CopylintServer, _params: types.InitializedParams) -> None:
    caps = ls.client_capabilities
    watched = caps.workspace.did_change_watched_files if caps.workspace else None
    if watched is None or not watched.dynamic_registration:
        return  # configs are still reread when saved in the editor
    globs = [f"**/{name}" for name in CONFIG_FILES] + ["**/*.{yml,yaml}", "**/*.txt"]
    ls.client_register_capability(
        types.RegistrationParams(
            registrations=[
                types.Registration(
                    id="copylint-config-files",
                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=[types.FileSystemWatcher(glob_pattern=g) for g in globs]
                    ),
                )
            ]
        )
    )


# --------------------------------------------------------------------------- documents


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CopylintServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    path = to_fs_path(item.uri) or item.uri
    fmt = format_of(item.language_id, path)
    if fmt is None:
        return
    doc = OpenDocument(item.uri, item.text, item.version, fmt, path)
    ls.docs[item.uri] = doc
    ls.check(doc)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CopylintServer, params: types.DidChangeTextDocumentParams) -> None:
    doc = ls.docs.get(params.text_document.uri)
    if doc is None:
        return
    for change in params.content_changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            pos = Positions(doc.text, ls.encoding)
            start = pos.offset(change.range.start.line, change.range.start.character)
            end = pos.offset(change.range.end.line, change.range.end.character)
            doc.text = doc.text[:start] + change.text + doc.text[max(start, end) :]
        else:
            doc.text = change.text
    doc.version = params.text_document.version
    # the first change after a quiet spell is checked at once; the changes that
    # follow it closely (typing) wait until none has come for ``debounce``
    quiet = time.monotonic() - doc.last_change > ls.debounce
    doc.last_change = time.monotonic()
    ls.schedule(doc, 0.0 if quiet and doc.timer is None else ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CopylintServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = to_fs_path(uri)
    if path and ls.affects_config(path):
        ls.reload()
        return
    doc = ls.docs.get(uri)
    if doc is not None:
        if params.text is not None:
            doc.text = params.text
        if doc.timer is not None:
            doc.timer.cancel()
            doc.timer = None
        ls.check(doc)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CopylintServer, params: types.DidCloseTextDocumentParams) -> None:
    doc = ls.docs.pop(params.text_document.uri, None)
    if doc is not None:
        if doc.timer is not None:
            doc.timer.cancel()
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[])
        )


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: CopylintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(ls.affects_config(to_fs_path(c.uri) or c.uri) for c in params.changes):
        ls.reload()


# --------------------------------------------------------------------------- hover


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: CopylintServer, params: types.HoverParams) -> types.Hover | None:
    from ..docs import render_hover

    doc = ls.docs.get(params.text_document.uri)
    if doc is None:
        return None
    ls.fresh(doc)
    pos = ls.positions(doc)
    at = pos.offset(params.position.line, params.position.character)
    parts: list[str] = []
    shown: set[str] = set()
    first: Finding | None = None
    for f in doc.findings:
        if f.start <= at <= f.end and f.rule not in shown:
            meta = ls.rule_meta(doc, f.rule)
            if meta is None:
                continue
            shown.add(f.rule)
            first = first or f
            parts.append(f"{f.message}\n\n{render_hover(meta)}")
    if first is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n---\n\n".join(parts)),
        range=to_range(pos, first.start, first.end),
    )


# --------------------------------------------------------------------------- code actions


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
    ),
)
def code_action(ls: CopylintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    from ..fixer import line_ending, select_edits

    doc = ls.docs.get(params.text_document.uri)
    if doc is None:
        return []
    ls.fresh(doc)
    pos = ls.positions(doc)
    eol = line_ending(doc.text)
    only = params.context.only
    lo = pos.offset(params.range.start.line, params.range.start.character)
    hi = pos.offset(params.range.end.line, params.range.end.character)

    def action(title: str, f: Finding | None, edits: list[types.TextEdit], **kw: Any):
        return types.CodeAction(
            title=title,
            kind=kw.pop("kind", types.CodeActionKind.QuickFix),
            diagnostics=[ls.diagnostic(f, pos)] if f is not None else None,
            edit=types.WorkspaceEdit(changes={doc.uri: edits}) if edits else None,
            **kw,
        )

    out: list[types.CodeAction] = []
    wants_quickfix = not only or any(k.startswith("quickfix") for k in only)
    for f in doc.findings if wants_quickfix else ():
        if not (f.start <= hi and lo <= f.end):
            continue
        seen: set[str] = set()
        if f.fix is not None:
            fix = f.fix
            if f.rule.startswith("promo.") and fix.kind == "remove":
                title = "Remove this promo block"
            elif fix.kind == "remove":
                title = f"Remove '{doc.text[fix.start : fix.end]}'"
            elif fix.kind == "insert":
                title = f"Insert '{fix.text}'"
            else:
                title = f"Replace with '{fix.text}'"
                seen.add(fix.text)
            edit = text_edit(pos, fix.start, fix.end, fix.text, eol)
            out.append(action(title, f, [edit], is_preferred=fix.safe))
        span_fix = f.fix is None or (f.fix.start, f.fix.end) == (f.start, f.end)
        for s in f.suggestions if span_fix else ():
            if s not in seen:
                seen.add(s)
                out.append(
                    action(f"Replace with '{s}'", f, [text_edit(pos, f.start, f.end, s, eol)])
                )
        if f.rule.startswith("spelling.") and f.match:
            out.append(
                action(
                    f"Add '{f.match}' to the project vocabulary",
                    f,
                    [],
                    command=types.Command(
                        title="Add to the project vocabulary",
                        command=ADD_WORD,
                        arguments=[doc.uri, f.match],
                    ),
                )
            )
        if not in_front_matter(doc, f.start):  # no directive works in YAML front matter
            out.append(action(f"Ignore {f.rule} on this line", f, [ignore_edit(doc, f, pos, eol)]))
    wants_fix_all = not only or any(
        k == types.CodeActionKind.Source or k.startswith("source.fixAll") for k in only
    )
    safe = select_edits(doc.findings, unsafe=False) if wants_fix_all else []
    if safe:
        edits = [text_edit(pos, e.start, e.end, e.text, eol) for e in safe]
        out.append(
            action("Apply all safe copylint fixes in this file", None, edits, kind=FIX_ALL_KIND)
        )
    return out


def in_front_matter(doc: OpenDocument, offset: int) -> bool:
    """Whether ``offset`` is in the document's front matter, where a comment would
    become part of a YAML value (and copylint reads no directive)."""
    return doc.doc is not None and _in_front_matter(doc.doc, offset)


def ignore_edit(doc: OpenDocument, f: Finding, pos: Positions, eol: str) -> types.TextEdit:
    """The directive that suppresses ``f``'s rule on its line, in the file's format:
    an HTML comment at the end of the line in Markdown and HTML (it renders as
    nothing and splits no paragraph or list), a marker line before it in plain text."""
    line, _ = pos.position(f.start)
    start, end = pos.index.line_bounds(line + 1)
    if doc.fmt == "text":
        text = doc.text[start:end]
        indent = text[: len(text) - len(text.lstrip())]
        return text_edit(pos, start, start, f"{indent}copylint: ignore {f.rule}{eol}", eol)
    return text_edit(pos, end, end, f" <!-- copylint-disable-line {f.rule} -->", eol)


@server.command(ADD_WORD)
def add_word(ls: CopylintServer, uri: str, word: str) -> None:
    from ..spelling.vocab import add_to_project_vocab

    doc = ls.docs.get(uri)
    path = doc.path if doc is not None else (to_fs_path(uri) or uri)
    try:
        cfg = resolve_config(path)
        notes: list[str] = []
        [(_word, added, target)] = add_to_project_vocab(cfg, [word], note=notes.append)
    except (CopylintError, OSError, ValueError) as exc:
        ls.tell(f"copylint: could not add {word!r}: {exc}", types.MessageType.Error)
        return
    for n in notes:
        log.info(n)
    ls.tell(f"{'added' if added else 'already there'}: {word} ({target})", types.MessageType.Info)
    ls.reload()


def serve() -> None:
    """Serve over stdin and stdout until the client says exit."""
    server.start_io()
