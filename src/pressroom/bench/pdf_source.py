"""Reading the built PDF back as a source: extraction time per page and its share of the build.

The workload's own A4 PDF (left by the pdf stage) is read in this process: pypdfium2's extraction
alone, then the whole PDF reader (extraction and page geometry to the normaliser's blocks). The
first run includes importing pypdfium2; the figures are the median of `runs` after it.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path


def measure(name: str, build: Path, build_seconds: float, runs: int = 3) -> dict:
    from ..readers.pdf import read_pdf
    from ..readers.pdf_extract import extract

    path = build / name / f"{name}.pdf"
    data = path.read_bytes()
    started = time.perf_counter()
    pages = len(extract(data, str(path)).pages)
    first = time.perf_counter() - started
    extraction, reading = [], []
    for _ in range(runs):
        started = time.perf_counter()
        extract(data, str(path))
        extraction.append(time.perf_counter() - started)
        started = time.perf_counter()
        read_pdf(data, str(path), name, {})
        reading.append(time.perf_counter() - started)
    seconds = statistics.median(extraction)
    return {"pages": pages, "first_extraction_seconds": first, "extraction_seconds": seconds,
            "extraction_ms_per_page": 1000 * seconds / pages, "reader_seconds": statistics.median(reading),
            "extraction_share_of_build": seconds / build_seconds if build_seconds else None}
