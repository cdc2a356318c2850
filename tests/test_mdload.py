"""What loading markdown-it costs a run: its patterns come from the cached programs
(``regexcache.routed_re_compile``), and they are the patterns ``re.compile`` makes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from copylint import regexcache

SRC = Path(__file__).resolve().parent.parent / "src"


def _env(tmp_path: Path) -> dict:
    """A subprocess's environment: caches and key of its own, this checkout's code."""
    env = dict(
        os.environ,
        COPYLINT_CACHE_DIR=str(tmp_path / "cache"),
        COPYLINT_CACHE_KEY=str(tmp_path / "state" / "cache-key"),
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


#: every ``re`` pattern markdown-it and mdurl keep as module globals, checked against a fresh ``re.compile`` of its source
#: (``Pattern.__eq__`` compares the compiled code too), and whether the run took its
#: program from the file
PROBE = """
import json, re, sys
from copylint import regexcache
from copylint.parsers import markdown
md, _post = markdown._md()
seen = {}
for name, module in list(sys.modules.items()):
    if name.split(".")[0] not in ("markdown_it", "mdurl"):
        continue
    for value in list(vars(module).values()):
        if isinstance(value, re.Pattern):
            seen[(value.pattern, value.flags)] = value
out = []
for (source, flags), p in seen.items():
    fresh = regexcache._RE_COMPILE(source, flags)
    out.append([p == fresh and p.groupindex == fresh.groupindex, (source, flags & ~re.U)])
used = [list(k) for k in regexcache._re_used]
print(json.dumps({
    "new": regexcache._new, "out": out, "used": used,
    "restored": re.compile is regexcache._RE_COMPILE,
}))
"""


def _run(tmp_path: Path) -> dict:
    env = _env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_markdown_its_patterns_come_from_the_cache_and_equal_re_compiles(tmp_path):
    first = _run(tmp_path)
    second = _run(tmp_path)
    for result in (first, second):
        assert result["restored"]
        assert len(result["out"]) >= 30  # markdown-it 4.3 keeps 37 (mdurl is not imported)
        assert all(same for same, _key in result["out"])
    assert first["new"] is True
    assert second["new"] is False  # every program came from the file
    used = {(s, f & ~re.U) for s, f in second["used"]}
    assert all(tuple(key) in used for _same, key in second["out"])


def test_routed_blocks_nest_and_put_re_compile_back():
    plain = re.compile
    assert plain is regexcache._RE_COMPILE
    outer = regexcache.routed_re_compile()
    inner = regexcache.routed_re_compile()
    outer.__enter__()
    try:
        assert re.compile is not plain
        inner.__enter__()
        outer.__exit__(None, None, None)
        assert re.compile is not plain  # the inner block is still open
        p = re.compile(r"(?P<w>\w+)-\d", re.I)
        assert p == plain(r"(?P<w>\w+)-\d", re.I)
        # what ``compile_re`` does not cache goes to the real ``re.compile``
        assert re.compile(p) is p
        assert re.compile(rb"\d+", flags=re.M) == plain(rb"\d+", re.M)
    finally:
        inner.__exit__(None, None, None)
    assert re.compile is plain


# ------------------------------------------------------------------ stand-ins (mdload)

#: parses every sample with markdown-it (``shortcuts=False``), then says which of
#: the modules markdown-it asks for were really imported; PRE names modules imported
#: first (so no stand-in is used for them)
DOC_PROBE = """
import json, sys
for name in PRE:
    __import__(name)
from copylint.parsers.markdown import parse_markdown
out = []
for text in TEXTS:
    doc = parse_markdown(text, "a.md", shortcuts=False)
    out.append([
        doc.prose, sorted(doc.mask_ranges), doc.inline,
        [(b.kind, b.start, b.end, b.level, b.meta) for b in doc.blocks],
        [(d.action, list(d.rules), d.line) for d in doc.directives],
    ])
