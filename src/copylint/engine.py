"""The engine: runs the rules of a rule set over a Document and makes Findings."""

from __future__ import annotations

import fnmatch
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .config import Config, config_line, rule_level
from .errors import ConfigError, CopylintError, InputError, RuleError
from .findings import Finding, Severity

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .cache import ResultCache
    from .document import Document
    from .rules.loader import RuleSet
    from .rules.model import Rule

# The rules, the parsers and the documents (and ``regex`` under them) are imported on
# first use: a run whose every file the results cache answers never loads them.


class FileResult:
    """One file's findings (or the error that stopped it) and its parsed document.

    A file checked in a worker process has its document parsed again here only when
    something asks for it (a formatter placing a finding, the fixer): a clean file
    is never parsed twice.
    """

    __slots__ = (
        "path",
        "findings",
        "error",
        "raw",
        "cacheable",
        "digest",
        "timed_out",
        "_doc",
        "_load",
        "_load_text",
        "_text",
    )

    def __init__(
        self,
        path: str,
        doc: Document | None,
        findings: list[Finding],
        error: str | None = None,
        *,
        raw: bytes | None = None,
        timed_out: tuple[str, ...] = (),
    ):
        self.path = path
        self.findings = findings
        self.error = error
        #: ids of rules skipped for this file because they ran out of time
        self.timed_out = timed_out
        #: the bytes of input that could not be read as text (stdin), kept so that
        #: ``fix -`` can give them back unchanged
        self.raw = raw
        #: False when checking the file said more than its findings (a warning on
        #: stderr), so that the results cache must not stand in for the check
        self.cacheable = True
        #: the digest of the bytes that were checked (see cache.digest), when read
        #: from a file: the results cache keeps the findings under exactly these
        self.digest: str | None = None
        self._doc = doc
        #: how to parse the file when a report or the fixer asks (set by the engine)
        self._load: Callable[[], Document] | None = None
        #: the file's text alone, unparsed: enough for a report to place findings
        self._load_text: Callable[[], Document] | None = None
        self._text: Document | None = None

    @property
    def doc(self) -> Document | None:
        if self._doc is None and self._load is not None:
            load, self._load = self._load, None
            self._doc = load()
        return self._doc

    @doc.setter
    def doc(self, value: Document | None) -> None:
        self._doc, self._load, self._load_text, self._text = value, None, None, None

    @property
    def text_doc(self) -> Document | None:
        """The document as far as a report needs it (its text and lines): the parsed
        one when there is one, else the file's text without parsing it again (a
        result from the cache or a worker; formatters read only ``doc.lines``)."""
        if self._doc is None and self._load_text is not None:
            if self._text is None:
                self._text = self._load_text()
            return self._text
        return self.doc

    def __repr__(self) -> str:
        return f"FileResult({self.path!r}, findings={len(self.findings)}, error={self.error!r})"


