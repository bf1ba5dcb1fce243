"""The print edition laid out in chunks by worker processes, then merged into one PDF.

The recipe: split the print HTML where a page break is forced (render/pdf_chunks.py); lay out the
chunks that show other chunks' page numbers (the contents) once with stand-in numbers, to know
their page count; hand the others to the workers in reading order (render/pdf_workers.py). A
worker lays out a chunk's body (render/pdf_layout.py) and reports its page count, anchors and
running-head strings; as soon as its start is known (render/pdf_plan.py: the chunks before it
laid out, the one before it with its running heads decided), it is told its first page number
and the strings in force, makes its margin boxes, shortens a running head that wraps
(render/pdf_heads.py), reports the strings it leaves set and writes its PDF. The contents are then
laid out with the real numbers (their page count checked against the stand-in layout), and the
PDFs merged (render/pdf_merge.py). Each result is checked against what one pass would do: a note
left on a later page than its call, a running head whose shortening would change other chunks'
pages, or a contents that changed its page count sends the document back to the single pass (or
to a second round), never into a PDF that differs.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RenderError
from . import pdf_cache, pdf_chunks, pdf_layout
from .pdf_merge import merge
from .pdf_plan import Plan, Store
from .pdf_workers import Inline, Workers, jobs_from_environment

log = logging.getLogger(__name__)

# Rounds of layout when the contents' page count, laid out with their real page numbers, differs
# from the stand-in layout (its wider numbers wrapped an entry): the second round starts from it.
MAX_ROUNDS = 2
# The stand-in page number of the contents' first layout: as wide as a number of the document
# will be, from its size (the report: 71,754 characters of print HTML for 22 pages).
HTML_CHARS_PER_PAGE = 3000


@dataclass
class Report:
    """What a chunked layout did, for -v and the bench."""
    chunks: int = 0
    laid_out: int = 0             # chunks laid out (the others came from the cache)
    from_cache: int = 0
    rounds: int = 0
    seconds: list[float] = field(default_factory=list)   # layout time of each chunk laid out
    passes: dict[int, int] = field(default_factory=dict)  # chunk → layouts its body took
    finish_seconds: list[float] = field(default_factory=list)  # its margin boxes and PDF
    peak_rss_mb: list[float] = field(default_factory=list)  # per worker
    refused: str | None = None
    cache_hits: int = 0
    cache_misses: int = 0


@dataclass
class _Context:
    """What every chunk's layout shares (workers are forked with it)."""
    meta: object
    edition: object
    build_dir: Path
    base_url: str
    asset_folder: Path | None
    font_dir: Path
    font_css: str
    inputs: str  # a digest of the files the HTML names: its images and script faces
    margin_css: str
    _deferred_setup: tuple | None = field(default=None, repr=False, compare=False)

    def deferred_setup(self):
        """The setup (stylesheets parsed, fonts loaded) of the chunks that show other chunks' page
        numbers, made once in this process: their stand-in and their final layouts share it, as
        a worker's chunks share one and the single pass's layouts one."""
        if self._deferred_setup is None:
            self._deferred_setup = pdf_layout.setup_for(self, True)
        return self._deferred_setup


def chunked_or_none(document, edition, build_date, build_dir: Path, jobs: int | None,
                    warnings: list[str] | None) -> bytes | None:
    """render/pdf.py's hook: the chunked PDF with `jobs` (default PRESSROOM_JOBS) workers, or None
    for the single pass (one job, or stylesheets that need it; -v says which)."""
    jobs = jobs if jobs is not None else jobs_from_environment()
    if jobs <= 1:
        return None
    report = Report()
    started = time.perf_counter()
    try:
        cache = pdf_cache.Cache.from_environment(
            pdf_cache.code_salt(edition, pdf_layout.sheet_texts(edition)))
        data = chunked_pdf(document, edition, build_date, Path(build_dir), jobs,
                           warnings if warnings is not None else [], report, cache)
    except (OSError, ValueError) as exc:
        raise RenderError(f"WeasyPrint failed: {exc}") from exc
    if data is None:
        log.debug("PDF laid out in one pass: %s", report.refused)
    else:
        log.debug("PDF laid out in %d chunks by %d workers in %.2f s (%d laid out, %d from the "
                  "cache)", report.chunks, jobs, time.perf_counter() - started, report.laid_out,
                  report.from_cache)
    return data


