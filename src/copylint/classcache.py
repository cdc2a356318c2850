"""The methods ``dataclasses`` writes, compiled once instead of on every run.

A ``@dataclass`` class is made by writing its ``__init__``, ``__repr__``, ``__eq__``
(and so on) as source text and ``exec``-ing it: Python's parser and compiler run on
every start. copylint makes about 24 such classes on a run (the document, rule
and promo models), 111 pieces of source, and compiling them took about 10 ms of
the 0.1 s a one-file check costs.

``install`` gives the ``dataclasses`` module an ``exec`` of its own (a module
global, found before the builtin; nothing else changes) that compiles a source
text it has seen before from the code object kept in ``classes.<python>.bin`` in
the cache folder (``classes.cpython-311.bin``: a file for each Python), and
otherwise exactly as the builtin does. The file holds code objects, which run
when loaded: like the other caches it is signed with this user's key
(``signing``) and ignored unless that signature, its layout version and the
Python build that wrote it all match. Only the command line installs it.
"""

from __future__ import annotations

import _thread
import builtins
import marshal
import os
import sys
from types import CodeType, FunctionType, ModuleType

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

#: the file's layout version (a new one ignores files written by the old)
FORMAT = 2
#: entries past which a save keeps only those this run used
MAX_ENTRIES = 600

_codes: dict[str, CodeType] | None = None
_used: set[str] = set()
_new = False
_lock = _thread.allocate_lock()


def install() -> None:
    """Let ``dataclasses`` compile the methods it writes through this cache: now if it
    is imported, else when it is (a run the results cache answers whole never
    imports it, and should not for this)."""
    module = sys.modules.get("dataclasses")
    if module is not None:
        module.exec = _exec  # type: ignore[attr-defined]
    elif _Finder not in sys.meta_path:
        sys.meta_path.insert(0, _Finder)  # type: ignore[arg-type]


class _Finder:
    """Finds ``dataclasses`` as the next finders do, with a loader that gives the
    module its ``exec`` once it has run; then steps aside."""

    @classmethod
    def find_spec(cls, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "dataclasses":
            return None
        try:
            sys.meta_path.remove(cls)  # type: ignore[arg-type]
        except ValueError:
            pass
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)  # type: ignore[assignment]
        return spec


class _Loader:
    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        # the module as the plain loader leaves it, then its own ``exec``; its
        # ``inspect`` and ``copy`` imported when it first uses them (``_Deferred``)
        module.__loader__ = module.__spec__.loader = self.loader
        stand_ins = {name: _Deferred(name, module) for name in _DEFERRED if name not in sys.modules}
        sys.modules.update(stand_ins)
        try:
            self.loader.exec_module(module)
        finally:
            for name, stand_in in stand_ins.items():
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]
        module.exec = _exec


#: modules ``dataclasses`` imports but uses only now and then: ``inspect`` (with
#: ``dis``, ``tokenize`` and ``linecache``: ~20 M instructions of a check) only to
#: write the ``__doc__`` of a class without one, ``copy`` only in ``asdict`` and
#: ``astuple``
_DEFERRED = ("inspect", "copy")


class _Deferred(ModuleType):
    """Stands in for a module ``dataclasses`` imports (as its global of that name)
    until it first uses it: then imports the real one, puts it in that global and
    hands over the attribute asked for. Only ``dataclasses`` sees it: it is in
    ``sys.modules`` just while ``dataclasses`` runs, so any other import of the
    name gets the real module. (``parsers.mdload`` uses it the same way while
    markdown-it imports, with no owner: the stand-in then stays the global of
    whichever module imported it, and hands over the real module's attributes.)

    ``dataclasses`` asks ``inspect.signature`` of a class without a doc string, to
    write one (markdown-it's ``Rule`` and ``Delimiter``): ``_signature_text`` writes
    the text without ``inspect`` where it can (~18 M instructions with ``dis``,
    ``tokenize``, ``linecache``)."""

    def __init__(self, name: str, owner: ModuleType | None) -> None:
        super().__init__(name)
        self.__owner = owner

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        if attr == "signature" and self.__name__ == "inspect" and self.__owner is not None:
            real = self.__real

            def signature(*args: Any, **kwargs: Any) -> Any:
                text = _signature_text(args[0]) if len(args) == 1 and not kwargs else None
                return text if text is not None else real("signature")(*args, **kwargs)

            return signature
        return self.__real(attr)

    def __real(self, attr: str) -> Any:
        name = self.__name__
        if sys.modules.get(name) is self:  # (asked while ``dataclasses`` runs)
            del sys.modules[name]
        real = __import__(name)
        owner = self.__owner
        if getattr(owner, name, None) is self:
            setattr(owner, name, real)
        return getattr(real, attr)


_CO_VARARGS, _CO_VARKEYWORDS = 0x04, 0x08
_EMPTY = object()


