"""A save writes the entries it read back as views of the file read, runs of lines
that stood together in one part (``cache._body_parts``): the bytes must be those of
``cache._body``, the plain way, whatever the entries, their keys, their order and
what was dropped, replaced or added; and a results file saved so must read back
and sign as before."""

from __future__ import annotations

import json
import random
from pathlib import Path

from copylint import cache
from copylint.signing import signed, signed_parts


def _finding(rnd: random.Random) -> list:
    text = rnd.choice(["Teh", "don’t", 'a "quote"', "back\\slash", "tab\t", "é", "x" * 30])
    return [
        "house.X",
        rnd.randrange(1, 4),
        f"msg {text}",
        0,
        3,
        1,
        1,
        1,
        4,
        [],
        None,
        "",
        text,
        [],
        None,
    ]


def _key(rnd: random.Random) -> str:
    kind = rnd.randrange(10)
    if kind == 0:  # keys ``_body`` writes with ``json.dumps`` (never ours)
        return rnd.choice(["a-b", "with space", "dot.ted", "x_y"])
    return f"{rnd.getrandbits(256):064x}"


def _entries(rnd: random.Random, n: int) -> dict[str, object]:
    return {_key(rnd): [_finding(rnd) for _ in range(rnd.randrange(4))] for _ in range(n)}


def _read_back(body: bytes) -> tuple[dict, dict, bytes, bytes, dict, bytes]:
    raw = b"." * 7 + body + b"}"  # (as in a file: the body between a head and the end)
    spans: dict = {}
    found = cache._lines(raw, 7, len(raw) - 1, spans)
    assert found is not None
    entries, notes, slots, stats = found
    return entries, notes, slots, stats, spans, raw


def test_parts_are_the_plain_body_on_generated_saves():
    rnd = random.Random(13)
    kept_runs = 0
    for case in range(600):
        first = _entries(rnd, rnd.randrange(0, 40))
        notes = {f"n{i}": ["w"] for i in range(rnd.randrange(3))}
        body = cache._body(first, notes, b'{"s": "k"}', b'{"1:2":[1,2,3,"x"]}')
        entries, notes_read, slots, stats, spans, _raw = _read_back(body)
        assert notes_read == notes
        # what a save does to them: another run's entries first (no spans), ours, some
        # dropped (an older version of a slot), some replaced, new ones added
        merged: dict = {}
        if rnd.random() < 0.3:
            merged.update(_entries(rnd, rnd.randrange(5)))
        merged.update(entries)
        for key in rnd.sample(list(entries), k=min(len(entries), rnd.randrange(4))):
            merged.pop(key)
        for key in rnd.sample(list(merged), k=min(len(merged), rnd.randrange(3))):
            if rnd.random() < 0.5:
                merged[key] = [_finding(rnd)]  # replaced by a decoded value
            else:
                merged[key] = memoryview(json.dumps([_finding(rnd)]).encode())  # another view
        if rnd.random() < 0.3 and merged:  # an entry moved to the end
            key = rnd.choice(list(merged))
            merged[key] = merged.pop(key)
        merged.update(_entries(rnd, rnd.randrange(4)))
        if rnd.random() < 0.5:
            slots2: bytes | dict = slots
            stats2: bytes | dict = stats
        else:
            slots2 = {"s": "k", "t": "u"}
            stats2 = {"1:2": [1, 2, 3, "x"]}
        parts = cache._body_parts(merged, notes, slots2, stats2, spans)
        plain = cache._body(merged, notes, slots2, stats2)
        assert b"".join(parts) == plain, case
        kept_runs += sum(type(p) is memoryview for p in parts)
        # and what was written reads back as the same entries
        again = _read_back(plain)[0]
        assert {k: bytes(v) for k, v in again.items()} == {
            k: bytes(v) if type(v) is memoryview else json.dumps(v).encode()
            for k, v in merged.items()
        }
    assert kept_runs > 1000  # (the views were taken, not only the plain way)


def test_a_key_written_with_an_escape_or_not_alnum_gets_no_span():
    body = cache._body({"a-b": [], f"{5:064x}": []}, {})
    _entries_read, *_rest, spans, _raw = _read_back(body)
    assert list(spans) == [f"{5:064x}"]


def test_signed_parts_in_parts_sign_as_the_joined_body():
    key = b"k" * 32
    parts = [b'{"format": 2', memoryview(b"abc,\ndef")[2:], b"}"]
    joined = b"".join(parts)
    assert b"".join(signed_parts(parts, key)) == b"".join(signed_parts(joined, key))
    assert signed(b"".join(signed_parts(parts, key)), key)


def test_a_save_writes_the_file_the_plain_body_would(tmp_path: Path, monkeypatch):
    """Entries read, one replaced through its slot and one added: the file saved is
    the plain body of what it holds, signed, and reads back to the same entries."""
    monkeypatch.setenv("COPYLINT_CACHE_KEY", str(tmp_path / "state" / "cache-key"))
    folder = tmp_path / ".copylint_cache"
    rc = cache.ResultCache(folder, "fp")
    rnd = random.Random(5)
    keys = [f"{rnd.getrandbits(256):064x}" for _ in range(50)]
    for i, key in enumerate(keys):
        rc.put(key, [], slot=f"slot{i}")
    rc.save()
    rc = cache.ResultCache(folder, "fp")
    assert len(rc._spans) == 50
    rc.put(f"{7:064x}", [], slot="slot3")  # (replaces keys[3])
    rc.put(f"{8:064x}", [], slot="new")
    rc.save()
    raw = (folder / cache.RESULTS).read_bytes()
    entries, notes, slots, stats = cache._read(folder / cache.RESULTS)
    from copylint.signing import _secret

    key = _secret(create=False)
    assert key is not None and signed(raw, key)
    assert keys[3] not in entries and f"{8:064x}" in entries and len(entries) == 51
    plain = cache._body({k: json.loads(bytes(v)) for k, v in entries.items()}, notes, slots, stats)
    assert raw == b"".join(signed_parts(plain, key))
