"""The corpus documents and designs as data: tests/corpus/documents/NAME.md + NAME.yaml (the
truth), tests/corpus/designs.yaml (the page designs)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import InputError

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "corpus"
# Metadata keys a corpus document may have: the first four go into the truth; `contents` only
# says whether the typeset PDF prints a contents list.
META_KEYS = ("title", "subtitle", "author", "date")
DOCUMENT_KEYS = set(META_KEYS) | {"contents"}
DESIGN_KEYS = {"description", "paper", "css", "typst"}
# A design may also name a groff template (the groff engine skips a design without one).
OPTIONAL_DESIGN_KEYS = {"groff", "notes"}
# Where a design prints the notes (an optional key `notes:`, corpus/placement.py):
#   foot  at the foot of the citing page, numbered through the document (the engines' own);
#   page  at the foot of the citing page, numbered afresh on each page;
#   end   gathered at the end of the document under a heading `Notes`, numbered through.
NOTE_PLACEMENTS = ("foot", "page", "end")


@dataclass(frozen=True)
class CorpusDocument:
    name: str
    body: str            # the Markdown without metadata, as written
    meta: dict           # title, subtitle, author, date (those present)
    contents: bool       # print a contents list

    def source(self) -> str:
        """The whole Markdown source: a YAML metadata block, then the body."""
        header = yaml.safe_dump(self.meta, sort_keys=False, allow_unicode=True, width=1000)
        return f"---\n{header}---\n\n{self.body.lstrip()}"


@dataclass(frozen=True)
class Design:
    name: str
    description: str
    paper: str
    css: Path            # the pressroom overlay
    typst: Path          # the typst template (a pandoc template)
    groff: Path | None = None  # the groff (ms) template, a pandoc template too
    notes: str = "foot"  # one of NOTE_PLACEMENTS


def load_documents(folder: Path = CORPUS / "documents") -> list[CorpusDocument]:
    documents = []
    for md in sorted(folder.glob("*.md")):
        meta_path = md.with_suffix(".yaml")
        if not meta_path.is_file():
            raise InputError("a corpus document needs its metadata file beside it", meta_path)
        try:
            meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise InputError(f"cannot read the metadata: {exc}", meta_path) from exc
        if not isinstance(meta, dict) or not isinstance(meta.get("title"), str):
            raise InputError("the metadata needs a `title:`", meta_path)
        unknown = set(meta) - DOCUMENT_KEYS
        if unknown:
            raise InputError(f"unknown keys {', '.join(sorted(unknown))} "
                             f"(known: {', '.join(sorted(DOCUMENT_KEYS))})", meta_path)
        documents.append(CorpusDocument(
            name=md.stem, body=md.read_text(encoding="utf-8"),
            meta={k: str(meta[k]) if k == "date" else meta[k] for k in META_KEYS if k in meta},
            contents=bool(meta.get("contents", True))))
    if not documents:
        raise InputError("no corpus documents (NAME.md + NAME.yaml)", folder)
    return documents


def load_designs(path: Path = CORPUS / "designs.yaml") -> list[Design]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the designs: {exc}", path) from exc
    designs = []
    for name, spec in (data or {}).get("designs", {}).items():
        if (not isinstance(spec, dict) or not DESIGN_KEYS <= set(spec)
                or set(spec) - DESIGN_KEYS - OPTIONAL_DESIGN_KEYS):
            raise InputError(f"design {name!r} needs exactly: {', '.join(sorted(DESIGN_KEYS))} "
                             f"(and may have {', '.join(sorted(OPTIONAL_DESIGN_KEYS))})", path)
        notes = spec.get("notes", "foot")
        if notes not in NOTE_PLACEMENTS:
            raise InputError(f"design {name!r}: notes must be one of "
                             f"{', '.join(NOTE_PLACEMENTS)}, not {notes!r}", path)
        folder = path.parent / "designs"
        design = Design(name, spec["description"], str(spec["paper"]), folder / spec["css"],
                        folder / spec["typst"], folder / spec["groff"] if "groff" in spec else None,
                        notes)
        for file in (design.css, design.typst, design.groff or design.css):
            if not file.is_file():
                raise InputError(f"design {name!r}: no file {file.name}", path)
        designs.append(design)
    if not designs:
        raise InputError("no designs", path)
    return designs
