"""Web pages: find the article body, check only its text nodes, write back only inside them.

`Document.text` is the page's HTML source exactly as decoded, so every reported position is a
position in the original file. `Document.prose` masks everything except the text nodes of the
article (tags, attributes, comments, scripts, styles, entities such as `&amp;` and the menus,
breadcrumbs and footers around the article). Entities stay masked rather than being shown
decoded: a rule then never proposes an edit that would cut one in half.

The article is found, in this order: `--whole-page` (every visible text node); a WeChat article
(`<div id="js_content">` and its `#activity-name` title); else trafilatura's main-content
extraction, whose paragraphs are matched back to the page's block elements. Navigation, header,
footer, aside and form elements and blocks whose class or id names a menu or breadcrumb are
never article text.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from yiwen.document.encoding import decode, encode
from yiwen.document.formats import (
    EditableSpans,
    Format,
    LoadOptions,
    WriteOptions,
    apply_edits,
    build_document,
    register,
)
from yiwen.document.language import detect_language
from yiwen.document.markdown import mask_text_urls
from yiwen.errors import InputError
from yiwen.models import MASK, Document, Fix, Language, Segment

_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen".split()
)
_INVISIBLE = frozenset("script style noscript template svg math head object iframe".split())
_BLOCKS = frozenset(
    """p h1 h2 h3 h4 h5 h6 li td th dd dt blockquote pre figcaption caption div section article
    title address header footer nav aside main body tr table ul ol form dl figure center""".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6 title".split())
# Page furniture: never article text, whatever an extractor says.
_FURNITURE_TAGS = frozenset("nav header footer aside form menu button select label".split())
_FURNITURE_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|footer|sidebar|share|"
    r"social|toolbar|topbar|pager|pagination|copyright|related)(?:$|[\s_-])",
    re.I,
)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)
_RUN = re.compile(r"\s{2,}")
_NOT_NEWLINE = re.compile(r"[^\r\n]")
# Declared charsets that are subsets of another codec that decodes more of the real pages.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    parent: _Element | None
    invisible: bool
    furniture: bool
    block: int  # id of the paragraph block this element's own text belongs to
    kind: str  # segment kind of that block


@dataclass
class _TextNode:
    start: int
    end: int
    element: _Element
    block: int
    entity: bool  # an entity or character reference (&amp;): part of the text, never editable
    value: str  # the decoded text


@dataclass
class HtmlPayload:
    """What the writer needs: the editable text-node spans and how the body was found."""

    editable: EditableSpans
    source: str = "article"  # whole-page | wechat | extractor


class _Tokenizer(HTMLParser):
    """Walk the page once, recording each text node's exact offsets and its enclosing element."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.root = _Element("#root", {}, None, False, False, 0, "paragraph")
        self.stack = [self.root]
        self.nodes: list[_TextNode] = []
        self.blocks = 0
        self.block_kind: dict[int, str] = {0: "paragraph"}
        self.block_tag: dict[int, str] = {0: "#root"}

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _new_block(self, kind: str, tag: str = "") -> int:
        self.blocks += 1
        self.block_kind[self.blocks] = kind
        self.block_tag[self.blocks] = tag
        return self.blocks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self.stack[-1]
        if tag == "br":
            # A line break starts a new paragraph block (old CMS pages separate paragraphs so).
            parent.block = self._new_block(parent.kind)
            return
        if tag in _VOID:
            return
        amap = {k: v or "" for k, v in attrs}
        names = f"{amap.get('class', '')} {amap.get('id', '')} {amap.get('role', '')}"
        furniture = (
            parent.furniture
            or tag in _FURNITURE_TAGS
            or bool(_FURNITURE_NAME.search(names.replace("-", " ")))
            or amap.get("role") in ("navigation", "banner", "contentinfo", "menu")
        )
        if tag in _HEADINGS:
            kind = "heading"
        elif tag == "li":
            kind = "list-item"
        elif tag in ("td", "th"):
            kind = "table-cell"
        else:
            kind = parent.kind if tag not in _BLOCKS else "paragraph"
        block = self._new_block(kind, tag) if tag in _BLOCKS else parent.block
        el = _Element(
            tag, amap, parent, parent.invisible or tag in _INVISIBLE, furniture, block, kind
        )
        if tag == "title":
            el.invisible = False  # the one visible thing in <head>
        self.stack.append(el)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                if tag in _BLOCKS:
                    # text after a closed block belongs to a fresh block of the parent
                    self.stack[-1].block = self._new_block(self.stack[-1].kind)
                return

    def handle_data(self, data: str) -> None:
        start = self._offset()
        el = self.stack[-1]
        self.nodes.append(_TextNode(start, start + len(data), el, el.block, False, data))

    def _reference(self, raw: str) -> None:
        start = self._offset()
        # An unterminated reference ("&amp" without ";") is still a reference to browsers.
        length = len(raw) + (1 if self.text.startswith(raw + ";", start) else 0)
        el = self.stack[-1]
        value = html_lib.unescape(self.text[start : start + length])
        self.nodes.append(_TextNode(start, start + length, el, el.block, True, value))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)


def _decode_page(data: bytes, path: str, opts: LoadOptions) -> tuple[str, str, bool]:
    """Decode a page: --encoding, else a BOM or UTF-8, else its <meta charset>, else detection."""
    if opts.encoding:
        return decode(data, path, opts.encoding)
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        name = _SUPERSET.get(name, name)
        if name not in ("utf-8", "utf8"):
            try:
                return decode(data, path, name)
            except InputError:
                pass  # a wrong declaration: fall back to detection
    return decode(data, path)


