"""`make corpus`: truth → PDF (designs × engines) → text (extractors) → normalised → scored.

Every product is cached under the output folder by a content hash of what made it, stored beside
it in NAME.key: a PDF by its truth text, design files, engine code and engine version; a text by
the PDF's bytes and the extractor's version; a normalised file by the text and the normaliser's
source files; a score by the truth, the output, the audit and the scorer's source. A second run
redoes only what changed (a normaliser change: normalise and score again, nothing else).

Each (document, design, engine) chain runs in one worker process, JOBS of them at a time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import PressroomError, UsageError
from .documents import ROOT, CorpusDocument, Design, load_designs, load_documents
from .extract import PDF_READER, SOURCES, extract, extractor_versions
from . import groff
from .placement import typeset_placed
from .typeset import ENGINES as DOCUMENT_ENGINES, engine_versions

SRC = ROOT / "src" / "pressroom"
# pressroom and typst (typeset.py), then groff (groff.py: its own module, so that its code is not
# in the other engines' cache keys).
ENGINES = (*DOCUMENT_ENGINES, groff.ENGINE)
# Two worker processes: the machine the corpus is meant for has two cores.
JOBS = 2
# A normalisation that takes longer than this is recorded as failed (a hang is a finding too).
NORMALISE_SECONDS = 300


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _files_digest(paths) -> str:
    return _digest(*(f"{p.relative_to(ROOT)}\0".encode() + p.read_bytes() for p in sorted(paths)))


def code_digests() -> dict[str, str]:
    """What each stage's code is: a change to any of these files redoes that stage."""
    python = [p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts]
    render = [p for p in python if p.parent.name == "render"] + [
        SRC / "document.py", SRC / "markdown.py", SRC / "fsio.py"]
    templates = [p for p in (ROOT / "templates").rglob("*") if p.is_file()]
    # The normaliser: every module outside the renderers, the corpus, bench and diff (the CLI and
    # pipeline included: conservative, a change there costs one re-normalisation).
    normaliser = [p for p in python
                  if not {"render", "corpus", "bench", "diff"} & set(p.relative_to(SRC).parts)]
    here = Path(__file__).parent
    return {"pressroom": _files_digest(render + templates + [here / "typeset.py"]),
            "typst": _files_digest([here / "typeset.py"]),
            "groff": _files_digest([here / "groff.py"]),
            "extract": _files_digest([here / "extract.py"]),
            "normaliser": _files_digest(normaliser),
            "scorer": _files_digest([here / "score.py"]),
            "placement": _files_digest([here / "placement.py"])}


def _fresh(path: Path, key: str) -> bool:
    marker = path.with_name(path.name + ".key")
    return path.is_file() and marker.is_file() and marker.read_text() == key


def _done(path: Path, key: str) -> None:
    path.with_name(path.name + ".key").write_text(key)


@dataclass
class Chain:
    """One (document, design, engine): its PDF, then every extractor's text, output and score."""
    document: str
    truth: Path
    design: Design
    engine: str
    contents: bool
    extractors: tuple[str, ...]
    out: Path
    codes: dict[str, str]
    versions: dict[str, str]


def _quiet_worker() -> None:
    logging.getLogger().setLevel(logging.ERROR)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def _alarm(signum, frame):
    raise TimeoutError(f"normalising took more than {NORMALISE_SECONDS} s")


