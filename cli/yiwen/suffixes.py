"""Which file suffixes each article format reads: a table that imports nothing.

Finding the articles of a folder (`yiwen batch`) needs only this table, not the document package
and its regular expressions; `document/formats.py` registers its handlers with these suffixes.
"""

from __future__ import annotations

# Formats built into formats.py.
BUILTIN: dict[str, tuple[str, ...]] = {
    "txt": (".txt", ".text"),
    "md": (".md", ".markdown", ".mdown"),
}
# Formats whose module registers itself when imported (lxml, python-docx and trafilatura cost
# start-up time a .md check should not pay): a file is routed to its module by suffix. A test
# keeps these suffixes equal to what each module registers.
MODULES: dict[str, tuple[str, ...]] = {
    "html": (".html", ".htm", ".xhtml", ".shtml"),
    "docx": (".docx",),
    "xliff": (".xlf", ".xliff", ".xlf2"),
}


def all_suffixes() -> tuple[str, ...]:
    """Return every suffix some format reads, sorted."""
    return tuple(sorted({s for table in (BUILTIN, MODULES) for sx in table.values() for s in sx}))
