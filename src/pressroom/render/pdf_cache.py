"""The chunk cache under build/.cache/pdf: what a rebuild can take instead of laying a chunk out.

Two kinds of entry, both keyed by a hash of everything a chunk's layout reads (its HTML, the
stylesheets, the fonts, the edition, WeasyPrint's version and the code of the PDF renderer):
its facts (page count, anchors, bookmarks, strings; they do not depend on where it starts), and
its PDF with the strings it leaves set (its running heads decided), whose key adds its first
page number and the running-head strings carried in. An entry
is written to a temporary file and renamed (a concurrent build sees a whole entry or none), holds
a checksum of its content (an entry that does not match is ignored and removed, never used), and
the cache is trimmed to its size limit, least recently used first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
from pathlib import Path

log = logging.getLogger(__name__)

CACHE_VARIABLE = "PRESSROOM_CACHE"          # a folder, or "off"
DEFAULT_FOLDER = Path("build/.cache/pdf")
LIMIT_VARIABLE = "PRESSROOM_CACHE_MB"
# The report at 50× lays out into ~150 chunks of ~60 kB (each with its font subsets): 256 MB keeps
# several such documents and editions.
DEFAULT_LIMIT_MB = 256
FORMAT = "pressroom-pdf-chunk-2"            # bump when an entry's layout changes


class Cache:
    """Chunk facts and PDFs on disk; every failure to read is a miss."""

    def __init__(self, folder: Path, limit_bytes: int, salt: str):
        self.folder, self.limit, self.salt = Path(folder), limit_bytes, salt
        self.hits = self.misses = 0

    @classmethod
    def from_environment(cls, salt: str) -> Cache | None:
        value = os.environ.get(CACHE_VARIABLE, "").strip()
        if value.lower() in ("off", "0", "no"):
            return None
        limit = int(os.environ.get(LIMIT_VARIABLE, DEFAULT_LIMIT_MB)) * 2**20
        return cls(Path(value) if value else DEFAULT_FOLDER, limit, salt)

    def key(self, *parts: str) -> str:
        digest = hashlib.sha256(self.salt.encode())
        for part in parts:
            digest.update(b"\0" + part.encode())
        return digest.hexdigest()

    def _path(self, key: str, kind: str) -> Path:
        return self.folder / key[:2] / f"{key}.{kind}"

    def get(self, key: str, kind: str):
        """The value stored under `key`, or None (missing, unreadable or corrupt)."""
        path = self._path(key, kind)
        try:
            blob = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        head, _, body = blob.partition(b"\n")
        try:
            meta = json.loads(head)
            if meta.get("format") != FORMAT or meta.get("sha256") != hashlib.sha256(body).hexdigest():
                raise ValueError("checksum")
            value = pickle.loads(body) if kind != "pdf" else body
        except (ValueError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            log.debug("ignored a corrupt cache entry %s", path.name)
            path.unlink(missing_ok=True)
            self.misses += 1
            return None
        os.utime(path)  # recently used: trimmed last
        self.hits += 1
        return value

    def put(self, key: str, kind: str, value) -> None:
        body = pickle.dumps(value, protocol=4) if kind != "pdf" else value
        head = json.dumps({"format": FORMAT, "sha256": hashlib.sha256(body).hexdigest()})
        path = self._path(key, kind)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(head.encode() + b"\n" + body)
            os.replace(temporary, path)
        except OSError as exc:  # a cache that cannot be written only costs time
            log.debug("cache entry not written: %s", exc)
            temporary.unlink(missing_ok=True)

    def trim(self) -> None:
        """Remove the least recently used entries until the cache fits its limit."""
        try:
            entries = [(p.stat().st_mtime, p.stat().st_size, p)
                       for p in self.folder.glob("*/*") if not p.name.startswith(".")]
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            path.unlink(missing_ok=True)
            total -= size


def code_salt(edition, sheets: list[str]) -> str:
    """What every key of a build shares: the cache format, WeasyPrint's version, the renderer's
    code, the edition, the stylesheets and the fonts."""
    from .pdf import weasyprint  # the one lazy import (the first, in a chunked build)
    from .templating import font_files

    digest = hashlib.sha256(f"{FORMAT}|{weasyprint().__version__}|{edition!r}".encode())
    here = Path(__file__).parent
    for module in sorted(here.glob("pdf*.py")) + [here / "html_ast.py", here / "notes.py"]:
        digest.update(module.read_bytes())
    for text in sheets:
        digest.update(text.encode())
    for font in font_files():
        digest.update(font.read_bytes())
    return digest.hexdigest()