def _normalise(text_path: Path, md_path: Path, audit_path: Path) -> None:
    """`pressroom normalise TEXT -o MD --audit AUDIT`, in this process; a failure is recorded as
    an empty output and an audit holding the error."""
    from .. import pipeline

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(NORMALISE_SECONDS)
    try:
        pipeline.normalise(text_path, md_path, audit=audit_path)
    except (PressroomError, TimeoutError, RecursionError, MemoryError) as exc:
        md_path.write_text("", encoding="utf-8")
        audit_path.write_text(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n")
    except Exception as exc:  # noqa: BLE001 - a crash of the normaliser is a result to report
        md_path.write_text("", encoding="utf-8")
        audit_path.write_text(json.dumps({"error": f"crash: {type(exc).__name__}: {exc}"}) + "\n")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_chain(chain: Chain) -> list[dict]:
    _quiet_worker()
    from .score import score

    stem = f"{chain.document}.{chain.design.name}.{chain.engine}"
    redone = {"pdf": 0, "text": 0, "normalised": 0, "score": 0}
    timings = {"pdf": 0.0, "text": 0.0, "normalised": 0.0, "score": 0.0}
    truth = chain.truth.read_text(encoding="utf-8")
    pdf = chain.out / "pdf" / f"{stem}.pdf"
    design_files = _design_files(chain.design, chain.engine)
    # A design that places its notes otherwise than at the foot (corpus/placement.py) depends on
    # that code too; the others' keys stay as they were.
    placed = [] if chain.design.notes == "foot" else [chain.design.notes, chain.codes["placement"]]
    key = _digest("pdf", truth, _files_digest(design_files), str(chain.contents),
                  chain.engine, chain.codes[chain.engine], chain.versions[chain.engine], *placed)
    started = time.perf_counter()
    if not _fresh(pdf, key):
        typeset_placed(chain.engine, chain.truth, chain.design, chain.contents, pdf)
        _done(pdf, key)
        redone["pdf"] += 1
    timings["pdf"] += time.perf_counter() - started
    pdf_hash = _digest(pdf.read_bytes())
    pages = _pages(pdf)
    cases = []
    for extractor in chain.extractors:
        name = f"{stem}.{extractor}"
        started = time.perf_counter()
        if extractor == PDF_READER:
            text = pdf  # Pressroom reads the PDF itself
        else:
            text = chain.out / "text" / f"{name}.txt"
            key = _digest("text", pdf_hash, extractor, chain.versions[extractor],
                          chain.codes["extract"])
            if not _fresh(text, key):
                text.write_text(extract(extractor, pdf), encoding="utf-8", newline="")
                _done(text, key)
                redone["text"] += 1
        timings["text"] += time.perf_counter() - started
        started = time.perf_counter()
        md = chain.out / "normalised" / f"{name}.md"
        audit = chain.out / "normalised" / f"{name}.audit.json"
        key = _digest("normalised", text.read_bytes(), chain.codes["normaliser"])
        if not (_fresh(md, key) and audit.is_file()):
            _normalise(text, md, audit)
            _done(md, key)
            redone["normalised"] += 1
        timings["normalised"] += time.perf_counter() - started
        started = time.perf_counter()
        result = chain.out / "scores" / f"{name}.json"
        output, audit_text = md.read_text(encoding="utf-8"), audit.read_text(encoding="utf-8")
        key = _digest("score", truth, output, audit_text, chain.codes["scorer"])
        if not _fresh(result, key):
            audit_data = json.loads(audit_text)
            case = {"document": chain.document, "design": chain.design.name,
                    "engine": chain.engine, "extractor": extractor, "pages": pages,
                    "error": audit_data.get("error"),
                    "score": score(truth, output, audit_data).to_dict()}
            result.write_text(json.dumps(case, ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")
            _done(result, key)
            redone["score"] += 1
        timings["score"] += time.perf_counter() - started
        cases.append(json.loads(result.read_text(encoding="utf-8")))
    return [{"cases": cases, "redone": redone, "seconds": timings}]


def _design_files(design: Design, engine: str) -> list[Path]:
    """The files of a design that make its PDFs in this engine (their bytes are in the key)."""
    if engine == groff.ENGINE:
        return [design.groff, design.groff.parent / "common.ms"]
    return [design.css, design.typst, design.css.parent / "corpus.css",
            design.css.parent / "no-contents.css", design.typst.parent / "common.typst"]


def _pages(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def prepare_truth(document: CorpusDocument, out: Path) -> Path:
    """build/corpus/truth/NAME.md: the source canonicalised as `pressroom normalise NAME.md` does."""
    from .. import pipeline

    folder = out / "truth"
    source = folder / f"{document.name}.source.md"
    truth = folder / f"{document.name}.md"
    text = document.source()
    if not source.is_file() or source.read_text(encoding="utf-8") != text:
        source.write_text(text, encoding="utf-8")
    key = _digest("truth", text, code_digests()["normaliser"])
    if not _fresh(truth, key):
        pipeline.normalise(source, truth)
        _done(truth, key)
    return truth


def build(out: Path, *, jobs: int = JOBS, documents: list[str] | None = None,
          designs: list[str] | None = None, engines: list[str] | None = None,
          extractors: list[str] | None = None, progress=None) -> dict:
    """Run every chain (or the subset named) and return the results (also in out/results.json)."""
    started = time.perf_counter()
    all_documents, all_designs = load_documents(), load_designs()
    chosen_docs = _choose(all_documents, documents, "document")
    chosen_designs = _choose(all_designs, designs, "design")
    chosen_engines = _choose_names(ENGINES, engines, "engine")
    chosen_extractors = _choose_names(SOURCES, extractors, "extractor")
    for folder in ("truth", "pdf", "text", "normalised", "scores"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    codes = code_digests()
    versions = {**engine_versions(), groff.ENGINE: groff.version(), **extractor_versions()}
    chains = [Chain(d.name, prepare_truth(d, out), design, engine, d.contents,
                    tuple(chosen_extractors), out, codes, versions)
              for engine in chosen_engines for d in chosen_docs for design in chosen_designs
              if engine != groff.ENGINE or design.groff is not None]
    cases, redone, seconds = [], {}, {}
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        for result in pool.map(run_chain, chains):
            for part in result:
                cases.extend(part["cases"])
                for k, v in part["redone"].items():
                    redone[k] = redone.get(k, 0) + v
                for k, v in part["seconds"].items():
                    seconds[k] = round(seconds.get(k, 0.0) + v, 2)
                if progress:
                    progress(part["cases"])
    from .report import summarise

    results = summarise(cases)
    results["run"] = {"seconds": round(time.perf_counter() - started, 1), "jobs": jobs,
                      "redone": redone, "stage_seconds_summed_over_workers": seconds,
                      "versions": versions}
    return results


def _choose(items, names, what):
    if not names:
        return items
    known = {i.name: i for i in items}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(f"unknown {what}(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[n] for n in names]


def _choose_names(known, names, what):
    if not names:
        return list(known)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(f"unknown {what}(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return list(names)