def chunked_pdf(document, edition, build_date, build_dir: Path, jobs: int,
                warnings: list[str], report: Report | None = None,
                cache: pdf_cache.Cache | None = None) -> bytes | None:
    """The PDF laid out in chunks, or None (and report.refused says why) when the document must
    be laid out in one pass. With a `cache`, chunks found in it are not laid out again."""
    from . import scripts
    from .pdf import print_html, script_fonts, tag_notes

    report = report if report is not None else Report()
    reason = pdf_chunks.css_refusal(pdf_layout.sheet_texts(edition))
    if reason:
        report.refused = reason
        return None
    html = print_html(document, build_date, warnings)
    with script_fonts(document) as (font_dir, font_css, found):
        context = _Context(document.meta, edition, build_dir, build_dir.resolve().as_uri() + "/",
                           document.asset_folder, font_dir, font_css,
                           _inputs(document, font_dir, font_css), scripts.margin_box_css(found))
        breaks = pdf_layout.forced_breaks(html, pdf_layout.setup_for(context, False),
                                          context.base_url)
        chunks = breaks if isinstance(breaks, str) else pdf_chunks.split(html, breaks)
        if isinstance(chunks, str):
            report.refused = chunks
            return None
        data = _rounds(chunks, html, context, jobs, warnings, report, cache)
    return tag_notes(data) if data is not None else None  # as the single pass finishes its PDF


def _inputs(document, font_dir: Path, font_css: str) -> str:
    """A digest of what the HTML names besides itself: the images and the script faces."""
    digest = hashlib.sha256(font_css.encode())
    for path in sorted(font_dir.iterdir()):
        digest.update(path.read_bytes())
    assets = [asset for asset in document.assets.values() if asset is not None]
    for asset in sorted(assets, key=lambda asset: str(asset.path)):
        digest.update(str(asset.path).encode() + b"\0" + asset.path.read_bytes())
    return digest.hexdigest()


