"""copylint: a typo and house-style linter for editorial copy."""

__version__ = "0.1.0"
