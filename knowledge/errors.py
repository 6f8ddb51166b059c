"""Errors a person can cause and fix: each message is one sentence saying what to do."""


class CoachError(Exception):
    """Base for errors shown to people as one sentence (the CLI and UI print `str(err)`)."""


class ConfigError(CoachError):
    """A setting (model name, URL, data dir) cannot be used."""


class IndexUnavailable(CoachError):
    """The index cannot be opened or built (server down, disk full, read-only dir)."""


class UsageError(CoachError):
    """Bad usage that argparse cannot see; the command line exits 2."""
