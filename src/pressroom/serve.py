"""`pressroom serve SOURCE`: a live preview for editors, as `mkdocs serve` gives one.

The HTML edition of one source is built into build/serve/NAME/ and served on the loopback
interface only; a watcher rebuilds it whenever the source, its metadata, editions.yaml or a file
of the project's templates/ changes, and the page, which asks the server for the build's number,
reloads itself. A normaliser or render error is shown in the page, and the server goes on.
"""

from __future__ import annotations

import html
import http.server
import logging
import threading
import time
import traceback
from pathlib import Path

from .errors import PressroomError, UsageError

log = logging.getLogger("pressroom")

HOST = "127.0.0.1"  # never another interface: the preview is for the editor at this machine
VERSION_PATH = "/__pressroom/version"
# How often the watcher looks at the files (seconds); a change is built once the files have
# stayed the same for one more look, so that an editor's save in several writes builds once.
POLL_SECONDS = 0.25
# How often the page asks whether a new build is there (milliseconds).
PAGE_POLL_MS = 300
RELOAD_SCRIPT = """<script>
(function () {
  var shown = "%(version)s";
  function poll() {
    fetch("%(path)s", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (v) { if (v !== shown) { location.reload(); } else { later(); } })
      .catch(later);
  }
  function later() { setTimeout(poll, %(ms)d); }
  later();
})();
</script>
"""
ERROR_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>Preview not built: %(name)s</title>
<style>body { font: 16px/1.5 sans-serif; margin: 2em auto; max-width: 50em; padding: 0 1em; }
pre { white-space: pre-wrap; background: #fbeaea; border-left: 4px solid #a00; padding: 1em; }</style>
</head><body><main><h1>The preview could not be built</h1>
<pre role="alert">%(message)s</pre>
<p>The last good build is not shown. Fix the file and save it: this page reloads by itself.</p>
</main></body></html>
"""


class Preview:
    """One source's preview: builds on demand and holds the page of the latest build."""

    def __init__(self, source: Path, edition: str, build_dir: Path) -> None:
        self.source = source
        self.name = source.stem
        self.edition = edition
        self.out_dir = build_dir / "serve" / self.name
        self.version = 0
        self.page = b""
        self.lock = threading.Lock()

    def watched(self) -> list[Path]:
        """The files whose change rebuilds the preview."""
        files = [self.source, self.source.with_suffix(".yaml"), Path("editions.yaml")]
        images = self.source.parent / self.source.stem  # a Markdown source's images (assets.py)
        if images.is_dir():
            files += sorted(p for p in images.rglob("*") if p.is_file())
        templates = Path("templates")
        if templates.is_dir():
            files += sorted(p for p in templates.rglob("*") if p.is_file())
        return files

    def snapshot(self) -> dict[str, tuple[int, int] | None]:
        state: dict[str, tuple[int, int] | None] = {}
        for path in self.watched():
            try:
                stat = path.stat()
                state[str(path)] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                state[str(path)] = None
        return state

    def build(self) -> bool:
        """Normalise and render; the page becomes the edition, or the error. True when built."""
        from . import pipeline
        from .render import templating

        templating.environment.cache_clear()  # a project template added since is seen
        started = time.perf_counter()
        md = self.out_dir / f"{self.name}.md"
        try:
            state = pipeline.normalise(self.source, md)
            for diagnostic in state.diagnostics.items:
                if diagnostic.severity != "info":
                    log.warning("%s", diagnostic)
            out = self.out_dir / f"{self.name}.html"
            pipeline.render(md, [self.edition], self.out_dir, self.name,
                            pipeline.source_paths(self.name, self.source.parent), out,
                            sources=self.source.parent, checked=True)
            body, built = out.read_bytes(), True
            log.info("preview of %s built in %.2f s", self.source, time.perf_counter() - started)
        except PressroomError as exc:
            body, built = self._error_page(str(exc)), False
            log.error("preview of %s not built: %s", self.source, exc)
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the server; it is shown whole
            body, built = self._error_page(traceback.format_exc()), False
            log.error("preview of %s failed: %r", self.source, exc)
        with self.lock:
            self.version += 1
            self.page = self._with_reload(body, self.version)
        return built

    def _error_page(self, message: str) -> bytes:
        return (ERROR_PAGE % {"name": html.escape(self.name), "message": html.escape(message)}).encode()

    @staticmethod
    def _with_reload(page: bytes, version: int) -> bytes:
        script = (RELOAD_SCRIPT % {"version": version, "path": VERSION_PATH, "ms": PAGE_POLL_MS}).encode()
        at = page.rfind(b"</body>")
        return page[:at] + script + page[at:] if at >= 0 else page + script

    def current(self) -> tuple[int, bytes]:
        with self.lock:
            return self.version, self.page


def watch(preview: Preview, stop: threading.Event) -> None:
    """Rebuild after every change, once the files have settled."""
    seen = preview.snapshot()
    while not stop.wait(POLL_SECONDS):
        now = preview.snapshot()
        if now == seen:
            continue
        while not stop.wait(POLL_SECONDS):  # settle: the same for one more look
            settled = preview.snapshot()
            if settled == now:
                break
            now = settled
        seen = now
        preview.build()


def _handler(preview: Preview):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            version, page = preview.current()
            if self.path == VERSION_PATH:
                self._send(200, "text/plain; charset=utf-8", str(version).encode())
            elif self.path in ("/", f"/{preview.name}.html"):
                self._send(200, "text/html; charset=utf-8", page)
            else:
                self._send(404, "text/plain; charset=utf-8", b"not found\n")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args) -> None:  # noqa: A002 - the stdlib's signature
            log.debug("serve: " + format, *args)

    return Handler


def serve(source: Path, edition: str, port: int, build_dir: Path = Path("build"),
          ready=None) -> None:
    """Build, then serve until interrupted; `ready(url)` is called once the server listens."""
    from .render import select

    if not source.is_file():
        raise UsageError(f"no source file {source}")
    if select([edition])[0].renderer != "html":
        raise UsageError(f"edition {edition} is not an HTML edition; the preview shows one")
    preview = Preview(source, edition, build_dir)
    preview.build()
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), _handler(preview))
    except OSError as exc:
        raise UsageError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from exc
    server.daemon_threads = True
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop), name="watch", daemon=True)
    watcher.start()
    url = f"http://{HOST}:{server.server_address[1]}/"
    log.warning("serving the %s preview of %s at %s (Ctrl-C stops)", edition, source, url)
    if ready is not None:
        ready(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