class Linter:
    """A config plus its loaded rules. Reuse one Linter for many files."""

    def __init__(
        self, config: Config | None = None, ruleset: RuleSet | None = None, *, lazy: bool = False
    ):
        """With ``lazy``, the rules are loaded when first needed (``ruleset``), not
        now: a run the results cache answers whole never loads them."""
        self.config = config or Config()
        #: what a Vale style asked for that copylint cannot honour (see load_packs)
        self.load_warnings: list[str] = []
        self._ruleset = ruleset
        #: the results cache (see cache.py); None: every file is checked
        self.cache: ResultCache | None = None
        if ruleset is None and not lazy:
            self._ruleset = self._load_rules()
        #: worker processes for check_files (None: decide from the number of files)
        self.jobs: int | None = None
        self._plans: dict[tuple, list[tuple[Rule, Severity]]] = {}
        #: id of a plan -> (the plan, its ``_Skips``): see ``check_document``
        self._skips: dict[int, tuple[list[tuple[Rule, Severity]], _Skips]] = {}
        #: (config, its settings) when no override can make paths differ
        self._same_for_all: tuple[Config, tuple[Config, dict[str, Severity | None]]] | None = None
        self._known_ids: set[str] | None = None
        self._warned: set[tuple[str, int, str]] = set()
        self._settings_keys: dict[int, tuple[Config, str]] = {}
        self._looked_up: tuple[list, str | None, list, dict] | None = None
        #: digests of the bytes of files whose findings came from the results cache
        self._hit_digests: dict[str, str] = {}
        #: the plan ``prepare`` last prepared, and for how many documents
        self._prepared: tuple[list[tuple[Rule, Severity]], int] | None = None

    @property
    def ruleset(self) -> RuleSet:
        """The loaded rules (loaded now if they were not yet)."""
        if self._ruleset is None:
            self._ruleset = self._load_rules()
        return self._ruleset

    def _load_rules(self) -> RuleSet:
        from .rules.loader import load_packs

        base = Path(self.config.path).parent if self.config.path else self.config.root
        try:
            return load_packs(
                self.config.packs,
                base,
                self.config.path,
                self.load_warnings if self.config.kind == "vale" else None,
                self.cache,
            )
        except RuleError as exc:
            if exc.path == self.config.path and exc.line is None:
                exc.line = config_line(self.config, "packs")  # a pack not found
            raise

    def use_cache(self, folder: Path | None = None) -> ResultCache:
        """Keep findings of unchanged files in ``folder`` (default: ``.copylint_cache``
        in the config's root) between runs.

        The key's rule part is the paths and bytes of the packs' files (``pack.yml``
        and every rule file), read without loading the rules: findings are a function
        of those bytes, so the rules need not be parsed to know a kept entry is theirs.
        """
        from .cache import CACHE_DIR, ResultCache, code_fingerprint, rules_fingerprint
        from .rules.packs import pack_files

        base = Path(self.config.path).parent if self.config.path else self.config.root
        files = pack_files(self.config.packs, base)
        if files is None:  # a pack that is not there or cannot be read: load says why
            files = []
            for pack in self.ruleset.packs.values():
                files.append(pack.path / "pack.yml")
            files.extend(Path(r.meta.path) for r in self.ruleset.rules)
        # (the file first: its stat memo answers for the rule files it knows)
        cache = ResultCache(folder or self.config.root / CACHE_DIR, "")
        rules = rules_fingerprint(files, self._word_files, cache)
        cache.fingerprint = f"{code_fingerprint()}:{rules}"
        self.cache = cache
        return cache

    def _word_files(self) -> list[Path]:
        """The files besides rule files that the loaded rules read (see Rule.word_files).
        Nothing when the rules do not load: the run reports why when it uses them."""
        try:
            rules = self.ruleset.rules
        except RuleError:
            return []
        return [Path(f) for r in rules for f in r.word_files]

    def rule_warnings(self, check: Callable[[RuleSet], list[str]]) -> list[str]:
        """The warnings ``check`` finds in the config against the loaded rules, kept in
        the results cache under everything they depend on (the rule files, the config
        and its file's bytes), so that a run the cache answers whole need not load the
        rules to give them. ``check`` may raise (a config error): nothing is kept then."""
        cache = self.cache
        key = None
        if cache is not None:
            from .cache import digest

            try:
                text = Path(self.config.path).read_bytes() if self.config.path else b""
            except OSError:
                text = b"\0unreadable"
            key = digest(f"{repr(self.config)}\0{digest(text)}".encode())
            kept = cache.get_note(key)
            if kept is not None:
                return kept
        warnings = check(self.ruleset)
        if cache is not None and key is not None:
            cache.put_note(key, warnings)
        return warnings

    def _settings_key(self, path: str) -> str:
        """Everything of the settings for ``path`` that findings depend on, as text.

        The packs' own option defaults are left out: they are part of the pack files,
        which the key holds already, and reading them would mean loading the rules."""
        if not self.config.overrides:
            known = self._settings_keys.get(0)
            if known is not None and known[0] is self.config:
                return known[1]
        cfg, levels = self._settings(path, None)
        key = repr(
            (
                cfg.dialect,
                _freeze(levels),
                _freeze(cfg.options),
                int(self.config.min_level),
                cfg.accept,
                cfg.reject,
                cfg.packs,
                cfg.ignores,
                cfg.ignored_elements,
                _freeze(cfg.formats),
                cfg.kind,
            )
        )
        if not self.config.overrides:
            self._settings_keys[0] = (self.config, key)
        return key

    # -- per-file settings -------------------------------------------------
    def settings_for(self, path: str) -> tuple[Config, dict[str, Severity | None]]:
        """The config and rule levels for ``path`` (per-glob overrides applied).

        Treat the answer as read-only: without overrides it is shared by all paths.
        """
        cfg = self.config
        same = self._same_for_all
        if same is not None and same[0] is cfg and not cfg.overrides:
            return same[1]
        settings = self._settings(path, self.ruleset.options_for)
        if not self.config.overrides:
            self._same_for_all = (self.config, settings)
        return settings

    def _settings(
        self, path: str, defaults: Callable[[str], dict[str, Any]] | None
    ) -> tuple[Config, dict[str, Severity | None]]:
        """The config and levels for ``path``, its options over the packs' option
        ``defaults`` for its dialect (None: the config's options alone)."""
        cfg = self.config
        levels = dict(cfg.levels)
        dialect = cfg.dialect
        options = dict(cfg.options)
        ignores = cfg.ignores
        rel = _relative(path, cfg.root) if cfg.overrides else path
        for ov in cfg.overrides:
            if _override_matches(ov.globs, rel, path):
                levels.update(ov.levels)
                dialect = ov.dialect or dialect
                options.update(ov.options)
                ignores += ov.ignores
        if defaults is not None:
            # the packs' defaults for the file's dialect; what the config sets wins
            options = {**defaults(dialect), **options}
        if dialect != cfg.dialect or options != cfg.options or ignores != cfg.ignores:
            import dataclasses  # (not imported by a run the results cache answers)

            cfg = dataclasses.replace(cfg, dialect=dialect, options=options, ignores=ignores)
        return cfg, levels

    def plan(self, cfg: Config, levels: dict[str, Severity | None]) -> list[tuple[Rule, Severity]]:
        key = (cfg.dialect, _freeze(levels), _freeze(cfg.options))
        plan = self._plans.get(key)
        if plan is None:
            plan = []
            for rule in self.ruleset.rules:
                meta = rule.meta
                level = rule_level(levels, meta.id, meta.level)
                if level is Severity.OFF:
                    continue
                if meta.dialects and cfg.dialect not in meta.dialects:
                    continue
                if any(cfg.options.get(k) != v for k, v in meta.when.items()):
                    continue
                plan.append((rule, level))
            self._plans[key] = plan
        return plan

    # -- checking --------------------------------------------------------
    def check_document(
        self,
        doc: Document,
        display_path: str | None = None,
        min_level: Severity | None = None,
        rule_errors: list[CopylintError] | None = None,
    ) -> list[Finding]:
        """The findings of ``doc``. A rule that fails stops the check unless
        ``rule_errors`` is given: then its error goes there and the other rules run
        (the editor server keeps serving a draft that trips one rule)."""
        path = display_path or doc.path
        cfg, levels = self.settings_for(path)
        min_level = self.config.min_level if min_level is None else min_level
        out: list[Finding] = []
        # rules read the rendered prose when the source has entities or inline tags
        # (see view.py); findings come back in the source's offsets
        prose_doc = doc.view or doc
        plan = self.plan(cfg, levels)
        kept = self._skips.get(id(plan))
        if kept is None or kept[0] is not plan:
            kept = self._skips[id(plan)] = (plan, _Skips(plan))
        for rule, level, tested in kept[1].live(prose_doc):
            if level < min_level:
                continue
            try:
                if tested:  # (its anchor test passed: ``_Skips``)
                    out.extend(_run_rule(rule, level, prose_doc, cfg, path, min_level))
                else:
                    out.extend(run_rule(rule, level, prose_doc, cfg, path, min_level))
            except CopylintError as exc:
                if rule_errors is None:
                    raise
                rule_errors.append(exc)
        if prose_doc is not doc:
            from .view import map_findings

            out = map_findings(doc, out)
        out.sort(key=lambda f: (f.start, f.end, f.rule))
        if out and (cfg.ignores or cfg.ignored_elements):
            from . import filters

            in_code = kept[1].in_code
            elements = cfg.ignored_elements
            code = [f for f in out if f.rule in in_code]
            out = filters.drop_ignored(
                doc, [f for f in out if f.rule not in in_code], cfg.ignores, elements
            )
            if code:
                others = tuple(e for e in elements if e not in ("code", "tt"))
                out += filters.drop_ignored(doc, code, cfg.ignores, others)
                out.sort(key=lambda f: (f.start, f.end, f.rule))
        self.last_warned = bool(doc.directives) and self._warn_unknown_directive_rules(doc, path)
        return _drop_duplicates(out)

    #: whether the last check_document warned about a directive
    last_warned = False

    def _warn_unknown_directive_rules(self, doc: Document, path: str) -> bool:
        """A directive naming a rule that does not exist suppresses nothing: say so on
        stderr (once per place), with the rule id it probably meant. True when the
        document has such a directive."""
        unknown = False
        known = self._known_ids
        if known is None:
            known = self._known_ids = (
                {r.meta.id for r in self.ruleset.rules} | set(self.ruleset.packs) | _builtin_ids()
            )
        for d in doc.directives:
            for name in d.rules:
                if name in known:
                    continue
                unknown = True
                if (path, d.line, name) in self._warned:
                    continue
                self._warned.add((path, d.line, name))
                import difflib

                close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.7)
                hint = f" (did you mean {close[0]}?)" if close else ""
                sys.stderr.write(
                    f"warning: {path}:{d.line}: unknown rule or pack {name!r} in a "
                    f"copylint directive: it suppresses nothing{hint}\n"
                )
        return unknown

    def check_text(
        self,
        text: str,
        path: str = "<text>",
        fmt: str | None = None,
        min_level: Severity | None = None,
        rule_errors: list[CopylintError] | None = None,
    ) -> tuple[Document, list[Finding]]:
        from .parsers import parse

        doc = parse(text, path, fmt)
        return doc, self.check_document(doc, path, min_level, rule_errors)

    def check_file(self, display: str, real: Path, fmt: str | None = None) -> FileResult:
        read_draft_bytes, digest = _READING or _reading()
        try:
            data = read_draft_bytes(real, self.config.max_file_mb)
            doc = self._parse(display, real, data, fmt)
        except InputError as exc:
            return FileResult(display, None, [], exc.message)
        findings = self.check_document(doc, display)
        result = FileResult(display, doc, findings, timed_out=tuple(doc.timed_out))
        # a rule that ran out of time said more than the findings: check again next time
        result.cacheable = not self.last_warned and not doc.timed_out
        result.digest = digest(data)
        return result

    def check_stdin(self, data: bytes, name: str, fmt: str | None = None) -> FileResult:
        """Check bytes read from standard input, reported under ``name``."""
        from .files import decode_bytes, size_limit, too_big

        try:
            if len(data) > size_limit(self.config.max_file_mb):
                raise InputError(too_big(len(data), self.config.max_file_mb), name)
            text, bom, encoding = decode_bytes(data, name)
        except InputError as exc:
            return FileResult(name, None, [], exc.message, raw=data)
        doc, findings = self.check_text(text, name, fmt)
        doc.bom, doc.encoding = bom, encoding
        return FileResult(name, doc, findings, timed_out=tuple(doc.timed_out))

    def discover(self, paths: Iterable[str]) -> list[tuple[str, Path]]:
        """Files and folders to (display, real path) pairs, with this config's filters."""
        from .files import discover

        cfg = self.config
        #: folders the last discover could not read: (display path, reason)
        self.unreadable: list[tuple[str, str]] = []
        try:
            return discover(
                list(paths),
                include=cfg.include,
                exclude=cfg.exclude,
                root=cfg.root,
                force_exclude=cfg.force_exclude,
                extensions=tuple(f".{ext}" for ext in cfg.formats),
                unreadable=self.unreadable,
            )
        except ConfigError as exc:
            if exc.path is None and exc.key and cfg.path:  # a bad include/exclude glob
                exc.path, exc.line = cfg.path, config_line(cfg, exc.key)
            raise

    def check_files(
        self, items: list[tuple[str, Path]], fmt: str | None = None
    ) -> Iterator[FileResult]:
        """Check (display, real path) pairs in order, in parallel when there are many;
        with a results cache, files whose findings it holds are not checked again."""
        cache = self.cache
        if cache is None:
            yield from self._check_files(items, fmt)
            return
        keys, hits = self.look_up(items, fmt)
        settings = self._settings_key
        misses = iter(self._check_files([it for i, it in enumerate(items) if i not in hits], fmt))
        try:
            for i, (display, real) in enumerate(items):
                found = hits.get(i)
                if found is not None:
                    result = FileResult(display, None, found)
                    checked = self._hit_digests.get(str(real), "")
                    result._load = functools.partial(
                        self._reload, result, display, real, fmt, checked
                    )
                    result._load_text = functools.partial(
                        self._reload_text, result, display, real, fmt, checked
                    )
                    yield result
                    continue
                result = next(misses)
                if keys[i] is not None and result.cacheable and result.digest is not None:
                    # keyed on the bytes that were checked, which may not be those
                    # looked up if the file changed in between
                    fmt_key, settings_key = _format_key(display, real, fmt), settings(display)
                    key = cache.key(result.digest, fmt_key, settings_key)
                    cache.put(key, result.findings, cache.slot(real, fmt_key, settings_key))
                yield result
        finally:
            cache.save()

    def look_up(
        self, items: list[tuple[str, Path]], fmt: str | None = None
    ) -> tuple[list[str | None], dict[int, list[Finding]]]:
        """Each item's cache key (None: unreadable) and the findings the results cache
        holds, by item index. Asked twice for the same list, answers once."""
        last = self._looked_up
        if last is not None and last[0] is items and last[1] == fmt:
            return last[2], last[3]
        cache = self.cache
        assert cache is not None
        keys: list[str | None] = []
        hits: dict[int, list[Finding]] = {}
        import stat
        import time

        from .cache import digest
        from .files import read_regular, size_limit

        limit = size_limit(self.config.max_file_mb)
        # (before any status is taken: see ResultCache.note_digest)
        since = time.time_ns()
        isreg = stat.S_ISREG
        for i, (display, real) in enumerate(items):
            # a draft whose status the stat memo holds is not read: its hash is known
            try:
                st = os.stat(real)
            except OSError:
                keys.append(None)  # check_file says why
                continue
            if not isreg(st.st_mode):
                keys.append(None)  # a named pipe is read once, by check_file
                continue
            sha = cache.known_digest(st) if st.st_size <= limit else None
            if sha is not None:
                size = st.st_size
            else:
                try:
                    data = read_regular(real, limit)
                except OSError:
                    keys.append(None)
                    continue
                if data is None:
                    keys.append(None)
                    continue
                if len(data) > limit:
                    keys.append(None)  # too large: check_file refuses it, reading no more
                    continue
                sha = digest(data)
                size = len(data)
                if size == st.st_size:  # (what was read is what the status says)
                    cache.note_digest(st, sha, since)
            key = cache.key(sha, _format_key(display, real, fmt), self._settings_key(display))
            keys.append(key)
            found = cache.get(key, display, size)
            if found is not None:
                hits[i] = found
                self._hit_digests[str(real)] = sha
        self._looked_up = (items, fmt, keys, hits)
        return keys, hits

    def _check_files(
        self, items: list[tuple[str, Path]], fmt: str | None = None
    ) -> Iterator[FileResult]:
        jobs = worker_count(self.jobs, len(items))
        if jobs <= 1:
            for display, real in items:
                yield self.check_file(display, real, fmt)
            return
        # data the rules need, loaded once here and shared by the workers
        self.prepare(len(items), self._formats(items, fmt))
        import gc

        gc.freeze()  # keep the collector from touching (and so copying) shared pages
        _load_libc()  # once here, not in every worker
        from .workers import Pool, WorkerDied, died

        chunks = _chunks(items, jobs)
        parent = os.getpid()

        def answer(piece: int, between: Callable[[], None] | None = None) -> list[tuple]:
            """Piece ``piece`` checked: what a child sends back of each file
            (``between()`` is called after each)."""
            out = []
            for display, real in chunks[piece]:
                r = self.check_file(display, real, fmt)
                out.append((r.findings, r.error, r.cacheable, r.timed_out, r.digest))
                if between is not None:
                    between()
            return out

        def receive(piece: int, answers: list[tuple]) -> list[FileResult]:
            out = []
            for (display, real), answer in zip(chunks[piece], answers, strict=True):
                findings, error, cacheable, late, checked = answer
                if error is not None:
                    out.append(FileResult(display, None, [], error))
                    continue
                # the report and the fixer may need the document: parse it again
                # here, but only when asked (and check it again if the file changed)
                result = FileResult(display, None, findings, timed_out=late)
                result._load = functools.partial(
                    self._reload, result, display, real, fmt, checked or ""
                )
                result._load_text = functools.partial(
                    self._reload_text, result, display, real, fmt, checked or ""
                )
                result.cacheable = cacheable
                result.digest = checked
                out.append(result)
            return out

        def check(piece: int, between: Callable[[], None]) -> list[FileResult]:
            """Piece ``piece`` checked here. Its results are made as a child's are
            (the document dropped, read again when asked): the same results, and
            the same memory, whichever process checked a file."""
            return receive(piece, answer(piece, between))

        pool = Pool(
            len(chunks), jobs - 1, check, answer, receive, functools.partial(_worker_start, parent)
        )
        try:
            yield from pool.results()
        except WorkerDied as exc:
            piece, status = exc.args
            files = chunks[piece]
            which = (
                "this file"
                if len(files) == 1
                else f"this file or one of the {len(files) - 1} after it"
            )
            raise CopylintError(
                f"a worker process {died(status)} while checking {which}", files[0][0]
            ) from None

    def prepare(self, documents: int = 2, formats: Iterable[str] = ()) -> None:
        """Let the rules that will run load their data now for about ``documents``
        documents (see ``Rule.prepare``), and import the parsers of ``formats``.

        Done before worker processes fork, so that each starts warm: what ``run_rule``
        works out once a rule (its dispatch, whether its file ships with copylint,
        which resolves the path) and the modules a first check imports (the
        parsers, filters, the time budget) are made once, here, not in each worker."""
        cfg, levels = self.settings_for(str(self.config.root))
        plan = self.plan(cfg, levels)
        done = self._prepared
        # (asked again for as many documents or fewer, as ``_check_files`` does after
        # ``cli_workflow.collect``: ready already; a rule prepared for more documents
        # is prepared for fewer)
        if done is None or done[0] is not plan or done[1] < documents:
            _runtime()
            kinds: dict[type[Rule], None] = {}
            from .rules.model import _FOLDERS

            _FOLDERS.clear()  # (rule files' folders resolved afresh: a link may have moved)
            for rule, _level in plan:
                rule.prepare(cfg, documents)
                kinds[type(rule)] = None
                if "_dispatch" not in rule.__dict__:
                    _dispatch(rule)
                rule.meta.builtin  # noqa: B018 - resolves the rule file's path once
            for kind in kinds:  # (what a type's rules share, once: Rule.prepared)
                kind.prepared(cfg)
            self.ruleset.literals.prepare()
            self._prepared = (plan, documents)
        _import_parsers(formats)

    def _formats(self, items: list[tuple[str, Path]], fmt: str | None) -> set[str]:
        """The formats ``_parse`` will parse ``items`` as."""
        if fmt is not None:
            return {fmt}
        from .parsers import format_for

        formats = self.config.formats
        out = set()
        if not formats:
            for display, _real in items:
                out.add(_format_of(display))
            return out
        for display, real in items:
            given = formats.get(real.suffix.lower().lstrip("."))
            out.add(given or format_for(display))
        return out

    def _reload(
        self,
        result: FileResult,
        display: str,
        real: Path,
        fmt: str | None,
        checked: str,
        data: bytes | None = None,
    ) -> Document:
        """The document of a file a worker checked (or the results cache answered for),
        read again; ``checked`` is the digest of the bytes its findings are of. When the
        file changed in between (another run fixed it), the findings point into text
        that is gone: check the text as it is now, or a fix would splice stale offsets."""
        from .cache import digest
        from .files import read_draft_bytes

        if data is None:
            data = read_draft_bytes(real, self.config.max_file_mb)
        doc = self._parse(display, real, data, fmt)
        if digest(data) != checked:
            result.findings = self.check_document(doc, display)
            result.timed_out = tuple(doc.timed_out)
        return doc

    def _load(self, display: str, real: Path, fmt: str | None) -> Document:
        read_draft_bytes, _digest = _READING or _reading()
        return self._parse(display, real, read_draft_bytes(real, self.config.max_file_mb), fmt)

    def _reload_text(
        self, result: FileResult, display: str, real: Path, fmt: str | None, checked: str
    ) -> Document:
        """The file's text as a document without parsing it (no blocks or masks), for
        the report; when the file changed since ``checked``, ``_reload``'s answer (the
        text as it is now, parsed and checked again)."""
        from .cache import digest
        from .files import decode_bytes, read_draft_bytes

        data = read_draft_bytes(real, self.config.max_file_mb)
        if digest(data) != checked:
            doc = self._reload(result, display, real, fmt, checked, data)
            result.doc = doc
            return doc
        from .document import Document

        text, bom, encoding = decode_bytes(data, str(real))
        doc = Document(display, text)
        doc.bom, doc.encoding = bom, encoding
        return doc

    def _parse(self, display: str, real: Path, data: bytes, fmt: str | None) -> Document:
        decode_bytes, parse = _PARSING or _parsing()
        text, bom, encoding = decode_bytes(data, str(real))
        if fmt is None and self.config.formats:
            fmt = self.config.formats.get(real.suffix.lower().lstrip("."))
        if not fmt:
            fmt = _format_of(display)  # (what ``parse`` would guess, without a path object)
        doc = parse(text, display, fmt)
        doc.bom, doc.encoding = bom, encoding
        return doc

    def check_paths(self, paths: Iterable[str], fmt: str | None = None) -> list[FileResult]:
        results = list(self.check_files(self.discover(paths), fmt))
        # a folder that could not be read: its drafts are unknown, an error
        results += [FileResult(d, None, [], reason) for d, reason in self.unreadable]
        return results