def _signature_text(cls: Any) -> str | None:
    """``str(inspect.signature(cls))`` for a class whose signature is that of the
    ``__init__`` in its own namespace, a plain function (as ``dataclasses`` writes
    it) with no positional-only, ``*args`` or ``**kwargs`` parameter, whose
    annotations are strings (``from __future__ import annotations``) and whose return
    annotation is None; None for any other class (Python 3.11 to 3.13, whose
    ``inspect`` this follows: ``_signature_from_callable``, ``Parameter.__str__``,
    ``Signature.__str__``, ``formatannotation``)."""
    if type(cls) is not type or not (3, 11) <= sys.version_info[:2] <= (3, 13):
        return None
    init = cls.__dict__.get("__init__")
    if "__new__" in cls.__dict__ or type(init) is not FunctionType:
        return None
    for obj in (cls, init):
        if (
            hasattr(obj, "__wrapped__")
            or getattr(obj, "__signature__", None) is not None
            or hasattr(obj, "_partialmethod")
            or getattr(obj, "__text_signature__", None)
        ):
            return None
    if hasattr(cls, "__code__"):
        return None
    code = init.__code__
    annotations = init.__annotations__
    npos = code.co_argcount
    defaults = init.__defaults__ or ()
    if (
        code.co_posonlyargcount
        or code.co_flags & (_CO_VARARGS | _CO_VARKEYWORDS)
        or npos < 1
        or len(defaults) > npos - 1
        or type(annotations) is not dict
        or annotations.get("return", None) is not None
    ):
        return None
    names = code.co_varnames
    first_default = npos - len(defaults)
    params = [
        (n, defaults[i - first_default] if i >= first_default else _EMPTY)
        for i, n in enumerate(names[1:npos], 1)
    ]
    kwonly = names[npos : npos + code.co_kwonlyargcount]
    kwdefaults = init.__kwdefaults__ or {}
    parts = []
    for i, (name, default) in enumerate(params + [(n, kwdefaults.get(n, _EMPTY)) for n in kwonly]):
        if i == len(params):
            parts.append("*")
        annotation = annotations.get(name, _EMPTY)
        if annotation is _EMPTY:
            text = name if default is _EMPTY else f"{name}={default!r}"
        elif type(annotation) is str:
            text = f"{name}: {annotation!r}"
            if default is not _EMPTY:
                text += f" = {default!r}"
        else:
            return None
        parts.append(text)
    return "(" + ", ".join(parts) + ")" + (" -> None" if "return" in annotations else "")


def _header() -> tuple:
    return (FORMAT, sys.version, sys.implementation.cache_tag)


def _path():
    from .signing import cache_dir, python_tag

    return cache_dir() / f"classes.{python_tag()}.bin"


def _load() -> dict[str, CodeType]:
    """The code objects of the cache file, when this user signed it for this Python;
    else none."""
    from .signing import _secret, binary_body, read_cache_file

    try:
        data = read_cache_file(_path())  # (a regular file only: never a pipe)
    except (OSError, ValueError):
        return {}
    signed_body = binary_body(data, _secret(create=False))
    if signed_body is None:
        return {}
    # the header first, alone: the code objects of another Python (a cache folder
    # shared by two) are never read, and what cannot be read is no cache (reading a
    # code object laid out otherwise raises ``SystemError``, say)
    import io

    body = io.BytesIO(signed_body)
    try:
        if marshal.load(body) != _header():
            return {}
        # the table from the bytes at once: ``marshal.load`` of a file object reads
        # each string through a call of its own (2.3 ms for 111 entries, against 0.2)
        table = marshal.loads(memoryview(signed_body)[body.tell() :])
    except Exception:  # noqa: BLE001 - a file this Python cannot read: none
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if isinstance(k, str) and isinstance(v, CodeType)}


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:  # noqa: A002
    """``exec`` as ``dataclasses`` calls it, a source text compiled from the cache."""
    global _codes, _new
    if globals is None:  # the builtin's defaults: the caller's namespaces
        frame = sys._getframe(1)
        globals = frame.f_globals
        if locals is None:
            locals = frame.f_locals
    if not isinstance(source, str):
        builtins.exec(source, globals, locals)
        return
    with _lock:
        if _codes is None:
            _codes = _load()
            import atexit

            atexit.register(save)
        code = _codes.get(source)
        if code is None:
            # as the builtin compiles a text: its file name, and none of this
            # module's ``__future__`` flags (``dataclasses`` has none)
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _codes[source] = code
            _new = True
        _used.add(source)
    builtins.exec(code, globals, locals)


def save() -> None:
    """Write the code compiled afresh this run (atomically; never raises)."""
    global _new
    with _lock:
        table = dict(_codes) if _new and _codes is not None else None
        used = set(_used)
        _new = False
    if table is not None:
        try:
            _write(table, used)
        except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
            pass


def _write(table: dict[str, CodeType], used: set[str]) -> None:
    from .cache import temp_file
    from .signing import _secret, mac_bytes

    key = _secret(create=True)
    if key is None:
        return
    merged = _load()  # what other runs wrote meanwhile
    merged.update(table)
    if len(merged) > MAX_ENTRIES:
        merged = {k: v for k, v in merged.items() if k in used}
    body = marshal.dumps(_header()) + marshal.dumps(merged)
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_file(path.parent, ".classes-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(mac_bytes(key, body) + body)
        os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):  # not renamed: a failed write
            os.unlink(tmp)
