"""Reproducible EPUB archives: ebooklib stamps entries with the current time, so we re-zip.

mimetype first and stored, then META-INF, the package document and the rest in name order,
every entry with the build date as its time and 0644 permissions.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from lxml import etree

OPF = "EPUB/content.opf"
FIRST = ("mimetype", "META-INF/container.xml", OPF)
EPOCH_FLOOR = datetime.datetime(1980, 1, 1)  # the earliest time a zip entry can hold


def zip_entry(name: str, build_date: datetime.datetime, stored: bool) -> zipfile.ZipInfo:
    when = max(build_date.replace(tzinfo=None), EPOCH_FLOOR)
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so the permission bits below are honoured
    info.external_attr = 0o644 << 16
    return info


def reproducible_zip(archive: bytes, build_date: datetime.datetime, lang: str | None = None) -> bytes:
    """The same entries as `archive`, in a fixed order with fixed times and permissions; with
    `lang`, the package document also declares its language (ebooklib leaves xml:lang out,
    which accessibility checkers report)."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        contents = {name: source.read(name) for name in source.namelist()}
    if lang and OPF in contents:
        contents[OPF] = _with_package_lang(contents[OPF], lang)
    if contents.get("mimetype") != b"application/epub+zip":
        raise ValueError("not an EPUB archive: no mimetype entry")
    order = [n for n in FIRST if n in contents] + sorted(set(contents) - set(FIRST))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            target.writestr(zip_entry(name, build_date, stored=name == "mimetype"), contents[name],
                            compresslevel=9 if name != "mimetype" else None)
    return out.getvalue()


def _with_package_lang(opf: bytes, lang: str) -> bytes:
    root = etree.fromstring(opf)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")