def run_rule(
    rule: Rule,
    level: Severity,
    doc: Document,
    cfg: Config,
    path: str,
    min_level: Severity = Severity.SUGGESTION,
) -> list[Finding]:
    raw, anchors = rule.__dict__.get("_dispatch") or _dispatch(rule)
    if anchors is not None:
        literals = rule.literals
        if literals is not None:  # the rule set's anchors, found once a document
            if doc.literals_in(literals, raw).isdisjoint(anchors):
                return []
        else:
            trigger = rule.trigger
            assert trigger is not None
            if raw:
                could = trigger.could_match(doc.folded_source, doc.joined_source)
            else:
                could = trigger.could_match(doc.folded_prose, doc.joined_prose)
            if not could:
                return []
    return _run_rule(rule, level, doc, cfg, path, min_level)


def _run_rule(
    rule: Rule,
    level: Severity,
    doc: Document,
    cfg: Config,
    path: str,
    min_level: Severity = Severity.SUGGESTION,
) -> list[Finding]:
    """``run_rule`` past its anchor test (which the rule passed)."""
    raw = (rule.__dict__.get("_dispatch") or _dispatch(rule))[0]
    filters, budget_running, time_budget = _RUNTIME or _runtime()
    meta = rule.meta
    in_quotes_ok = rule.checks_quotes or "quote" in meta.scope
    out: list[Finding] = []
    try:
        if meta.builtin and not budget_running():
            hits = list(rule.check(doc, cfg))  # its patterns run untimed anyway
        else:
            with time_budget(None if meta.builtin else cfg.rule_timeout):
                hits = list(rule.check(doc, cfg))
    except TimeoutError:
        # a pattern of the user's own that backtracks without end: skip the rule for
        # this document, say so, and let the run exit with 2
        sys.stderr.write(
            f"copylint: error: {path}: rule {meta.id} ({meta.path}) took more than "
            f"{cfg.rule_timeout:g} s (rule_timeout) and was skipped for this file\n"
        )
        doc.timed_out.append(meta.id)
        return []
    except CopylintError:
        raise
    except Exception as exc:  # a rule bug must not lose the whole run
        raise CopylintError(f"rule {meta.id} failed: {type(exc).__name__}: {exc}", path) from exc
    accepted = (
        _accepted(cfg.accept, meta.ignorecase)
        if meta.vale
        and cfg.accept
        and meta.vocab
        and not meta.nonword
        and meta.type in _VOCAB_TYPES
        else None
    )
    # Vale reports these at 1:1 when they concern the whole document, masked or not
    whole = meta.vale and meta.type in ("metric", "occurrence")
    for hit in hits:
        if not raw and not whole and doc.edges_masked(hit.start, hit.end):
            continue
        if accepted is not None and accepted.fullmatch(doc.source[hit.start : hit.end].strip()):
            continue  # Vale: accepted vocabulary is an exception to these rules
        if meta.vale and not whole and _in_front_matter(doc, hit.start):
            continue  # Vale does not read front matter
        if rule.word_level and not raw and doc.hides_token(hit.start, hit.end):
            continue
        if not in_quotes_ok and doc.in_quote(hit.start, hit.end):
            continue
        line, col = doc.lines.position(hit.start)
        end_line, end_col = doc.lines.position(hit.end)
        finding = Finding(
            rule=meta.id,
            severity=level,
            message=hit.message,
            start=hit.start,
            end=hit.end,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            path=path,
            suggestions=hit.suggestions,
            fix=hit.fix,
            link=meta.link,
            match=hit.match or doc.source[hit.start : hit.end],
            confidence=hit.confidence,
        )
        if filters.keep(doc, finding, min_level):
            out.append(finding)
        if meta.limit and len(out) >= meta.limit:
            break
    return out


