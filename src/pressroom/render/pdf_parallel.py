"""The print edition laid out in chunks by worker processes, then merged into one PDF.

The recipe: split the print HTML where a page break is forced (render/pdf_chunks.py); lay out the
chunks that show other chunks' page numbers (the contents) once with stand-in numbers, to know
their page count; hand the others to the workers in reading order. A worker lays out a chunk's
body (render/pdf_layout.py) and reports its page count, anchors and running-head strings; as soon
as every chunk before it has reported, it is told its first page number and the strings in force,
makes its margin boxes and writes its PDF. The contents are then laid out with the real numbers
(their page count checked against the stand-in layout), and the PDFs merged
(render/pdf_merge.py). Each result is checked against what one pass would do: a note left on a
later page than its call, or a contents that changed its page count, sends the document back to
the single pass (or to a second round), never into a PDF that differs.

Workers are forked, so they start with WeasyPrint imported; each waits for its first page
number only after the chunks before it were handed out, so no wait can deadlock.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import queue
import resource
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RenderError
from . import pdf_cache, pdf_chunks, pdf_layout
from .pdf_merge import merge

log = logging.getLogger(__name__)

JOBS_VARIABLE = "PRESSROOM_JOBS"
# Why a document whose running heads wrap is laid out in one pass: render/pdf.py shortens them
# from what it sees on every page, so a chunk cannot decide its own heads.
HEADS_WRAP = "a running head wraps (the single pass shortens it from every page)"
# Rounds of layout when the contents' page count, laid out with their real page numbers, differs
# from the stand-in layout (its wider numbers wrapped an entry): the second round starts from it.
MAX_ROUNDS = 2
# The stand-in page number of the contents' first layout: as wide as a number of the document
# will be, from its size (the report: 71,754 characters of print HTML for 22 pages).
HTML_CHARS_PER_PAGE = 3000


def jobs_from_environment(default: int = 1) -> int:
    value = os.environ.get(JOBS_VARIABLE, "").strip()
    if not value:
        return default
    if value == "auto":
        return os.cpu_count() or 1
    try:
        jobs = int(value)
    except ValueError:
        raise RenderError(f"{JOBS_VARIABLE}={value!r}: a number of workers or 'auto'") from None
    if jobs < 1:
        raise RenderError(f"{JOBS_VARIABLE}={value!r}: at least 1 worker")
    return jobs


@dataclass
class Report:
    """What a chunked layout did, for -v and the bench."""
    chunks: int = 0
    laid_out: int = 0             # chunks laid out (the others came from the cache)
    from_cache: int = 0
    rounds: int = 0
    seconds: list[float] = field(default_factory=list)   # layout time of each chunk laid out
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
    whose facts are but not its PDF is laid out once its start is known."""
    store = _Store(cache, context)
    plan = _Plan(chunks, {})
    by_index = {chunk.index: chunk for chunk in chunks}
    pool = _Workers(jobs, context, warnings, report) if jobs > 1 else _Inline(context, warnings,
                                                                              report)
    parts: dict[int, bytes] = {}
    laid_here, relaid = set(), set()

    def ready(index: int) -> None:
        if index in laid_here:  # its worker waits for its start
            pool.start(index, plan.first_page[index], plan.carried[index])
            return
        data = store.pdf(by_index[index].key, plan.first_page[index], plan.carried[index])
        if data is not None:
            parts[index] = data
            report.from_cache += 1
        else:
            relaid.add(index)
            pool.submit(by_index[index])

    try:
        known = []
        for chunk in chunks:
            if chunk.deferred:
                continue
            cached = store.facts(chunk.key)
            if cached is None:
                pool.submit(chunk)
            else:
                known.append((chunk.index, cached))
        # The contents' page count with stand-in numbers, while the workers lay out the rest.
        estimates = {chunk.index: _estimate(chunk, context, stand_in, store)
                     for chunk in chunks if chunk.deferred}
        for index, cached in [*known, *estimates.items()]:
            for done in plan.report(index, cached):
                ready(done)
        for index, laid in pool.laid():
            if index in relaid:
                pool.start(index, plan.first_page[index], plan.carried[index])
                continue
            if laid.late_notes:
                return f"a note would leave chunk {index + 1}'s last page (one pass decides)"
            store.keep_facts(by_index[index].key, laid)
            laid_here.add(index)
            for done in plan.report(index, laid):
                ready(done)
        # Every anchor's page is known: the contents with their real numbers, while the workers
        # write their PDFs.
        pages = plan.anchor_pages()
        for index, estimate in estimates.items():
            data = _deferred(by_index[index], context, pages, plan, estimate, store, report)
            if data is None or data == HEADS_WRAP:
                return pages if data is None else data
            parts[index] = data
        for index, data in pool.pdfs().items():
            parts[index] = data
            if data is not None:
                store.keep_pdf(by_index[index].key, plan.first_page[index], plan.carried[index],
                               data)
    finally:
        pool.close()
    if any(data is None for data in parts.values()):
        return HEADS_WRAP
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
        setup = pdf_layout.setup_for(context, True)
        facts = pdf_layout.LaidChunk(text, setup, context.base_url, chunk.targets).facts
        store.keep_facts(key, facts)
    return facts


