"""`pressroom serve`: the preview page, its reload channel and its error page, then a real browser
(Debian's Chromium through playwright-core) editing a sentence and seeing it in the page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import validators
from pressroom.project import init
from pressroom.serve import VERSION_PATH, Preview

SENTENCE = "The Commission met eleven times in 2024."
EDITED = "The Commission met twelve times in 2024."


@pytest.fixture
def project(tmp_path, monkeypatch):
    init(tmp_path / "demo")
    monkeypatch.chdir(tmp_path / "demo")
    return tmp_path / "demo"


def test_the_page_is_the_html_edition_with_a_reload_channel(project):
    preview = Preview(Path("sources/sample.txt"), "html", Path("build"))
    assert preview.build()
    version, page = preview.current()
    assert version == 1 and SENTENCE.encode() in page
    assert page.count(VERSION_PATH.encode()) == 1
    assert page.index(VERSION_PATH.encode()) < page.rindex(b"</body>")
    assert (project / "build" / "serve" / "sample" / "sample.html").is_file()


def test_an_error_is_the_page_and_the_next_good_build_replaces_it(project):
    preview = Preview(Path("sources/sample.txt"), "html", Path("build"))
    meta = project / "sources" / "sample.yaml"
    good = meta.read_text()
    meta.write_text("title: [unclosed\n")
    assert not preview.build()
    version, page = preview.current()
    assert b"The preview could not be built" in page and b"sample.yaml:2: invalid YAML" in page
    assert VERSION_PATH.encode() in page  # it reloads itself once the file is fixed
    meta.write_text(good)
    assert preview.build() and SENTENCE.encode() in preview.current()[1]
    assert preview.current()[0] == version + 1


def test_a_project_template_is_watched(project):
    preview = Preview(Path("sources/sample.txt"), "html", Path("build"))
    before = preview.snapshot()
    (project / "templates" / "css").mkdir(parents=True)
    (project / "templates" / "css" / "screen.css").write_text("body { color: #123456; }\n")
    assert preview.snapshot() != before
    assert preview.build() and b"#123456" in preview.current()[1]


class Server:
    """`pressroom serve` in its own process, on a free port of the loopback interface."""

    def __init__(self, project: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pressroom", "serve", "sources/sample.txt", "--port", "0"],
            cwd=project, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True)
        self.log: list[str] = []
        ready = threading.Event()
        self.url = ""

        def read() -> None:
            for line in self.process.stderr:
                self.log.append(line)
                found = re.search(r"at (http://127\.0\.0\.1:\d+/) ", line)
                if found:
                    self.url = found.group(1)
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(120) or not self.url:
            self.stop()
            raise AssertionError("pressroom serve did not start: " + "".join(self.log))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def test_the_server_answers_only_its_paths(project):
    server = Server(project)
    try:
        with urllib.request.urlopen(server.url, timeout=30) as response:
            assert SENTENCE in response.read().decode()
        with urllib.request.urlopen(server.url + VERSION_PATH.lstrip("/"), timeout=30) as response:
            assert response.read() == b"1"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(server.url + "sources/sample.yaml", timeout=30)
        assert missing.value.code == 404
    finally:
        server.stop()


@pytest.mark.slow
@pytest.mark.browser
def test_an_edited_sentence_appears_in_the_open_page(project, tmp_path):
    source = project / "sources" / "sample.txt"
    meta = project / "sources" / "sample.yaml"
    text, good_meta = source.read_text(), meta.read_text()
    steps = [
        {"expect": SENTENCE},
        {"write": str(source), "content": text.replace("eleven times", "twelve times"),
         "expect": EDITED, "absent": SENTENCE},
        {"write": str(meta), "content": "title: [unclosed\n", "expect": "could not be built"},
        {"write": str(meta), "content": good_meta, "expect": EDITED, "absent": "could not be built"},
    ]
    (tmp_path / "steps.json").write_text(json.dumps(steps))
    server = Server(project)
    try:
        report = validators._node_tool("live_edit.mjs", [server.url, str(tmp_path / "steps.json")],
                                       "live preview in the browser")
        assert server.process.poll() is None, "".join(server.log)  # the error did not stop it
    finally:
        server.stop()
    assert [s["expect"] for s in report["steps"]] == [s["expect"] for s in steps]
    assert all(s["reloads"] >= 1 for s in report["steps"][1:]), report  # the page reloaded itself
