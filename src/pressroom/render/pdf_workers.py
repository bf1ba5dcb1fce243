"""Who lays the chunks out (render/pdf_parallel.py): this process one after the other (one job),
or forked worker processes taking chunks in reading order from one queue.

A chunk goes through three steps: its body is laid out ("laid": its facts go to the plan), then,
once it is told its first page number and the strings carried in, its margin boxes and running
heads are made ("heads": the strings it leaves set, or why it cannot decide them alone), then its
PDF is written. The plan starts chunk N + 1 only after chunk N's heads are known, which costs
the workers little: the heads take milliseconds, the PDF is written after they are reported.
Workers are forked, so they start with WeasyPrint imported; each waits for its start only after
the chunks before it were handed out, so no wait can deadlock.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import resource
import time
import traceback

from ..errors import RenderError
from . import pdf_layout

JOBS_VARIABLE = "PRESSROOM_JOBS"
# How often a process waiting for its workers checks that they are alive (seconds).
ALIVE_CHECK_SECONDS = 5
# How long a worker is given to stop once told to (seconds), before it is killed.
STOP_SECONDS = 10


def cores() -> int:
    """The cores this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def jobs_from_environment(default: int | None = None) -> int:
    """PRESSROOM_JOBS (a number, or 'auto' for the cores), else `default`, else the cores."""
    value = os.environ.get(JOBS_VARIABLE, "").strip()
    if not value:
        return default if default is not None else cores()
    if value == "auto":
        return cores()
    try:
        jobs = int(value)
    except ValueError:
        raise RenderError(f"{JOBS_VARIABLE}={value!r}: a number of workers or 'auto'") from None
    if jobs < 1:
        raise RenderError(f"{JOBS_VARIABLE}={value!r}: at least 1 worker")
    return jobs


class Inline:
    """Chunks laid out one after the other in this process (one worker)."""

    def __init__(self, context, warnings, report):
        self.context, self.warnings, self.report = context, warnings, report
        self.setup = pdf_layout.setup_for(context, False)
        self.queue, self.waiting, self.done, self.heads = [], {}, {}, []

    def submit(self, chunk):
        self.queue.append(chunk)

    def events(self):
        """("laid", index, facts) and ("heads", index, strings or a refusal) as they come."""
        at = 0
        while self.heads or at < len(self.queue):  # chunks submitted meanwhile are laid out too
            if self.heads:
                yield self.heads.pop(0)
                continue
            chunk = self.queue[at]
            at += 1
            with collecting(self.warnings):
                laid = pdf_layout.LaidChunk(chunk.html, self.setup, self.context.base_url,
                                            chunk.targets)
            self.report.laid_out += 1
            self.report.seconds.append(laid.facts.seconds)
            self.report.passes[chunk.index] = laid.facts.passes
            self.waiting[chunk.index] = laid
            yield "laid", chunk.index, laid.facts

    def start(self, index, first_page, carried):
        started = time.perf_counter()
        laid = self.waiting.pop(index)
        with collecting(self.warnings):
            heads = laid.heads(first_page, carried)
            if not isinstance(heads, str):
                self.done[index] = laid.write()
        self.heads.append(("heads", index, heads))
        self.report.finish_seconds.append(time.perf_counter() - started)

    def pdfs(self):
        self.report.peak_rss_mb.append(peak_rss_mb())
        return self.done

    def close(self):
        self.waiting.clear()


class Workers:
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
                return self.results.get(timeout=ALIVE_CHECK_SECONDS)
            except queue.Empty:  # check that the workers are alive
                dead = [p.name for p in self.processes if not p.is_alive()]
                if dead:
                    raise RenderError(f"PDF worker {dead[0]} died") from None

    def _pdf(self, message) -> None:
        _, worker, index, (data, messages, peak, seconds) = message
        self.warnings.extend(messages)
        self.report.finish_seconds.append(seconds)
        self.peaks[worker] = max(self.peaks.get(worker, 0.0), peak)
        self.done[index] = data
        self.pending_pdfs -= 1

    def events(self):
        """("laid", index, facts) and ("heads", index, strings or a refusal) as they come, until
        no chunk is being laid out or waits for its heads."""
        while self.outstanding:
            kind, worker, index, payload = message = self._receive()
            if kind == "error":
                raise RenderError(f"laying out chunk {index + 1} failed:\n{payload}")
            if kind == "pdf":
                self._pdf(message)
                continue
            self.outstanding -= 1
            if kind == "laid":
                self.holder[index] = worker
                self.report.laid_out += 1
                self.report.seconds.append(payload.seconds)
                self.report.passes[index] = payload.passes
            elif not isinstance(payload, str):
                self.pending_pdfs += 1
            yield kind, index, payload

    def start(self, index, first_page, carried):
        self.pipes[self.holder[index]].send((first_page, carried))
        self.outstanding += 1  # its heads

    def pdfs(self):
        while self.pending_pdfs:
            message = self._receive()
            if message[0] == "error":
                raise RenderError(f"writing chunk {message[2] + 1} failed:\n{message[3]}")
            self._pdf(message)
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
            process.join(timeout=STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
        self.report.peak_rss_mb.extend(self.peaks[w] for w in sorted(self.peaks))


def _work(number, context, tasks, results, inbox) -> None:
    """A worker: lay out chunks from `tasks`, report their facts, wait for their start, report
    their heads, write their PDF. It stops when told to, or when the build that forked it is
    gone (killed, it could not tell its workers)."""
    parent, setup = os.getppid(), None
    while True:
        job = _wait(lambda: tasks.get(timeout=ALIVE_CHECK_SECONDS), parent)
        if job is None:
            return
        index, html, targets = job
        messages: list[str] = []
        try:
            if setup is None:
                setup = pdf_layout.setup_for(context, False)
            with collecting(messages):
                laid = pdf_layout.LaidChunk(html, setup, context.base_url, targets)
            results.put(("laid", number, index, laid.facts))
            start = _wait(lambda: inbox.recv() if inbox.poll(ALIVE_CHECK_SECONDS) else _empty(),
                          parent)
            if start is None:
                return
            started = time.perf_counter()
            with collecting(messages):
                heads = laid.heads(*start)
                results.put(("heads", number, index, heads))
                if isinstance(heads, str):
                    continue
                data = laid.write()
            del laid
            results.put(("pdf", number, index,
                         (data, messages, peak_rss_mb(), time.perf_counter() - started)))
        except Exception:
            results.put(("error", number, index, traceback.format_exc()))
            return


def _empty():
    raise queue.Empty


def _wait(receive, parent: int):
    """What `receive` gets, checking every ALIVE_CHECK_SECONDS that the parent is alive; None
    (stop) once it is not."""
    while True:
        try:
            return receive()
        except queue.Empty:
            if os.getppid() != parent:
                return None


class collecting:
    """WeasyPrint's warnings appended to a list while it lays out (they are logged too)."""

    def __init__(self, into: list[str]):
        from .pdf import _WarningCollector

        self.into, self.collector = into, _WarningCollector()

    def __enter__(self):
        logging.getLogger("weasyprint").addHandler(self.collector)

    def __exit__(self, *exc):
        logging.getLogger("weasyprint").removeHandler(self.collector)
        self.into.extend(self.collector.messages)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
