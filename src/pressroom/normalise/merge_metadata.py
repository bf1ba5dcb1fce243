"""Metadata: what the title page said, overridden by `sources/NAME.yaml`, with defaults stated."""

from __future__ import annotations

import uuid

from .model import State

# Identifiers are UUIDv5 of the document's name in this namespace: stable across builds.
UUID_NAMESPACE = uuid.UUID("6f1d9a52-4e0b-5d55-9a3e-2f1c8e3b7a10")


def merge_metadata(state: State) -> State:
    text_meta, file_meta = state.meta, state.file_meta
    for key, value in file_meta.items():
        if key in text_meta and text_meta[key] != value:
            state.diagnostics.info("metadata-override", None, f"{key} from the metadata file "
                                   f"(“{value}”) replaces the text's (“{text_meta[key]}”)")
    meta = {**text_meta, **file_meta}
    name = state.name or "document"
    if "title" not in meta:
        meta["title"] = name.replace("-", " ").replace("_", " ").strip().capitalize()
        state.diagnostics.warning("title-assumed", None, "no title in the text or a metadata "
                                  f"file; assumed “{meta['title']}” from the file name")
    if "lang" not in meta:
        meta["lang"] = "en"
        state.diagnostics.notice("lang-assumed", None, "no language given; assumed en")
    meta.setdefault("identifier", f"urn:uuid:{uuid.uuid5(UUID_NAMESPACE, name)}")
    state.meta = meta
    return state
