"""What a message must be before anything else reads it: printable text (no control characters
or lone surrogates) and at most MAX_MESSAGE_CHARS long. The CLI, the page and its API all come
through here, so a 5 MB payload never reaches the guard, the history or Gradio's encoder."""

from __future__ import annotations

import re

MAX_MESSAGE_CHARS = 20_000
TOO_LONG = (
    "That message is {size:,} characters long, more than the {limit:,} I can read: please send "
    "the part about your back and your running in a shorter message."
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PREVIEW = 300  # characters of a refused message shown back in the chat


def clean(message: object) -> str:
    """Any value in, printable text out: no control characters or lone surrogates.

    >>> clean("numb\\ud800 foot\\x00")
    'numb? foot'
    """
    text = message if isinstance(message, str) else str(message)
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    return _CONTROL.sub(" ", text).strip()


def too_long(message: object) -> str | None:
    """The one sentence refusing a message over the limit, or None when it may go on."""
    size = len(message) if isinstance(message, str) else len(str(message))
    if size <= MAX_MESSAGE_CHARS:
        return None
    return TOO_LONG.format(size=size, limit=MAX_MESSAGE_CHARS)


def preview(message: str) -> str:
    """What the chat shows of a refused message: its start, cleaned, and its length.

    >>> preview("x" * 20_001)[-21:]
    '… (20,001 characters)'
    """
    return f"{clean(message[:_PREVIEW])}… ({len(message):,} characters)"