def _dispatch(rule: Rule) -> tuple[bool, frozenset[str] | None]:
    """What ``run_rule`` reads of a rule before it runs it, worked out once a rule:
    whether it matches the source (not the prose), and the anchors one of which its
    trigger needs (None: no test, the rule always runs)."""
    from .rules.scope import reads_source

    trigger = rule.trigger
    anchors = trigger.anchors if trigger is not None else None
    found = (reads_source(rule.meta.scope), None if anchors is None else frozenset(anchors))
    rule.__dict__["_dispatch"] = found
    return found


class _Skips:
    """Which rules of a plan ``run_rule``'s anchor test would pass over in a document,
    worked out for all of them at once.

    Most rules of a plan share the rule set's literal set (``Rule.literals``): a rule
    runs on a document only where one of its anchors is among the literals found
    there. Asked rule by rule (``run_rule``), that test cost ~5,000 instructions a
    rule and document, most of it the call and the set test, and 14,544 of the 24,000
    (rule, document) pairs of the house pack over the benchmark's drafts stop there.
    Here each literal maps to the rules (bits of an ``int``, by their place in the
    plan) that it lets run, once a plan; a document's rules are then the union over
    the literals found in it (one dictionary look-up a literal found), plus every rule
    tested otherwise (no anchors, or a trigger of its own), which ``run_rule`` tests
    as before. A rule is kept exactly when one of its anchors was found: when the
    set test would have found the two sets not disjoint."""

    __slots__ = ("plan", "groups", "others", "in_code")

    def __init__(self, plan: list[tuple[Rule, Severity]]):
        self.plan = plan
        #: (literal set, raw) -> {literal: bits of the rules it lets run}
        self.groups: dict[tuple[Any, bool], dict[str, int]] = {}
        #: bits of the rules ``run_rule`` tests itself
        self.others = 0
        #: rules scoped to code: IgnoredScopes' code is theirs
        self.in_code = {rule.meta.id for rule, _ in plan if "code" in rule.meta.scope}
        for i, (rule, _) in enumerate(plan):
            raw, anchors = rule.__dict__.get("_dispatch") or _dispatch(rule)
            literals = rule.literals
            if anchors is None or literals is None:
                self.others |= 1 << i
                continue
            table = self.groups.setdefault((literals, raw), {})
            bit = 1 << i
            for literal in anchors:
                table[literal] = table.get(literal, 0) | bit

    def live(self, doc: Document) -> list[tuple[Rule, Severity, bool]]:
        """The plan's rules that are not passed over in ``doc``, in the plan's order,
        each with whether its anchor test is done (False: ``run_rule`` tests it)."""
        tested = 0
        for (literals, raw), table in self.groups.items():
            get = table.get
            for literal in doc.literals_in(literals, raw):
                tested |= get(literal, 0)
        others = self.others
        bits = tested | others
        return [
            (rule, level, not others >> i & 1)
            for i, (rule, level) in enumerate(self.plan)
            if bits >> i & 1
        ]


