"""Spelling: dictionary with dialects, context-ranked suggestions, names, vocabulary.

Import the submodules you need; nothing heavy loads until a check runs.
"""