def _deferred(chunk, context, pages, plan, estimate, store, report) -> bytes | None:
    """A deferred chunk's PDF with its targets' real page numbers, or None when its page count or
    strings differ from the estimate that placed the chunks after it."""
    text = pdf_chunks.with_page_numbers(chunk.html, pages)
    key = pdf_chunks.Chunk(chunk.index, text, chunk.anchors, chunk.targets).key
    first, carried = plan.first_page[chunk.index], plan.carried[chunk.index]
    facts, data = store.facts(key), store.pdf(key, first, carried)
    if facts is not None and data is not None:
        report.from_cache += 1
    else:
        setup = pdf_layout.setup_for(context, True)
        laid = pdf_layout.LaidChunk(text, setup, context.base_url, chunk.targets)
        facts = laid.facts
        store.keep_facts(key, facts)
        report.laid_out += 1
        data = None if (facts.pages, facts.strings) != (estimate.pages, estimate.strings) else \
            laid.finish(first, carried)
        if data is not None:
            store.keep_pdf(key, first, carried, data)
        elif (facts.pages, facts.strings) == (estimate.pages, estimate.strings):
            return HEADS_WRAP
    if (facts.pages, facts.strings) != (estimate.pages, estimate.strings):
        return None
    plan.facts[chunk.index] = facts
    return data


class _Store:
    """The cache as the round uses it (no cache: every look-up misses)."""

    def __init__(self, cache, context):
        self.cache = cache
        self.where = f"{context.build_dir.resolve()}|{context.inputs}"

    def facts(self, key):
        return self.cache.get(self.cache.key(self.where, key), "facts") if self.cache else None

    def pdf(self, key, first_page, carried):
        if not self.cache:
            return None
        return self.cache.get(self._pdf_key(key, first_page, carried), "pdf")

    def _pdf_key(self, key, first_page, carried):
        import json

        return self.cache.key(self.where, key, str(first_page), json.dumps(carried, sort_keys=True))

    def keep_facts(self, key, facts):
        if self.cache:
            self.cache.put(self.cache.key(self.where, key), "facts", facts)

    def keep_pdf(self, key, first_page, carried, data):
        if self.cache:
            self.cache.put(self._pdf_key(key, first_page, carried), "pdf", data)

    def trim(self):
        if self.cache:
            self.cache.trim()


class _Plan:
    """First page numbers and carried strings, known chunk by chunk in reading order."""

    def __init__(self, chunks, facts):
        self.chunks, self.facts = chunks, dict(facts)
        self.first_page: dict[int, int] = {}
        self.carried: dict[int, dict[str, str]] = {}
        self.next_page, self.strings, self.known = 1, {}, 0

    def report(self, index: int, facts) -> list[int]:
        """Chunks whose start became known with `index`'s facts (deferred ones are estimated)."""
        self.facts[index] = facts
        ready = []
        while self.known < len(self.chunks) and self.chunks[self.known].index in self.facts:
            chunk = self.chunks[self.known]
            self.first_page[chunk.index] = self.next_page
            self.carried[chunk.index] = dict(self.strings)
            if not chunk.deferred:
                ready.append(chunk.index)
            done = self.facts[chunk.index]
            self.next_page += done.pages
            self.strings = {**self.strings, **done.strings}
            self.known += 1
        return ready

    def anchor_pages(self) -> dict[str, int]:
        return {name: self.first_page[chunk.index] + page
                for chunk in self.chunks if not chunk.deferred
                for name, page in self.facts[chunk.index].anchors.items()}


