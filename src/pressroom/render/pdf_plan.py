"""Where each chunk starts (render/pdf_parallel.py), and the cache as a layout round uses it.

A chunk's first page number is the sum of the page counts before it; the strings carried into it
are those the chunk before it left set once its running heads were decided (a shortened head is
carried on shortened). So chunks start one after the other in reading order, each as soon as its
own layout and the heads of the one before are known.
"""

from __future__ import annotations

import json


class Plan:
    """First page numbers and carried strings, known chunk by chunk in reading order."""

    def __init__(self, chunks):
        self.chunks = chunks
        self.facts: dict[int, object] = {}
        self.first_page: dict[int, int] = {}
        self.carried: dict[int, dict[str, str]] = {}
        self.left: dict[int, dict[str, str]] = {}   # the strings each chunk leaves set
        self.next_page, self.strings, self.at = 1, {}, 0

    def report(self, index: int, facts) -> None:
        self.facts[index] = facts

    def startable(self) -> int | None:
        """The next chunk in reading order whose start is known and not yet handed out: its
        own facts are in and the chunk before it settled its heads."""
        if self.at >= len(self.chunks):
            return None
        index = self.chunks[self.at].index
        if index in self.first_page or index not in self.facts:
            return None
        self.first_page[index] = self.next_page
        self.carried[index] = dict(self.strings)
        return index

    def settle(self, index: int, strings: dict[str, str]) -> None:
        """The chunk's heads are decided: the next one can start."""
        assert self.chunks[self.at].index == index, "chunks settle in reading order"
        self.left[index] = strings
        self.next_page += self.facts[index].pages
        self.strings = dict(strings)
        self.at += 1

    def done(self) -> bool:
        return self.at >= len(self.chunks)

    def anchor_pages(self) -> dict[str, int]:
        return {name: self.first_page[chunk.index] + page
                for chunk in self.chunks if not chunk.deferred
                for name, page in self.facts[chunk.index].anchors.items()}


class Store:
    """The cache as a round uses it (no cache: every look-up misses). A chunk's facts are keyed by
    its HTML; its PDF and the strings it leaves set (its heads) by its HTML, first page and the
    strings carried in."""

    def __init__(self, cache, where: str):
        self.cache, self.where = cache, where

    def facts(self, key):
        return self.cache.get(self.cache.key(self.where, key), "facts") if self.cache else None

    def _pdf_key(self, key, first_page, carried):
        return self.cache.key(self.where, key, str(first_page), json.dumps(carried, sort_keys=True))

    def pdf(self, key, first_page, carried):
        """(the strings it leaves set, its PDF), or None."""
        if not self.cache:
            return None
        where = self._pdf_key(key, first_page, carried)
        left = self.cache.get(where, "heads")
        data = self.cache.get(where, "pdf") if left is not None else None
        return (left, data) if data is not None else None

    def keep_facts(self, key, facts):
        if self.cache:
            self.cache.put(self.cache.key(self.where, key), "facts", facts)

    def keep_pdf(self, key, first_page, carried, left, data):
        if self.cache:
            where = self._pdf_key(key, first_page, carried)
            self.cache.put(where, "heads", left)
            self.cache.put(where, "pdf", data)

    def trim(self):
        if self.cache:
            self.cache.trim()
