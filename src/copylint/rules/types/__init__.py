"""Rule types, registered by their ``extends:`` name.

Each module ``copylint.rules.types.<name>`` names its class in ``RULE_TYPE``.
Modules are imported on first use so that start-up stays cheap.
"""

from __future__ import annotations

import importlib

from ..model import Rule

TYPES: dict[str, str] = {
    "existence": "existence",
    "substitution": "substitution",
    "occurrence": "occurrence",
    "repetition": "repetition",
    "consistency": "consistency",
    "conditional": "conditional",
    "capitalization": "capitalization",
    "metric": "metric",
    "spelling": "spelling",
    "promo": "promo",
    "balance": "balance",
    "vocab": "vocab",
}


def get_type(name: str) -> type[Rule] | None:
    module = TYPES.get(name)
    if module is None:
        return None
    mod = importlib.import_module(f"{__name__}.{module}")
    return mod.RULE_TYPE
