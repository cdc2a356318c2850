"""Promo detection: leftover newsletter prompts, teasers, ad markers and the like.

``layout`` cuts a document into lines with their layout evidence (cached per
document); ``detect`` weighs one category's phrase patterns against it.
"""

from .detect import Detector
from .layout import layout_of

__all__ = ["Detector", "layout_of"]
