"""The hospital glossary: model, TOML loader, import/export, Aho-Corasick matcher and name shapes."""

from yiwen.glossary.loader import bundled_glossary_path, load_glossaries, validate_file
from yiwen.glossary.model import KINDS, NAME_ORDERS, Glossary, GlossaryMatch, Person, Term

__all__ = [
    "KINDS",
    "NAME_ORDERS",
    "Glossary",
    "GlossaryMatch",
    "Person",
    "Term",
    "bundled_glossary_path",
    "load_glossaries",
    "validate_file",
]