#: the modules ``run_rule`` needs, imported on its first call (see the note at the top)
_RUNTIME: tuple[Any, Any, Any] | None = None


def _runtime() -> tuple[Any, Any, Any]:
    global _RUNTIME
    from . import filters
    from .rules.patterns import budget_running, time_budget

    _RUNTIME = (filters, budget_running, time_budget)
    return _RUNTIME


#: what reading and parsing a file take, imported on the first file: an import
#: statement in a function costs ~3 µs a call (its relative name resolved, the
#: module's ``__path__`` looked for and the ``AttributeError`` made), and
#: ``check_file`` and ``_parse`` had four of them a file
_READING: tuple[Any, Any] | None = None
_PARSING: tuple[Any, Any] | None = None


def _reading() -> tuple[Any, Any]:
    """``files.read_draft_bytes`` and ``cache.digest`` (``check_file``'s)."""
    global _READING
    from .cache import digest
    from .files import read_draft_bytes

    _READING = (read_draft_bytes, digest)
    return _READING


def _parsing() -> tuple[Any, Any]:
    """``files.decode_bytes`` and ``parsers.parse`` (``_parse``'s)."""
    global _PARSING
    from .files import decode_bytes
    from .parsers import parse

    _PARSING = (decode_bytes, parse)
    return _PARSING