def _rounds(chunks, html, context, jobs, warnings, report, cache) -> bytes | None:
    """Rounds of layout until the contents' page count agrees with the one that placed the
    chunks after it (usually one)."""
    deferred = [chunk for chunk in chunks if chunk.targets]
    owners = {name: chunk.index for chunk in chunks for name in chunk.anchors}
    for chunk in deferred:
        chunk.deferred = True
        if any(owners.get(target) in {c.index for c in deferred} for target in chunk.targets):
            report.refused = "a chunk showing page numbers links to another such chunk"
            return None
    report.chunks = len(chunks)
    digits = len(str(max(1, len(html) // HTML_CHARS_PER_PAGE)))
    stand_in = {target: int("9" * digits) for chunk in deferred for target in chunk.targets}
    for round_number in range(1, MAX_ROUNDS + 1):
        report.rounds = round_number
        result = _round(chunks, context, jobs, stand_in, warnings, report, cache)
        if isinstance(result, str):
            report.refused = result
            return None
        if isinstance(result, dict):  # the contents' page count changed: again from its numbers
            stand_in = result
            continue
        if cache is not None:
            report.cache_hits, report.cache_misses = cache.hits, cache.misses
        return result
    report.refused = "the contents' page count did not settle"
    return None


def _round(chunks, context, jobs, stand_in, warnings, report, cache):
    """One layout of every chunk: bytes, a str saying why chunks cannot be used, or the deferred
    chunks' real page numbers when their page count differs from the stand-in layout's. A chunk
    whose facts and PDF (for its first page and strings) are in the cache is not laid out; one
    whose facts are but not its PDF is laid out again once its start is known."""
    store = Store(cache, f"{context.build_dir.resolve()}|{context.inputs}")
    plan = Plan(chunks)
    by_index = {chunk.index: chunk for chunk in chunks}
    pool = Workers(jobs, context, warnings, report) if jobs > 1 else Inline(context, warnings,
                                                                            report)
    parts: dict[int, bytes] = {}
    held, relaid = set(), set()  # laid out in the pool, waiting for their start; laid out again

    def advance() -> None:
        """Start every chunk whose start is known, in reading order."""
        while (index := plan.startable()) is not None:
            chunk, first, carried = by_index[index], plan.first_page[index], plan.carried[index]
            if chunk.deferred:  # its estimate stands in; its real layout is checked against it
                plan.settle(index, {**carried, **estimates[index].strings})
                continue
            if index in held:
                pool.start(index, first, carried)
                return  # the next chunk starts once its heads are known
            cached = store.pdf(chunk.key, first, carried)
            if cached is not None:
                parts[index] = cached[1]
                report.from_cache += 1
                plan.settle(index, cached[0])
                continue
            relaid.add(index)
            pool.submit(chunk)
            return

    try:
        for chunk in chunks:
            if not chunk.deferred:
                cached = store.facts(chunk.key)
                if cached is None:
                    pool.submit(chunk)
                else:
                    plan.report(chunk.index, cached)
        # The contents' page count with stand-in numbers, while the workers lay out the rest.
        estimates = {chunk.index: _estimate(chunk, context, stand_in, store)
                     for chunk in chunks if chunk.deferred}
        for index, facts in estimates.items():
            plan.report(index, facts)
        advance()
        for kind, index, payload in pool.events():
            if kind == "laid" and index in relaid:
                pool.start(index, plan.first_page[index], plan.carried[index])
            elif kind == "laid":
                if payload.late_notes:
                    return f"a note would leave chunk {index + 1}'s last page (one pass decides)"
                store.keep_facts(by_index[index].key, payload)
                held.add(index)
                plan.report(index, payload)
            elif isinstance(payload, str):
                return payload
            else:
                plan.settle(index, payload)
            advance()
        assert plan.done(), "every chunk started"
        # Every anchor's page is known: the contents with their real numbers, while the workers
        # write their PDFs.
        pages = plan.anchor_pages()
        for index, estimate in estimates.items():
            data = _deferred(by_index[index], context, pages, plan, estimate, store, report)
            if not isinstance(data, bytes):
                return pages if data is None else data
            parts[index] = data
        for index, data in pool.pdfs().items():
            parts[index] = data
            store.keep_pdf(by_index[index].key, plan.first_page[index], plan.carried[index],
                           plan.left[index], data)
    finally:
        pool.close()
    store.trim()
    return merge([parts[chunk.index] for chunk in chunks],
                 [plan.facts[chunk.index].bookmarks for chunk in chunks],
                 [set(chunk.anchors) for chunk in chunks])


def _estimate(chunk, context, numbers: dict[str, int], store):
    """A deferred chunk's facts laid out with stand-in page numbers."""
    text = pdf_chunks.with_page_numbers(chunk.html, numbers)
    key = pdf_chunks.Chunk(chunk.index, text, chunk.anchors, chunk.targets).key
    facts = store.facts(key)
    if facts is None:
        setup = context.deferred_setup()
        facts = pdf_layout.LaidChunk(text, setup, context.base_url, chunk.targets).facts
        store.keep_facts(key, facts)
    return facts


def _deferred(chunk, context, pages, plan, estimate, store, report) -> bytes | str | None:
    """A deferred chunk's PDF with its targets' real page numbers; None when its page count or
    strings differ from the estimate that placed the chunks after it; a str when its running
    heads cannot be decided in it."""
    text = pdf_chunks.with_page_numbers(chunk.html, pages)
    key = pdf_chunks.Chunk(chunk.index, text, chunk.anchors, chunk.targets).key
    first, carried = plan.first_page[chunk.index], plan.carried[chunk.index]
    facts, cached = store.facts(key), store.pdf(key, first, carried)
    if facts is not None and cached is not None:
        report.from_cache += 1
        left, data = cached
    else:
        setup = context.deferred_setup()
        laid = pdf_layout.LaidChunk(text, setup, context.base_url, chunk.targets)
        facts = laid.facts
        store.keep_facts(key, facts)
        report.laid_out += 1
        if facts.pages != estimate.pages:
            return None
        left = laid.heads(first, carried)
        if isinstance(left, str):
            return left
        data = laid.write()
        store.keep_pdf(key, first, carried, left, data)
    if facts.pages != estimate.pages:
        return None
    if left != plan.left[chunk.index]:  # the chunks after it started from the estimate's
        return None
    plan.facts[chunk.index] = facts
    return data
