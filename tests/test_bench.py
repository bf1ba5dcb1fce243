"""The benchmark's workloads are consistent documents (a smoke test: no timing is ever asserted)."""

from __future__ import annotations

import re

import pytest

from pressroom.bench.workloads import REPORT, SOURCES, repeat_report, roman, write_workloads
from pressroom.normalise.source import normalise_file

DEFINITION = re.compile(r"^\^?[\u2460-\u2473]", re.M)


@pytest.fixture(scope="module")
def normalised(tmp_path_factory):
    """The report at 1× and 2×, normalised: {scale: State}."""
    folder = tmp_path_factory.mktemp("workloads")
    workloads = write_workloads(folder, [1, 2])
    return {w.scale: normalise_file(w.txt) for w in workloads if w.name.startswith(REPORT)}


def test_roman_numerals_cover_fifty_copies():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 90, 150)] == ["I", "IV", "IX", "XIV", "XL", "XC", "CL"]


def test_copy_renames_body_headings_and_contents_entries_alike():
    text = (SOURCES / f"{REPORT}.txt").read_text(encoding="utf-8")
    doubled = repeat_report(text, 2)
    body = [line for line in doubled.splitlines() if re.match(r"^[IVX]+\. ", line)]
    listed = re.findall(r"^<i>([IVX]+\. .*?)</i>", doubled, re.M)
    assert [h.split(".")[0] for h in body] == ["I", "II", "III", "IV", "V", "VI"]
    assert body == listed
    assert all(h.endswith("(copy 2)") for h in body[3:]) and not any("copy" in h for h in body[:3])


def test_copy_keeps_footnotes_page_local_with_distinct_urls():
    text = (SOURCES / f"{REPORT}.txt").read_text(encoding="utf-8")
    doubled = repeat_report(text, 2)
    copied = [line for line in doubled.splitlines() if "?copy=2" in line or "&copy=2" in line]
    assert copied and all(DEFINITION.match(line) for line in copied)
    assert len(DEFINITION.findall(doubled)) == len(DEFINITION.findall(text)) + len(copied)


def test_doubled_report_normalises_with_every_note_linked(normalised):
    one, two = normalised[1], normalised[2]
    copied_notes = [n for n in two.notes.values() if "copy=2" in n.text]
    assert len(two.notes) == len(one.notes) + len(copied_notes)
    assert len(copied_notes) > 0
    assert two.accounting["balanced"]
    problems = [d for d in two.diagnostics.items if d.code.startswith("footnote")]
    assert problems == []
    differs = [d for d in two.diagnostics.items if d.code == "contents-differs"]
    assert len(differs) == 2 * len([d for d in one.diagnostics.items if d.code == "contents-differs"])