def _import_parsers(formats: Iterable[str]) -> None:
    """Import the parsers of ``formats`` (and what a check of any document imports:
    the filters, the prose view), as ``parsers.parse`` would on its first call."""
    from . import filters, view  # noqa: F401
    from .parsers import FORMATS

    for fmt in set(formats):
        if fmt == "markdown":
            from .parsers import markdown  # noqa: F401
        elif fmt == "html":
            from .parsers import html  # noqa: F401
        elif fmt in FORMATS:
            from .parsers import text  # noqa: F401


def _in_front_matter(doc: Document, offset: int) -> bool:
    block = doc.block_at(offset)
    return block is not None and (
        block.kind == "frontmatter" or block.meta.startswith("frontmatter")
    )


#: rule types whose matches the accepted vocabulary excepts in a Vale project
_VOCAB_TYPES = frozenset({"existence", "substitution"})


@functools.lru_cache(maxsize=16)
def _accepted(entries: tuple[str, ...], ignorecase: bool) -> Any:
    from .rx import whole

    regex = whole()  # (its package bound to the engine rx loaded)

    parts = []
    for entry in entries:
        try:
            regex.compile(entry)
            parts.append(f"(?:{entry})")
        except regex.error:
            parts.append(regex.escape(entry))
    return regex.compile("|".join(parts), regex.V0 | (regex.IGNORECASE if ignorecase else 0))


