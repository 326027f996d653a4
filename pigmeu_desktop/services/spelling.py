"""Spell checking in the draft's language through pyspellchecker's shipped word lists (pt, en, ...).

Loading a list takes about a second (400,000 Portuguese words), so it happens once per language in a
worker thread; after that a lookup is a set membership test (under a microsecond).
"""

from __future__ import annotations

import asyncio
import threading

# The draft language (a prompt language such as "pt-BR") → the word list shipped inside pyspellchecker.
LIST_OF_LANGUAGE = {"pt": "pt", "en": "en", "es": "es", "fr": "fr", "de": "de", "it": "it", "nl": "nl"}


class Speller:
    """Known words of one language; `known()` is safe to call from the UI thread once loaded."""

    def __init__(self, language: str) -> None:
        from spellchecker import SpellChecker

        self.language = language
        self._checker = SpellChecker(language=LIST_OF_LANGUAGE[language.split("-")[0].lower()])
        self._extra: set[str] = set()

    def known(self, word: str) -> bool:
        lower = word.lower()
        return lower in self._extra or lower in self._checker

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        found = self._checker.candidates(word.lower()) or set()
        return sorted(found - {word.lower()})[:limit]

    def learn(self, words) -> None:
        """Words that are right for this item (the book's title, authors): never marked."""
        self._extra |= {w.lower() for w in words}


_cache: dict[str, Speller] = {}
_lock = threading.Lock()


def supported(language: str) -> bool:
    return language.split("-")[0].lower() in LIST_OF_LANGUAGE


def _load(language: str) -> Speller:
    key = language.split("-")[0].lower()
    with _lock:
        if key not in _cache:
            _cache[key] = Speller(language)
        return _cache[key]


async def speller_for(language: str) -> Speller | None:
    """The language's speller, loaded once in a worker thread; None for a language without a list."""
    if not supported(language):
        return None
    return await asyncio.to_thread(_load, language)
