"""The rule-set cache's key (``setcache.key_for``) takes the digest of a rule file
from the results cache's stat memo when it holds the file's status, instead of
reading the file again: the key must be the one reading every file gives, for files
in the memo, not in it, changed, gone, or larger than the load reads; and a run that
changed one draft of a folder the cache knows must take the memo's digests."""

from __future__ import annotations

import hashlib
import os
import random
import time
from pathlib import Path

import pytest

from copylint import cache
from copylint.rules import setcache
from copylint.rules.packs import MAX_RULE_FILE, pack_files


@pytest.fixture(autouse=True)
def _own_key(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYLINT_CACHE_KEY", str(tmp_path / "state" / "cache-key"))


def _memo(folder: Path, files: list[Path], lies: dict[Path, str] | None = None):
    """A results cache read back from ``folder`` whose stat memo holds ``files`` (a
    digest of ``lies`` instead of the true one where given)."""
    rc = cache.ResultCache(folder, "fp")
    since = time.time_ns() + 10 * cache.RACY_NS  # (every status counts as old enough)
    for path in files:
        sha = hashlib.blake2b(path.read_bytes(), digest_size=32).hexdigest()
        rc.note_digest(os.stat(path), (lies or {}).get(path, sha), since, cache.RULE_FILE)
    rc.put(f"{1:064x}", [])
    rc.save()
    return cache.ResultCache(folder, "fp")


def test_the_default_packs_key_is_the_same_from_the_memo(tmp_path):
    names = ("spelling", "house", "promo")
    files = pack_files(names, None)
    assert files is not None and len(files) > 50
    present = [f for f in files if f.is_file()]
    memo = _memo(tmp_path / "c", present)
    plain = setcache.key_for(names, None, False)
    assert plain is not None
    assert setcache.key_for(names, None, False, memo) == plain
    assert len(memo.stats_used) == len(present)  # (every file taken from the memo)


def test_a_key_from_the_memo_is_the_read_key_on_generated_packs(tmp_path):
    rnd = random.Random(11)
    for case in range(40):
        pack = tmp_path / f"pack{case}"
        pack.mkdir()
        files = []
        for i in range(rnd.randrange(1, 8)):
            f = pack / f"Rule{i}.yml"
            f.write_bytes(os.urandom(rnd.randrange(0, 300)))
            files.append(f)
        if rnd.random() < 0.5:
            (pack / "pack.yml").write_text("name: x\n")
            files.append(pack / "pack.yml")
        big = None
        if case % 10 == 0:  # larger than the load reads: never answered by the memo
            big = pack / "Big.yml"
            big.write_bytes(b"a" * (MAX_RULE_FILE + 5))
            files.append(big)
        noted = [f for f in files if rnd.random() < 0.8 or f is big]
        memo = _memo(tmp_path / f"c{case}", noted)
        # after the memo was made: one file written again, one removed
        if rnd.random() < 0.5:
            f = rnd.choice(files)
            f.write_bytes(os.urandom(rnd.randrange(301, 400)))
        if rnd.random() < 0.3:
            rnd.choice(files).unlink()
        names = (str(pack),)
        plain = setcache.key_for(names, None, False)
        assert setcache.key_for(names, None, False, memo) == plain, case
        if big is not None and big.exists():
            st = os.stat(big)
            assert f"{cache.RULE_FILE}{st.st_dev}:{st.st_ino}" not in memo.stats_used


def test_the_memo_is_what_answers(tmp_path):
    """A digest the memo holds wrongly (as no run writes it) changes the key: the
    file was not read."""
    pack = tmp_path / "pack"
    pack.mkdir()
    rule = pack / "Rule.yml"
    rule.write_text("message: x\n")
    names = (str(pack),)
    memo = _memo(tmp_path / "c", [rule], lies={rule: "00" * 32})
    assert setcache.key_for(names, None, False, memo) != setcache.key_for(names, None, False)


def test_a_changed_draft_run_takes_the_rule_files_from_the_memo(tmp_path, run):
    """Through the CLI: three runs over a folder, then one after a draft changed: the
    rule set's key is the same as read plainly, its files answered by the memo."""
    (tmp_path / "copylint.toml").write_text('packs = ["house"]\n')
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text(f"Teh desk {i}.\n")
    first = run("check", "--format", "json", ".")
    assert first.exit_code in (0, 1), first.output
    (tmp_path / "d0.txt").write_text("Teh desk, changed.\n")
    again = run("check", "--format", "json", ".")
    assert again.exit_code in (0, 1), again.output
    files = pack_files(("house",), None)
    assert files is not None
    memo = cache.ResultCache(tmp_path / cache.CACHE_DIR, "")
    key = setcache.key_for(("house",), None, False, memo)
    assert key == setcache.key_for(("house",), None, False)
    assert len(memo.stats_used) == sum(f.is_file() for f in files)