#: below this many files, starting worker processes costs more than it saves
PARALLEL_MIN_FILES = 32


def worker_count(jobs: int | None, files: int) -> int:
    """How many processes to check ``files`` files with."""
    if jobs is None:
        env = os.environ.get("COPYLINT_JOBS", "")
        jobs = int(env) if env.isdigit() and int(env) > 0 else None
    if jobs is None:
        if files < PARALLEL_MIN_FILES:
            return 1
        jobs = os.cpu_count() or 1
    if sys.platform != "linux":  # workers are forked: only where that is safe and cheap
        return 1
    return max(1, min(jobs, files))


#: the C library's ``prctl`` (as ``_LIBC.prctl``), loaded in the parent before the
#: workers fork (importing ``ctypes`` in each worker cost 2-10 ms apiece); None where
#: not loaded, False where it cannot be
_LIBC: Any = None


class _Libc:
    """The C library's ``prctl`` as ``ctypes.CDLL(None, use_errno=True).prctl`` is (a
    C ``int`` result, ``int`` arguments, ``errno`` kept), made from ``_ctypes`` alone:
    importing ``ctypes`` makes its ~60 types and cost 2-2.5 ms of the serial start
    before the fork, ~0.5 ms this way (loading the ``_ctypes`` extension)."""

    __slots__ = ("_handle", "prctl")

    def __init__(self) -> None:
        import _ctypes

        class Int(_ctypes._SimpleCData):  # ctypes.c_int
            _type_ = "i"

        class Function(_ctypes.CFuncPtr):  # a function of ctypes.CDLL(..., use_errno=True)
            _flags_ = _ctypes.FUNCFLAG_CDECL | _ctypes.FUNCFLAG_USE_ERRNO
            _restype_ = Int

        # (``ctypes.CDLL(None)``'s handle: the program and the libraries it loaded;
        # the stubs know a named library only, and a CDLL where any object with
        # ``_handle`` serves)
        self._handle = _ctypes.dlopen(None, _ctypes.RTLD_LOCAL)  # type: ignore[arg-type]
        self.prctl = Function(("prctl", self))  # type: ignore[arg-type]


