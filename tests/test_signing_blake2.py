"""The caches' digests and MACs are BLAKE2b, Python's own (issue 13: SHA-256 and HMAC
loaded OpenSSL, ~3 ms of every run): each compared with ``hashlib``'s BLAKE2b."""

from __future__ import annotations

import hashlib
import random

from copylint import cache, signing


def _texts(n: int) -> list[bytes]:
    rnd = random.Random(13)
    return [
        rnd.randbytes(rnd.choice((0, 1, 63, 64, 127, 128, 129, 4096, 70_000))) for _ in range(n)
    ]


def test_digests_and_macs_are_blake2b():
    rnd = random.Random(7)
    for data in _texts(60):
        assert cache.digest(data) == hashlib.blake2b(data, digest_size=32).hexdigest()
        key = rnd.randbytes(rnd.randint(32, 64))
        mac = hashlib.blake2b(data, digest_size=32, key=key)
        assert signing.mac_bytes(key, data) == mac.digest()
        # the text layout and the parts (the results file's save) sign the same
        text = data.hex()
        assert (
            signing.signed_text(text, key)
            == f'{{"mac":"{hashlib.blake2b(text.encode(), digest_size=32, key=key).hexdigest()}","data":{text}}}'
        )
        parts = [data[: len(data) // 3], memoryview(data)[len(data) // 3 :]]
        signed = b"".join(signing.signed_parts(parts, key))
        assert signed == b"".join(signing.signed_parts(data, key))
        assert signing.signed(signed, key) and not signing.signed(signed, key[:-1] + b"?")
        body = signing.binary_body(signing.mac_bytes(key, data) + data, key)
        assert body == data or (not data and body is None)


def test_a_key_longer_than_blake2b_takes_is_hashed_not_cut():
    """A key file may hold up to 256 bytes: all of them count."""
    long = bytes(range(64)) + b"and more of the key"
    other = bytes(range(64)) + b"and more of another"
    for data in _texts(10):
        mac = signing.mac_bytes(long, data)
        assert (
            mac
            == hashlib.blake2b(
                data, digest_size=32, key=hashlib.blake2b(long, digest_size=64).digest()
            ).digest()
        )
        assert mac != signing.mac_bytes(other, data)
        assert signing.binary_body(mac + data, long) == (data or None)
        assert signing.binary_body(mac + data, other) is None
