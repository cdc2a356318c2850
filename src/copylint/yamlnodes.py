"""Bounds on YAML aliases: a few hundred bytes of nested ``&a [*a, *a, ...]`` anchors
stand for billions of nodes once expanded (an "alias bomb")."""

from __future__ import annotations

from typing import Any

#: most nodes a YAML document may stand for with its aliases expanded
MAX_EXPANDED = 100_000


def expansion_overflow(root: Any, limit: int = MAX_EXPANDED) -> Any | None:
    """The first node (composed by PyYAML) whose aliases expand to more than ``limit``
    nodes, or None when the whole document stays within it.

    Counts each distinct node once (memoised), so the check itself is linear in the
    document; a node that contains itself (a recursive alias) overflows.
    """
    import yaml

    sizes: dict[int, int] = {}
    busy: set[int] = set()
    # iterative post-order walk: deep nesting costs no recursion
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            busy.discard(key)
            total = 1
            for child in _children(node, yaml):
                total += sizes[id(child)]
            if total > limit:
                return node
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in busy:
            return node  # a node that holds itself: endless once expanded
        busy.add(key)
        stack.append((node, True))
        for child in _children(node, yaml):
            if id(child) in busy:
                return child
            if id(child) not in sizes:
                stack.append((child, False))
    return None


def _children(node: Any, yaml: Any) -> list[Any]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