class _Inline:
    """Chunks laid out one after the other in this process (one worker)."""

    def __init__(self, context, warnings, report):
        self.context, self.warnings, self.report = context, warnings, report
        self.setup = pdf_layout.setup_for(context, False)
        self.queue, self.waiting, self.done = [], {}, {}

    def submit(self, chunk):
        self.queue.append(chunk)

    def laid(self):
        at = 0
        while at < len(self.queue):  # chunks submitted meanwhile are laid out too
            chunk = self.queue[at]
            at += 1
            with _collecting(self.warnings):
                laid = pdf_layout.LaidChunk(chunk.html, self.setup, self.context.base_url,
                                            chunk.targets)
            self.report.laid_out += 1
            self.report.seconds.append(laid.facts.seconds)
            self.waiting[chunk.index] = laid
            yield chunk.index, laid.facts

    def start(self, index, first_page, carried):
        started = time.perf_counter()
        with _collecting(self.warnings):
            self.done[index] = self.waiting.pop(index).finish(first_page, carried)
        self.report.finish_seconds.append(time.perf_counter() - started)

    def pdfs(self):
        self.report.peak_rss_mb.append(_peak_rss_mb())
        return self.done

    def close(self):
        self.waiting.clear()


class _Workers:
    """Forked worker processes taking chunks in reading order from one queue."""

    def __init__(self, jobs, context, warnings, report):
        self.ctx = multiprocessing.get_context("fork")
        self.tasks, self.results = self.ctx.Queue(), self.ctx.Queue()
        self.warnings, self.report = warnings, report
        self.pipes, self.processes, self.holder = [], [], {}
        self.outstanding, self.pending_pdfs, self.done, self.peaks = 0, 0, {}, {}
        for number in range(jobs):
            ours, theirs = self.ctx.Pipe()
            process = self.ctx.Process(target=_work, daemon=True, name=f"pressroom-pdf-{number}",
                                       args=(number, context, self.tasks, self.results, theirs))
            process.start()
            self.pipes.append(ours)
            self.processes.append(process)

    def submit(self, chunk):
        self.tasks.put((chunk.index, chunk.html, chunk.targets))
        self.outstanding += 1

    def _receive(self):
        while True:
            try:
                return self.results.get(timeout=5)
            except queue.Empty:  # check that the workers are alive
                dead = [p.name for p in self.processes if not p.is_alive()]
                if dead:
                    raise RenderError(f"PDF worker {dead[0]} died") from None

    def _handle(self, message):
        kind, worker, index, payload = message
        if kind == "error":
            raise RenderError(f"laying out chunk {index + 1} failed:\n{payload}")
        if kind == "pdf":
            data, messages, peak, seconds = payload
            self.warnings.extend(messages)
            self.report.finish_seconds.append(seconds)
            self.peaks[worker] = max(self.peaks.get(worker, 0.0), peak)
            self.done[index] = data
            self.pending_pdfs -= 1
            return None
        self.holder[index] = worker
        return payload

    def laid(self):
        while self.outstanding:  # chunks submitted meanwhile are waited for too
            self.outstanding -= 1
            while True:
                message = self._receive()
                facts = self._handle(message)
                if message[0] == "laid":
                    break
            self.report.laid_out += 1
            self.report.seconds.append(facts.seconds)
            self.pending_pdfs += 1
            yield message[2], facts

    def start(self, index, first_page, carried):
        self.pipes[self.holder[index]].send((first_page, carried))

    def pdfs(self):
        while self.pending_pdfs:
            self._handle(self._receive())
        return self.done

    def close(self):
        for _ in self.processes:
            self.tasks.put(None)
        for pipe in self.pipes:
            try:
                pipe.send(None)
            except OSError:
                pass
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
        self.report.peak_rss_mb.extend(self.peaks[w] for w in sorted(self.peaks))


def _work(number, context, tasks, results, inbox) -> None:
    """A worker: lay out chunks from `tasks`, report their facts, wait for their first page."""
    setup = None
    while True:
        job = tasks.get()
        if job is None:
            return
        index, html, targets = job
        messages: list[str] = []
        try:
            if setup is None:
                setup = pdf_layout.setup_for(context, False)
            with _collecting(messages):
                laid = pdf_layout.LaidChunk(html, setup, context.base_url, targets)
            results.put(("laid", number, index, laid.facts))
            start = inbox.recv()
            if start is None:
                return
            started = time.perf_counter()
            with _collecting(messages):
                data = laid.finish(*start)
            del laid
            results.put(("pdf", number, index,
                         (data, messages, _peak_rss_mb(), time.perf_counter() - started)))
        except Exception:
            results.put(("error", number, index, traceback.format_exc()))
            return


class _collecting:
    """WeasyPrint's warnings appended to a list while it lays out (they are logged too)."""

    def __init__(self, into: list[str]):
        from .pdf import _WarningCollector

        self.into, self.collector = into, _WarningCollector()

    def __enter__(self):
        logging.getLogger("weasyprint").addHandler(self.collector)

    def __exit__(self, *exc):
        logging.getLogger("weasyprint").removeHandler(self.collector)
        self.into.extend(self.collector.messages)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