def _in_wechat(el: _Element) -> bool:
    e: _Element | None = el
    while e is not None:
        if e.attrs.get("id") in ("js_content", "activity-name"):
            return True
        e = e.parent
    return False


def _norm(s: str) -> str:
    return " ".join(s.split())


def _extracted_lines(text: str) -> tuple[set[str], str] | None:
    """Return trafilatura's main-content paragraphs (normalised) and their joined text."""
    import trafilatura

    out = trafilatura.extract(
        text,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
    )
    if not out:
        return None
    lines = set()
    for line in out.splitlines():
        line = _norm(line.lstrip("-*•| ").rstrip("| "))
        if line:
            lines.add(line)
            lines.update(_norm(cell) for cell in line.split("|") if _norm(cell))
    return lines, _norm(out)


def _article_nodes(tok: _Tokenizer, text: str, path: str, opts: LoadOptions) -> tuple[list, str]:
    """Return the text nodes of the article and how it was found."""
    visible = [n for n in tok.nodes if not n.element.invisible]
    if opts.whole_page:
        return visible, "whole-page"
    wechat = [n for n in visible if _in_wechat(n.element)]
    if any(n.value.strip() for n in wechat):
        return wechat, "wechat"
    found = _extracted_lines(text)
    if found is None:
        raise InputError(
            f"{path}: no article body found in this page; use --whole-page to check all its text"
        )
    lines, joined = found
    blocks: dict[int, list[_TextNode]] = {}
    for n in visible:
        if not n.element.furniture and n.element.tag != "title":
            blocks.setdefault(n.block, []).append(n)
    chosen: list[_TextNode] = []
    for nodes in blocks.values():
        value = _norm("".join(n.value for n in nodes))
        if not value:
            continue
        # trafilatura keeps the title (the page's <h1>) in its metadata, not in the body text:
        # a main heading outside the page furniture is the article's title.
        title = tok.block_tag.get(nodes[0].block) == "h1"
        if title or value in lines or (len(value) >= 15 and value in joined):
            chosen.extend(nodes)
    if not any(n.value.strip() for n in chosen):
        raise InputError(
            f"{path}: no article body found in this page; use --whole-page to check all its text"
        )
    chosen.sort(key=lambda n: n.start)
    return chosen, "extractor"


def _mask(text: str, nodes: list[_TextNode]) -> tuple[str, list[tuple[int, int]]]:
    """Return the prose mask (only the given text nodes visible) and the editable spans.

    Whitespace collapses in HTML, so inside a run of whitespace only the first character (and
    every newline, which prose always keeps) stays visible: indentation is not "two spaces".
    """
    masked = _NOT_NEWLINE.sub(MASK, text)
    out: list[str] = []
    editable: list[tuple[int, int]] = []
    pos = 0
    for n in nodes:
        if n.entity:
            continue
        out.append(masked[pos : n.start])
        out.append(_RUN.sub(_collapse, text[n.start : n.end]))
        editable.append((n.start, n.end))
        pos = n.end
    out.append(masked[pos:])
    return "".join(out), editable


def _collapse(m: re.Match[str]) -> str:
    run = m.group()
    return run[0] + _NOT_NEWLINE.sub(MASK, run[1:])


def _segments(
    nodes: list[_TextNode], prose: str, tok: _Tokenizer, lang: Language | None
) -> tuple[Segment, ...]:
    """One paragraph segment per block: from its first visible character to its last."""
    spans: dict[int, list[int]] = {}
    for n in nodes:
        if n.entity:
            continue
        chunk = prose[n.start : n.end]
        stripped = chunk.strip(" \t\r\n" + MASK)
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip(" \t\r\n" + MASK))
        s, e = n.start + lead, n.start + lead + len(stripped)
        span = spans.setdefault(n.block, [s, e])
        span[0], span[1] = min(span[0], s), max(span[1], e)
    segs = []
    for block, (s, e) in sorted(spans.items(), key=lambda kv: kv[1][0]):
        language = lang or detect_language(prose[s:e])
        segs.append(Segment(s, e, language, tok.block_kind.get(block, "paragraph")))
    return tuple(segs)


def load_html(data: bytes, path: str, opts: LoadOptions) -> Document:
    """Load a web page: the article's text nodes are prose; positions are in the source."""
    text, encoding, bom = _decode_page(data, path, opts)
    tok = _Tokenizer(text)
    try:
        tok.feed(text)
        tok.close()
    except (AssertionError, ValueError) as exc:  # HTMLParser's own complaints
        raise InputError(f"{path}: cannot be parsed as HTML ({exc})") from None
    nodes, how = _article_nodes(tok, text, path, opts)
    prose, editable = _mask(text, nodes)
    prose = mask_text_urls(prose)
    paras = _segments(nodes, prose, tok, opts.lang)
    payload = HtmlPayload(EditableSpans(editable), how)
    return build_document(
        path, text, prose, encoding, bom, "html", opts, payload=payload, paras=paras
    )


def dump_html(doc: Document, edits: Sequence[Fix], opts: WriteOptions) -> bytes:
    """Write the page back: only article text nodes change, every other byte stays."""
    payload: HtmlPayload = doc.payload
    escape = functools.partial(html_lib.escape, quote=False)
    text = apply_edits(doc.text, payload.editable.edits(doc.text, edits, escape))
    return encode(text, opts.output_encoding or doc.encoding, doc.bom, doc.path)


register(Format("html", (".html", ".htm", ".xhtml", ".shtml"), load_html, dump_html))
