"""What loading markdown-it costs a run: its patterns come from the cached programs
(``regexcache.routed_re_compile``), and they are the patterns ``re.compile`` makes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from copylint import regexcache

SRC = Path(__file__).resolve().parent.parent / "src"

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
    env = dict(
        os.environ,
        COPYLINT_CACHE_DIR=str(tmp_path / "cache"),
        COPYLINT_CACHE_KEY=str(tmp_path / "state" / "cache-key"),
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_markdown_its_patterns_come_from_the_cache_and_equal_re_compiles(tmp_path):
    first = _run(tmp_path)
    second = _run(tmp_path)
    for result in (first, second):
        assert result["restored"]
        assert len(result["out"]) >= 40  # markdown-it 4.3 keeps ~50
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
