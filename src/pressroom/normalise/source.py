"""Normalise one source file: read it with the reader of its kind, load its metadata, run the
passes, account words."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..diagnostics import Diagnostics
from ..metadata import REQUIRED, load_metadata
from ..readers import MARKDOWN_SUFFIXES, kind_of
from . import run_passes
from .accounting import account
from .clean_characters import clean_characters
from .decode import decode
from .model import State
from .words import words

# Beyond this a source is refused with a clear message rather than exhausting memory.
MAX_SOURCE_BYTES = 64 * 1024 * 1024


def normalise_file(path: Path, meta_path: Path | None = None, *, dump_dir: Path | None = None,
                   stop_after: str | None = None, display_path: str | None = None,
                   max_bytes: int = MAX_SOURCE_BYTES) -> State:
    """Return the final State: `.text` is the canonical Markdown, `.audit` what was done."""
    shown = display_path or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"the file is {size / 2**20:.1f} MiB, above the limit of "
                             f"{max_bytes / 2**20:.0f} MiB (see --max-size)", shown)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read source: {exc.strerror}", shown) from None
    if meta_path is None and path.suffix != ".yaml":
        candidate = path.with_suffix(".yaml")
        meta_path = candidate if candidate.is_file() else None
    name = path.stem.split(".")[0]
    kind = source_kind(path, data)
    metadata_diagnostics = Diagnostics(str(meta_path))  # an unknown key warns about the .yaml
    # A Markdown source may give its title itself; NAME.yaml then need not.
    required = () if kind == "markdown" else REQUIRED
    file_meta = load_metadata(meta_path, metadata_diagnostics, required) if meta_path else {}
    if kind == "markdown":
        from ..readers.markdown import read_markdown

        text, encoding = decode(data, shown)
        state = read_markdown(text, shown, path, name, file_meta, metadata_diagnostics)
        if encoding not in ("utf-8", "utf-8-sig"):
            state.diagnostics.notice("encoding", None, f"not UTF-8: read as {encoding}")
        return state
    if kind == "pdf":
        from ..readers.pdf import read_pdf

        state = read_pdf(data, shown, name, file_meta)
        text = state.text
    else:
        text, encoding = decode(data, shown)
        state = State(path=shown, text=text, name=name, file_meta=file_meta)
        if encoding not in ("utf-8", "utf-8-sig"):
            state.diagnostics.notice("encoding", None, f"not UTF-8: read as {encoding}")
    state.diagnostics.items.extend(metadata_diagnostics.items)
    source_words = words(clean_characters(State(path=shown, text=text, file_meta=file_meta)).text)
    state = run_passes(state, dump_dir=dump_dir, stop_after=stop_after)
    state.accounting = account(state, source_words)  # type: ignore[attr-defined]
    return state


def source_kind(path: Path, data: bytes) -> str:
    """pdf, markdown or text, from the bytes (readers/); a text named `.md` is Markdown even
    without a metadata block, since nothing in its bytes could say so."""
    kind = kind_of(data)
    if kind == "text" and path.suffix.lower() in MARKDOWN_SUFFIXES:
        return "markdown"
    return kind