def test_doubled_report_has_renamed_sections_in_its_markdown(normalised):
    headings = re.findall(r"^# (.+)$", normalised[2].text, re.M)
    assert [h.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V", "VI"]
    assert len(set(headings)) == len(headings)


def test_hyphenation_measure_tells_tight_lines_from_loose(built, tmp_path):
    """The bench's hyphenation comparison on the report: hyphenation on, fewer loose lines and
    more hyphens than off (what the measure is for); the spacing is read from real line boxes."""
    import datetime
    import shutil

    from pressroom.bench import hyphenation
    from pressroom.bench.stages import print_html_path
    from pressroom.document import load
    from pressroom.render.pdf import print_html

    name = REPORT
    (tmp_path / name).mkdir()
    md = shutil.copy(built(name)["md"], tmp_path / name / f"{name}.md")
    date = datetime.datetime(2024, 6, 1, tzinfo=datetime.timezone.utc)
    print_html_path(tmp_path, name).write_text(print_html(load(md), date), encoding="utf-8")
    result = hyphenation.run(name, tmp_path, runs=1)
    on, off = result["auto"], result["off"]
    assert on["justified_lines"] > 300 and off["justified_lines"] > 300
    assert on["hyphenated_lines"] > off["hyphenated_lines"] + 50
    assert on["loose_share"] < off["loose_share"] / 3
    assert on["p90_extra_em"] < off["p90_extra_em"]


def test_parallel_model_deals_chunks_in_order_to_the_first_free_worker():
    from pressroom.bench.parallel import model

    predicted = model({"chunk_seconds": [3, 1, 1, 1, 1], "finish_seconds": [1, 0, 0, 0, 0],
                       "seconds": 10})["predicted_seconds"]
    assert predicted["1"] == 10  # 2 s serial + 8 s of chunks
    assert predicted["2"] == 6 and predicted["16"] == 6  # the 4 s chunk bounds it


def test_the_bench_edit_changes_one_word_past_the_middle():
    from pressroom.bench.parallel import edit_one_sentence

    text = "# A\n\n" + "Para the one.\n\n" * 10
    edited = edit_one_sentence(text)
    assert len(edited) == len(text)
    changed = [n for n, (a, b) in enumerate(zip(text, edited)) if a != b]
    assert changed and min(changed) > len(text) // 2 and max(changed) - min(changed) < 4


def test_the_parallel_summary_of_some_modes_only():
    # At 50× a busy machine measures only some modes (--large-modes): the summary and its table
    # say what was measured, the model comes from the fewest workers there were.
    from pressroom.bench.parallel import summarise, table

    def chunked(seconds, jobs):
        return {"seconds": seconds, "chunks": 4, "bytes": 10, "worker_peak_mb": [90.0] * jobs,
                "chunk_seconds": [4, 3, 2, 1], "finish_seconds": [1, 1, 1, 1]}

    run = {"cold-2": chunked(9.0, 2), "single": {"seconds": 20.0, "pages": 8, "bytes": 9},
           "load_average": (20.5, 19.0, 18.0)}
    result = summarise([run], [2])
    assert result["cold_2_ratio"] == 0.45 and "warm_ratio" not in result
    assert result["model"]["serial_seconds"] == 0.0  # 9 s run, 14 s of chunks: none left over
    text = table("x50", result)
    assert "0.45× single" in text and "load average 20.5" in text and "WeasyPrint" not in text


def test_every_measured_child_starts_with_an_empty_pdf_cache_of_its_own(tmp_path, monkeypatch):
    """A build measured after the pdf stage must not take the chunks that stage laid out: each
    child is given a fresh, empty chunk cache (PRESSROOM_CACHE), removed once it is done."""
    import json as _json
    from pathlib import Path

    from pressroom.bench.probe import run_worker

    (tmp_path / "cache_probe.py").write_text(
        "import json, os, sys\nfrom pathlib import Path\n"
        "folder = Path(os.environ['PRESSROOM_CACHE'])\n"
        "(folder / 'entry').write_text('laid out')\n"  # what a pdf stage would leave
        "Path(sys.argv[1]).write_text(json.dumps({'cache': str(folder), "
        "'empty_before': len(list(folder.iterdir())) == 1}))\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    work = tmp_path / "work"
    work.mkdir()
    first = run_worker("cache_probe", [], tmp_path / "a.json", tmp_path / "a.log", work)
    second = run_worker("cache_probe", [], tmp_path / "b.json", tmp_path / "b.log", work)
    assert first["empty_before"] and second["empty_before"]
    assert first["cache"] != second["cache"]
    assert Path(first["cache"]).parent == work and not Path(first["cache"]).exists()
    assert _json.loads((tmp_path / "b.json").read_text())["cache"] == second["cache"]


def _chapters(count: int) -> str:
    """A short book: a title and `count` chapters (each starts a page: the PDF's chunks)."""
    sentence = ("The committee read the returns of every district and set the figures beside "
                "those of the year before. ")
    lines = ["---", "title: Returns of the Districts", "lang: en",
             "identifier: urn:test:bench-chunks", "---", ""]
    for chapter in range(1, count + 1):
        lines += [f"# District {chapter}", ""] + [sentence * 8 + "\n" for _ in range(5)]
    return "\n".join(lines)


@pytest.mark.slow
def test_the_pdf_stage_says_how_the_pdf_was_laid_out(tmp_path, monkeypatch):
    """The pdf stage's own timings are its process's; a chunked PDF is laid out by workers, other
    processes. The stage records which way the PDF went (in chunks by how many workers, or in one
    pass), the workers' layouts, and that the WeasyPrint import it timed was the real one."""
    from pressroom.bench import stages

    name, sources, build = "districts", tmp_path / "sources", tmp_path / "build"
    sources.mkdir()
    (build / name).mkdir(parents=True)
    (sources / f"{name}.md").write_text(_chapters(3), encoding="utf-8")
    (build / name / f"{name}.md").write_text(_chapters(3), encoding="utf-8")
    found = {}
    for jobs in ("2", "1"):
        monkeypatch.setenv("PRESSROOM_JOBS", jobs)
        found[jobs] = stages.measure("pdf", name, sources, build, tmp_path)
    chunked, single = found["2"]["pdf_layout"], found["1"]["pdf_layout"]
    assert chunked["chunked"] and chunked["jobs"] == 2 and chunked["refused"] is None
    assert chunked["chunks"] >= 3 and chunked["laid_out"] >= 3 and chunked["from_cache"] == 0
    # Every chunk but the contents (laid out here) was laid out by a worker, once at least.
    assert chunked["worker_layouts"] >= chunked["chunks"] - 1
    assert single == {"chunked": False, "jobs": 1, "weasyprint_imported_untimed": False}
    for result in found.values():
        assert result["calls"]["weasyprint import"] == 1
        assert not result["pdf_layout"]["weasyprint_imported_untimed"]


def test_the_bench_table_counts_the_workers_layouts_and_says_how_busy_the_cores_were():
    # A chunked pdf stage: 2 layouts in its own process (the contents), 12 in its workers. The
    # table counts all 14, tells the chunks and workers, and the cores busy (CPU ÷ wall), which
    # show whether the workers had two cores or shared one with the machine's other users.
    from pressroom.bench.report import summarise, table, targets
    from pressroom.bench.stages import stages

    def stage(seconds, cpu, **extra):
        return {"seconds": seconds, "cpu": cpu, "peak_mb": 100.0, "split": {}, "calls": {}, **extra}

    def run(pdf_wall, pdf_cpu, load):
        laid = {"chunked": True, "jobs": 2, "refused": None, "chunks": 7, "laid_out": 7,
                "from_cache": 0, "rounds": 1, "cache": True, "worker_layouts": 12,
                "worker_layout_seconds": 3.0, "worker_finish_seconds": 1.0, "worker_peak_mb": 90.0,
                "weasyprint_imported_untimed": False}
        found = {name: stage(0.1, 0.1) for name in stages()}
        found["pdf"] = stage(pdf_wall, pdf_cpu, pdf_layout=laid,
                             split={"weasyprint layout": 0.5, "weasyprint write": 0.25},
                             calls={"weasyprint layout": 2})
        return {"stages": found, "load_average": load,
                "build": stage(pdf_wall + 1, pdf_cpu + 1, split={"normalise": 0.1}),
                "floor": stage(2.0, 2.0, pages=28)}

    results = {"workloads": {"report-x1": {"kind": "report", "scale": 1, "runs": 2,
                                           **summarise([run(2.0, 4.0, [1.0, 1.2]),
                                                        run(4.0, 4.0, [4.5, 5.0])])}}}
    results["targets"] = targets(results)
    summary = results["workloads"]["report-x1"]
    assert summary["pdf_layouts"] == 14
    assert summary["pdf_cores_busy"] == 1.5 and summary["load_average"] == [1.0, 5.0]
    text = table(results)
    assert "3.50×14" in text  # 0.5 s here and 3.0 s in the workers, 14 layouts
    assert "in 7 chunks by 2 workers (7 laid out, 0 from the cache, 1 round(s))" in text
    assert "1.50 cores busy" in text and "load average 1.0–5.0" in text