names = ("logging", "inspect", "mdurl", "markdown_it")
print(json.dumps({"docs": out, "imported": [n for n in names if n in sys.modules]}))
"""


def _probe(tmp_path: Path, source: str) -> dict:
    env = _env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", source], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_markdown_it_with_stand_ins_gives_the_same_documents(tmp_path):
    from test_parsers_markdown import _SHORTCUT_SAMPLES

    texts = [
        *_SHORTCUT_SAMPLES,
        "# Head\n\n- a [link](https://example.org/a b) and <https://x.org>\n\n```py\nx\n```\n",
        "A [ref][r] and ![alt](/p.png 'title')\n\n[r]: <https://example.org/r> \"t\"\n",
    ]
    source = f"TEXTS = {texts!r}\n"
    stand_ins = _probe(tmp_path, "PRE = ()\n" + source + DOC_PROBE)
    real = _probe(tmp_path, "PRE = ('logging', 'inspect', 'mdurl')\n" + source + DOC_PROBE)
    assert stand_ins["docs"] == real["docs"]
    assert "markdown_it" in stand_ins["imported"]
    assert "logging" not in stand_ins["imported"]
    assert "mdurl" not in stand_ins["imported"]


#: markdown-it's debug records, with the logging configured after it was imported:
#: what the stand-in's loggers hand on must read as the real loggers' (the caller's
#: function, file and line)
LOG_PROBE = """
import sys
if PRE:
    import logging
from copylint.parsers.markdown import parse_markdown
parse_markdown("# A\\n\\n    code\\n", "a.md", shortcuts=False)
import logging
logging.basicConfig(level=logging.DEBUG, stream=sys.stdout,
    format="%(name)s|%(funcName)s|%(filename)s|%(lineno)d|%(message)s")
parse_markdown("# B\\n\\n    code\\n\\n> quote\\n", "b.md", shortcuts=False)
logging.getLogger("markdown_it").setLevel(logging.INFO)
parse_markdown("# C\\n", "c.md", shortcuts=False)
"""


def test_markdown_its_loggers_log_as_the_real_ones_once_logging_is_set_up(tmp_path):
    def run(pre: bool) -> list[str]:
        env = _env(tmp_path)
        done = subprocess.run(
            [sys.executable, "-c", f"PRE = {pre!r}\n" + LOG_PROBE],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.splitlines()

    with_stand_ins = run(False)
    real = run(True)
    assert with_stand_ins == real
    assert any(line.startswith("markdown_it.rules_block.code|code|code.py|") for line in real)
    assert not any("# C" in line for line in real)


# ------------------------------------------- dataclass doc strings without ``inspect``


def _module(name: str, source: str) -> ModuleType:
    """A module made from ``source`` (in ``sys.modules`` while it runs, as
    ``dataclasses`` wants for string annotations)."""
    module = ModuleType(name)
    sys.modules[name] = module
    try:
        exec(compile(source, f"<{name}>", "exec", dont_inherit=True), vars(module))
    finally:
        del sys.modules[name]
    return module


def _generated_classes() -> list[type]:
    """Dataclasses (and a few other classes) of many shapes, with and without string
    annotations."""
    import itertools

    fields = [
        "a: int",
        "b: str = 'x'",
        "c: list = field(default_factory=list)",
        "d: 'bool | None' = None",
        "e: InitVar[int] = 3",
        "f: ClassVar[int] = 1",
        "g: int = field(default=2, init=False)",
        "h: float = field(default=1.5, kw_only=True)",
        "i: tuple = field(default=(1, 'b'), repr=False)",
        "j: int = field(kw_only=True)",
    ]
    decorators = ["@dataclass", "@dataclass(slots=True)", "@dataclass(frozen=True, eq=False)"]
    bodies = []
    for n in range(0, 4):
        for combo in itertools.combinations(fields, n):
            bodies.append(list(combo))
    classes = []
    for k, (future, deco, body) in enumerate(
        itertools.product((True, False), decorators, bodies[::3])
    ):
        # fields without defaults first (else dataclasses refuses the class)
        body = sorted(body, key=lambda f: "=" in f and "kw_only" not in f)
        src = "from __future__ import annotations\n" if future else ""
        src += "from dataclasses import dataclass, field, InitVar\n"
        src += "from typing import ClassVar, Generic, TypeVar\nT = TypeVar('T')\n"
        base = "(Generic[T])" if k % 5 == 0 else ""
        src += f"{deco}\nclass C{base}:\n    " + "\n    ".join(body or ["pass"]) + "\n"
        try:
            classes.append(_module(f"gen{k}", src).C)
        except (TypeError, ValueError):
            continue  # a field order dataclasses refuses
    src = """
