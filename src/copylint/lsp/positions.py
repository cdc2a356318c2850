"""LSP positions <-> offsets into the source, in the negotiated encoding.

copylint's offsets count characters (code points). LSP counts a position's
``character`` in UTF-16 code units unless the client negotiated ``utf-8`` or
``utf-32``; its lines end at ``\\n``, ``\\r\\n`` or ``\\r`` only, exactly as
:class:`copylint.document.LineIndex` splits them (``str.splitlines`` would also
break at U+2028, form feeds and others, and put every later diagnostic on the
wrong line).
"""

from __future__ import annotations

from ..document import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _char_units(ch: str, encoding: str) -> int:
    o = ord(ch)
    if encoding == UTF16:
        return 2 if o > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
    return 1


class Positions:
    """Converts between offsets into ``index.text`` and LSP (line, character) pairs."""

    __slots__ = ("index", "encoding")

    def __init__(self, text: str | LineIndex, encoding: str = UTF16):
        self.index = text if isinstance(text, LineIndex) else LineIndex(text)
        self.encoding = encoding if encoding in ENCODINGS else UTF16

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and the character (in code units) of ``offset``."""
        line, col = self.index.position(offset)
        start = self.index.starts[line - 1]
        return line - 1, units(self.index.text[start : start + col - 1], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The offset of an LSP position. A line past the end means the end of the
        text; a character past the end of its line means the end of the line (as
        the protocol says); one inside a character's code units means its start."""
        idx = self.index
        if line < 0:
            return 0
        if line >= len(idx.starts):
            return len(idx.text)
        start, end = idx.line_bounds(line + 1)
        text = idx.text[start:end]
        if character <= 0:
            return start
        if self.encoding == UTF32 or text.isascii():
            return start + min(character, len(text))
        count = 0
        for i, ch in enumerate(text):
            count += _char_units(ch, self.encoding)
            if count > character:
                return start + i
        return end
