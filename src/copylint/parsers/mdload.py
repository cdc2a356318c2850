"""Importing markdown-it for what the Markdown parser uses of it, and no more.

A run meets markdown-it with the first draft that has a heading, a list, a link or
emphasis, and paid ~138 M instructions (~24 ms) to import and set it up, in each
``-j`` worker that met one. Most of it was not markdown-it's own work:

- its ~70 ``re`` patterns, compiled at import by ``re``'s Python parser: they come
  from the cached programs (``regexcache.routed_re_compile``);
- ``logging`` (with ``traceback``, ``textwrap``, ``weakref``...): its block rules
  take a logger at import and call ``LOGGER.debug`` on every try, which with
  ``logging`` never imported (so never configured) does nothing. While markdown-it
  imports, ``logging`` is a stand-in (``_Logging``) whose loggers (``_Logger``) do
  nothing for ``debug`` while no one has imported ``logging``, and from then on
  hand every call to the real logger of that name (the caller's frame as it would
  be); anything else asked of either is the real one's;
- ``inspect`` (with ``dis``, ``tokenize``, ``linecache``), for its HTML renderer,
  which lists its own methods when made: nothing is rendered here, so the parser
  is made with a renderer that does nothing (``_NoRenderer``), and ``inspect`` is a
  stand-in while markdown-it imports (``classcache._Deferred``: the real module on
  the first attribute asked);
- ``mdurl``, used only by the link normalisers, which the parser replaces: a
  stand-in the same way.

A module someone imported before is used as it is. The stand-ins are in
``sys.modules`` only while markdown-it imports; what imported them then keeps them.
"""

from __future__ import annotations

import sys
from types import ModuleType

from ..classcache import _Deferred
from ..regexcache import routed_re_compile

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

#: modules imported, while markdown-it imports, as stand-ins for the real ones
_DEFERRED = ("inspect", "mdurl")


class _Logger:
    """What ``logging.getLogger(name)`` gave a module that imported the stand-in."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def debug(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        logging = sys.modules.get("logging")
        if logging is None or isinstance(logging, _Logging):
            return  # never imported, so never configured: a debug record is dropped
        # the real logger's record names the caller, not this frame
        kwargs["stacklevel"] = kwargs.get("stacklevel", 1) + 1
        logging.getLogger(self.name).debug(msg, *args, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        import logging

        return getattr(logging.getLogger(self.name), attr)


class _Logging(ModuleType):
    """Stands in for ``logging`` while markdown-it imports: ``getLogger`` gives a
    ``_Logger``; anything else imports the real module and is its."""

    def getLogger(self, name: str | None = None) -> Any:  # noqa: N802 - logging's name
        if name is None or not isinstance(name, str) or name == "root":
            return self.__getattr__("getLogger")(name)
        return _Logger(name)

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        if sys.modules.get("logging") is self:
            del sys.modules["logging"]
        import logging

        return getattr(logging, attr)


class _NoRenderer:
    """The parser's renderer: nothing is rendered (``RendererHTML`` lists its own
    methods with ``inspect`` when made)."""

    __output__ = "none"

    def __init__(self, parser: Any = None) -> None:
        self.rules: dict = {}

    def render(self, tokens: Any, options: Any, env: Any) -> str:
        raise NotImplementedError("copylint's markdown-it parser renders nothing")


def _alone() -> bool:
    """No thread but this one runs: the stand-ins in ``sys.modules`` and the routed
    ``re.compile`` are process-wide, so another thread (a library user's, the editor
    server's) would meet them while markdown-it imports; with one, it is imported
    plainly."""
    import _thread

    count = getattr(_thread, "_count", None)
    return count is not None and count() == 0


def markdown_it_class() -> Any:
    """``markdown_it.MarkdownIt``, imported as this module says (plainly when other
    threads run: see ``_alone``)."""
    if "markdown_it" in sys.modules or not _alone():
        from markdown_it import MarkdownIt

        return MarkdownIt
    stand_ins: dict[str, ModuleType] = {}
    if "logging" not in sys.modules:
        stand_ins["logging"] = _Logging("logging")
    for name in _DEFERRED:
        if name not in sys.modules:
            stand_ins[name] = _Deferred(name, None)
    sys.modules.update(stand_ins)
    try:
        with routed_re_compile():
            from markdown_it import MarkdownIt
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    return MarkdownIt


def make_parser(*args: Any, **kwargs: Any) -> Any:
    """``MarkdownIt(*args, **kwargs)``, with the renderer that renders nothing."""
    return markdown_it_class()(*args, renderer_cls=_NoRenderer, **kwargs)