from __future__ import annotations
from dataclasses import dataclass
class Meta(type):
    def __call__(cls, *a, **k): return super().__call__(*a, **k)
@dataclass
class WithMeta(metaclass=Meta):
    x: int
@dataclass
class WithNew:
    x: int
    def __new__(cls, *a, **k): return super().__new__(cls)
class Plain:
    def __init__(self, a: 'int', /, b: 'str' = 'q', *args, c: 'int' = 1, **kw) -> None: pass
class KwOnly:
    def __init__(self, a: 'int', *, b: 'str' = 'q', c=2) -> 'None': pass
class NoInit:
    pass
@dataclass
class Base:
    x: int = 1
@dataclass
class Child(Base):
    y: str = 'y'
"""
    namespace = vars(_module("special", src))
    classes += [
        v
        for v in namespace.values()
        if isinstance(v, type) and v.__module__ == "special" and not issubclass(v, type)
    ]
    return classes


def test_a_dataclass_signature_text_is_inspects():
    import inspect

    from markdown_it.ruler import Rule
    from markdown_it.rules_inline.state_inline import Delimiter

    from copylint import classcache

    classes = _generated_classes()
    written = 0
    for cls in classes:
        text = classcache._signature_text(cls)
        if text is not None:
            written += 1
            assert text == str(inspect.signature(cls)), cls
        stand_in = classcache._Deferred("inspect", ModuleType("owner"))
        assert str(stand_in.signature(cls)) == str(inspect.signature(cls))
    assert len(classes) > 100 and written > len(classes) // 3
    for cls in (Rule, Delimiter):  # the two of markdown-it without a doc string
        assert classcache._signature_text(cls) == str(inspect.signature(cls))


#: a check's start (``classcache.install`` before ``dataclasses``), then a Markdown
#: parse; the doc strings markdown-it's two dataclasses got
DOC_STRING_PROBE = """
import json, sys
from copylint import classcache
if PRE:
    import inspect
classcache.install()
import dataclasses
from copylint.parsers.markdown import parse_markdown
parse_markdown("# A [link](/x) and *stars*\\n", "a.md", shortcuts=False)
from markdown_it.ruler import Rule
from markdown_it.rules_inline.state_inline import Delimiter
print(json.dumps([Rule.__doc__, Delimiter.__doc__, "inspect" in sys.modules]))
"""


def test_markdown_it_dataclasses_get_their_doc_strings_without_inspect(tmp_path):
    fast = _probe(tmp_path, "PRE = False\n" + DOC_STRING_PROBE)
    real = _probe(tmp_path, "PRE = True\n" + DOC_STRING_PROBE)
    assert fast[:2] == real[:2]
    assert fast[0].startswith("Rule(name: 'str'")
    assert fast[2] is False


#: markdown-it imported while another thread runs: no stand-in and no routed
#: ``re.compile`` (both are process-wide), so the other thread meets neither
THREADED = """
import json, re, sys, threading
from copylint.parsers import mdload
original = re.compile
seen = set()
stop = threading.Event()
def watch():
    while not stop.is_set():
        seen.add(re.compile is original)
        seen.add(type(sys.modules.get("logging")).__name__)
t = threading.Thread(target=watch)
t.start()
mdload.markdown_it_class()
stop.set()
t.join()
import logging, markdown_it.parser_block as pb
print(json.dumps([sorted(map(str, seen)), type(pb.LOGGER).__name__]))
"""


def test_markdown_it_is_imported_plainly_while_another_thread_runs(tmp_path):
    env = _env(tmp_path)
    run = subprocess.run(
        [sys.executable, "-c", THREADED], env=env, capture_output=True, text=True, check=True
    )
    seen, logger = json.loads(run.stdout)
    assert "True" in seen and "False" not in seen  # re.compile never routed
    assert "_Logging" not in seen and logger == "Logger"  # the real logging throughout