def _load_libc() -> None:
    global _LIBC
    if _LIBC is None:
        try:
            _LIBC = _Libc()
        except (OSError, ImportError, AttributeError):  # pragma: no cover - no libc
            _LIBC = False


def _worker_start(parent: int) -> None:
    """In each worker: die with the parent (even on ``kill -9``), and leave Ctrl-C to
    the parent, which stops the workers itself (a worker interrupted mid-task left
    the pool waiting for ever). (``_signal``, the C module: ``signal`` makes three
    enums at import, and no worker needs them.)"""
    import _signal as signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked while forked
    _load_libc()  # inherited from the parent when it forked this worker
    try:
        _LIBC.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


#: the most files handed to a worker at once
CHUNK_MAX = 16


def _chunks(items: list[tuple[str, Path]], jobs: int) -> list[list[tuple[str, Path]]]:
    """``items`` cut into the pieces handed to the workers: ``CHUNK_MAX`` files at
    most (fewer hand-overs than one at a time), shrinking to one file as the work
    runs out, so that the workers finish together (with pieces of one size, the
    last worker went on alone for up to a whole piece: ~50 ms of 300 short drafts)."""
    out = []
    i, n = 0, len(items)
    while i < n:
        size = max(1, min(CHUNK_MAX, (n - i) // (jobs * 2)))
        out.append(items[i : i + size])
        i += size
    return out


def _format_key(display: str, real: Path, fmt: str | None) -> str:
    """The format part of a file's cache key: given, else from the extension (of the
    name shown, and of the real file when the config maps extensions to formats)."""
    return fmt or f"{_suffix(display)}|{real.suffix.lower()}"


#: ``parsers.format_for``'s answer for each extension (``_suffix``) met
_FORMAT_OF_SUFFIX: dict[str, str] = {}


def _format_of(display: str) -> str:
    """``parsers.format_for(display)``, asked once an extension: it reads the extension
    alone (once a file through a path object cost 1.3 ms for 300 drafts, against
    0.1 ms)."""
    if not display:
        from .parsers import format_for

        return format_for(display)
    suffix = _suffix(display)
    found = _FORMAT_OF_SUFFIX.get(suffix)
    if found is None:
        from .parsers import format_for

        found = _FORMAT_OF_SUFFIX[suffix] = format_for(display)
    return found


def _suffix(path: str) -> str:
    """``PurePath(path).suffix.lower()``, without making a path object (a warm run
    asks it of every file)."""
    if path.endswith(("/", "/.")):  # (as PurePath: no trailing slashes or "." parts)
        path = path.rstrip("/")
        while path.endswith("/."):
            path = path[:-2].rstrip("/")
    name = os.path.basename(path)
    i = name.rfind(".")
    return name[i:].lower() if 0 < i < len(name) - 1 else ""


@functools.lru_cache(maxsize=64)
def _glob_spec(globs: tuple[str, ...]) -> Any:
    """The gitignore-style matcher of an override's ``files``, as for include/exclude."""
    from pathspec import GitIgnoreSpec

    try:
        return GitIgnoreSpec.from_lines(globs)
    except Exception:  # pathspec raises its own error types: fall back to fnmatch
        return None


def _override_matches(globs: tuple[str, ...], rel: str, path: str) -> bool:
    spec = _glob_spec(globs)
    if spec is None:
        return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(path, g) for g in globs)
    return bool(spec.match_file(rel) or spec.match_file(Path(path).as_posix()))


def _builtin_ids() -> set[str]:
    """Ids of the packs shipped with copylint and of their rules, enabled or not (a
    draft may be checked under several configs: naming a rule another one runs is
    not a mistake)."""
    from .rules.loader import builtin_packs_dir, rule_files

    out: set[str] = set()
    try:
        for pack in builtin_packs_dir().iterdir():
            if pack.is_dir():
                out.add(pack.name)
                out.update(f"{pack.name}.{f.stem}" for f in rule_files(pack))
    except OSError:
        pass
    return out


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def _drop_duplicates(findings: list[Finding]) -> list[Finding]:
    """One finding per span and fix: two packs may flag the same word with the same
    correction ("colour" -> "color" by spelling and by house); the most severe stays."""
    out: list[Finding] = []
    where: dict[tuple[int, int, str], int] = {}
    for f in findings:
        key = (f.start, f.end, f.fix.text) if f.fix is not None else None
        if key is None or key not in where:
            if key is not None:
                where[key] = len(out)
            out.append(f)
        elif f.severity > out[where[key]].severity:
            out[where[key]] = f
    return out


def _freeze(options: dict[str, Any]) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in options.items()))
