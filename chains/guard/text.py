"""The guard's view of a message: lower-cased, punctuation as spaces, misspelt symptom words
repaired, with a map back to the runner's own characters so reasons quote what they wrote."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from chains.guard import lexicon as lx

MAX_CHARS = 20_000  # the guard reads longer messages in windows of this size

_TABLE = {i: " " for i in range(128) if not chr(i).isalnum() and chr(i) not in ".,!?;'"}
_TABLE |= {ord("\n"): ".", ord("\r"): "."} | dict.fromkeys(map(ord, "‘’ʼ´`"), "'")
_ODD = re.compile(r"[^\w\s.,!?;']")  # non-ASCII punctuation and symbols
_EDGE_QUOTE = re.compile(r"(?<!\w)'|'(?!\w)")  # quotes around a word, not the one in "can't"
_TOKEN = re.compile(r"[a-z]{6,20}")
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~]")
_FUZZY: dict[str, list[tuple[str, int, frozenset[str]]]] = {}
for _word in lx.FUZZY_VOCAB:
    _FUZZY.setdefault(_word[0], []).append((_word, 1 if len(_word) <= 8 else 2, frozenset(_word)))
_VOCAB = frozenset(lx.FUZZY_VOCAB)


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance, giving up once every path exceeds `limit`."""
    two_back: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], two_back[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        two_back, prev = prev, row
    return prev[-1]


def _correct(token: str) -> str | None:
    if token in _VOCAB or token in lx.PROTECTED:
        return None
    letters = frozenset(token)
    for word, limit, word_letters in _FUZZY.get(token[0], ()):
        # subtle: cheap filters first, so only near-anagrams of a symptom word pay for a distance
        if abs(len(word) - len(token)) > limit:
            continue
        if len(letters - word_letters) <= limit and _distance(token, word, limit) <= limit:
            return word
    return None


@dataclass
class Text:
    """One message as matched (`work`), and the runner's characters it came from (`source`)."""

    work: str
    source: str
    edits: list[tuple[int, int, int, int]] = field(default_factory=list)  # new/old start, end

    def _old(self, pos: int, is_end: bool) -> int:
        shift = 0
        for new_start, new_end, old_start, old_end in self.edits:
            if pos >= new_end:
                shift = old_end - new_end
            elif pos > new_start:
                return old_end if is_end else old_start
            else:
                break
        return pos + shift

    def raw(self, start: int, end: int) -> str:
        """The runner's characters for a span of `work`, untruncated (for the net to read)."""
        return " ".join(self.source[self._old(start, False) : self._old(end, True)].split())

    def original(self, start: int, end: int) -> str:
        """The runner's own words for a span of `work`, safe to quote in Markdown."""
        words = self.source[self._old(start, False) : self._old(end, True)].split()
        return _MD_SPECIAL.sub(r"\\\g<0>", " ".join(words).strip(" ,.;"))[:80]


# Letters that look Latin but are not (Cyrillic, Greek, small capitals), folded to the Latin ones.
_CONFUSABLE = str.maketrans(
    "аеіорсухвмнктАЕІОРСУХВМНКТνοαειρτυκᴀʙᴄᴅᴇғɢʜɪᴊᴋʟᴍɴᴏᴘʀsᴛᴜᴠᴡʏᴢ",
    "aeiopcuxbmhktAEIOPCUXBMHKTvoaeiptukabcdefghijklmnoprstuvwyz",
)
# "numbbb", "tiiingling", "bladdder": a letter stretched to three or more was one letter or a
# double; which one is not known, so the guard reads both (`readings`)
_REPEATS = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)
_LEET_LETTERS = str.maketrans("013457@$", "oieastas")
_LEET = re.compile(r"(?<=[a-wyz])[013457@$]+(?=[a-z])", re.IGNORECASE)  # "t1ngling", not "10k"
_SPACED = re.compile(r"(?<![\w'’])(?:[a-z] ){2,}[a-z](?![\w'’])", re.IGNORECASE)  # "n u m b"


def normalise(message: str, runs: int = 2, lone_i: bool = False) -> str:
    """The runner's text as a reader would see it: NFKC; zero-width and other format
    characters removed without splitting the word; look-alike letters folded to Latin; runs of
    three or more of a letter collapsed; leetspeak digits inside words read as letters; letters
    spaced out joined. Shared by the guard and the parser, before either reads a message.

    >>> normalise("I can't control my blad\u200bder, tiiingling in b0th legs, n u m b")
    "I can't control my bladder, tiingling in both legs, numb"
    """
    text = unicodedata.normalize("NFKC", message)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)  # "é" is "e" and a mark, dropped below
        text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Mn"))
        text = unicodedata.normalize("NFC", text.translate(_CONFUSABLE))
    text = _REPEATS.sub(r"\1" * runs, text)
    text = _LEET.sub(lambda m: m.group().translate(_LEET_LETTERS), text)
    return _SPACED.sub(lambda m: _join(m, lone_i), text)


def _join(spaced: re.Match[str], lone_i: bool) -> str:
    """ "n u m b" is "numb"; with `lone_i`, "i d o n t" is "i dont" (the runner's "i")."""
    letters = spaced.group().split(" ")
    if lone_i and letters[0] in ("i", "I") and len(letters) > 3:
        return f"{letters[0]} {''.join(letters[1:])}"
    return "".join(letters)


def readings(message: str) -> list[str]:
    """Other ways to read a message where `normalise` had to guess: stretched letters as single
    ones ("numbbb" as "numb", where `normalise` keeps a double for "bladdder"), and a spaced-out
    run that starts with the runner's "i" ("i d o n t", where `normalise` reads "i n n e r")."""
    out = []
    if _REPEATS.search(message):
        out.append(normalise(message, runs=1))
    if re.search(r"(?<![\w'’])i (?:[a-z] ){2,}", message, re.IGNORECASE):
        out.append(normalise(message, lone_i=True))
    return out


def prepare(message: str) -> Text:
    text = message
    work = text.lower()
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"
        text = unicodedata.normalize("NFKC", text)
        work = _ODD.sub(" ", text.lower().translate(_TABLE))
    source = text if len(work) == len(text) else work  # quote from a one-to-one copy
    work = _EDGE_QUOTE.sub(" ", work.translate(_TABLE))
    if any(stem in work for stem in lx.MASK_TRIGGERS):
        work = lx.MASK.sub(lambda m: " " * len(m.group()), work)
    pieces: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    cursor = shift = 0
    seen: dict[str, str | None] = {}
    for m in _TOKEN.finditer(work):
        token = m.group()
        fixed = seen[token] if token in seen else seen.setdefault(token, _correct(token))
        if fixed:
            pieces += [work[cursor : m.start()], fixed]
            edits.append((m.start() + shift, m.start() + shift + len(fixed), m.start(), m.end()))
            shift += len(fixed) - len(token)
            cursor = m.end()
    return Text("".join([*pieces, work[cursor:]]) if edits else work, source, edits)
