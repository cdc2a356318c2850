"""A real LSP client (pygls's own) driving the real ``copylint lsp`` process over stdio.

Used by tests/test_lsp.py and benchmarks/lsp.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Union

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("copylint-test-client", "1")
        #: uri -> (version, diagnostics) of the last publishDiagnostics
        self.published: dict[str, tuple[int | None, list[types.Diagnostic]]] = {}
        self.messages: list[types.ShowMessageParams] = []
        self.registrations: list[types.Registration] = []
        self.stderr: list[str] = []
        self.changed = asyncio.Condition()
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self.result: types.InitializeResult | None = None


def _command_or_action(data: Any, _type: Any) -> types.Command | types.CodeAction:
    """A code action that runs a command has a ``command`` too: it is a CodeAction
    when that is an object (pygls's converter would make it a Command)."""
    converter = _converter()
    if isinstance(data.get("command"), str):
        return converter.structure(data, types.Command)
    return converter.structure(data, types.CodeAction)


def _converter():
    from pygls.protocol import default_converter

    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = default_converter()
    return _CONVERTER


_CONVERTER = None


def make_client() -> Client:
    client = Client()
    client.protocol._converter.register_structure_hook(
        Union[types.Command, types.CodeAction],  # noqa: UP007 (the union lsprotocol names)
        _command_or_action,
    )

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def _published(params: types.PublishDiagnosticsParams) -> None:
        async with client.changed:
            client.published[params.uri] = (params.version, list(params.diagnostics))
            client.changed.notify_all()

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    async def _message(params: types.ShowMessageParams) -> None:
        async with client.changed:
            client.messages.append(params)
            client.changed.notify_all()

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def _log(params: types.LogMessageParams) -> None:
        pass

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    return client


async def wait_for(client: Client, predicate, timeout: float = 30.0) -> Any:
    """Wait until ``predicate()`` is true (re-evaluated on every notification)."""

    async def waiter():
        async with client.changed:
            while True:
                value = predicate()
                if value:
                    return value
                await client.changed.wait()

    return await asyncio.wait_for(waiter(), timeout)


async def diagnostics(client: Client, uri: str, version: int | None = None, timeout=30.0):
    """The diagnostics published for ``uri`` (for ``version`` when given)."""

    def ready():
        got = client.published.get(uri)
        if got is None or (version is not None and got[0] != version):
            return None
        return got

    got = await wait_for(client, ready, timeout)
    return got[1]


@contextlib.asynccontextmanager
async def session(
    root: Path,
    encodings: list[str] | None = None,
    options: dict | None = None,
    watch: bool = True,
) -> AsyncIterator[Client]:
    client = make_client()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    await client.start_io(sys.executable, "-m", "copylint", "lsp", cwd=str(root), env=env)
    server = client._server
    drain = None
    if server is not None and server.stderr is not None:

        async def read_stderr(stream):
            async for line in stream:
                client.stderr.append(line.decode("utf-8", "replace"))

        drain = asyncio.create_task(read_stderr(server.stderr))
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings)
        if encodings
        else None,
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=watch
            )
        ),
    )
    client.result = await client.initialize_async(
        types.InitializeParams(
            capabilities=caps,
            process_id=os.getpid(),
            root_uri=from_fs_path(str(root)),
            initialization_options=options,
        )
    )
    client.initialized(types.InitializedParams())
    try:
        yield client
    finally:
        if not client.stopped:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.shutdown_async(None), 10)
                client.exit(None)
            if server is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(server.wait(), 10)
                if server.returncode is None:
                    server.kill()
            await client.stop()
        if drain is not None:
            drain.cancel()


def open_doc(client: Client, path: Path, text: str, language: str = "markdown") -> str:
    uri = from_fs_path(str(path))
    assert uri is not None
    client.texts[uri] = text
    client.versions[uri] = 1
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )
    return uri


def change(client: Client, uri: str, edits: list[types.TextEdit]) -> int:
    """Send ``edits`` as incremental changes (the client's copy follows); the new version."""
    text = client.texts[uri]
    encoding = client_encoding(client)
    changes = []
    # each change applies to the text as left by the ones before: last first
    for e in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start = offset_of(text, e.range.start, encoding)
        end = offset_of(text, e.range.end, encoding)
        text = text[:start] + e.new_text + text[end:]
        changes.append(types.TextDocumentContentChangePartial(range=e.range, text=e.new_text))
    client.texts[uri] = text
    client.versions[uri] += 1
    version = client.versions[uri]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=changes,
        )
    )
    return version


def client_encoding(client: Client) -> str:
    assert client.result is not None
    enc = client.result.capabilities.position_encoding or "utf-16"
    return str(getattr(enc, "value", enc))


def offset_of(text: str, pos: types.Position, encoding: str) -> int:
    """The client's own conversion, written apart from the server's: split on the
    LSP line ends, then count code units by encoding the line."""
    import re

    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    if pos.line >= len(starts):
        return len(text)
    start = starts[pos.line]
    end = starts[pos.line + 1] if pos.line + 1 < len(starts) else len(text)
    line = text[start:end].rstrip("\r\n")
    codec = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}[encoding]
    width = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]
    raw = line.encode(codec)[: pos.character * width]
    return start + len(raw.decode(codec, "ignore"))


def range_text(text: str, rng: types.Range, encoding: str) -> str:
    return text[offset_of(text, rng.start, encoding) : offset_of(text, rng.end, encoding)]
