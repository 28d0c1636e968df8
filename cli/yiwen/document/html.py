"""Web pages: find the article body, check only its text nodes, write back only inside them.

`Document.text` is the page's HTML source exactly as decoded, so every reported position is a
position in the original file. `Document.prose` masks everything except the text nodes of the
article (tags, attributes, comments, CDATA sections, scripts, styles, entities such as `&amp;`
and the menus, breadcrumbs and footers around the article). Entities stay masked rather than
being shown decoded: a rule then never proposes an edit that would cut one in half.

The page is tokenized by regular expressions over the source (the grammar of `html.parser`'s
tolerant tokenizer, several times faster than driving `HTMLParser`), so each text node keeps
its exact offsets in the original file.

The article is found, in this order: `--whole-page` (every visible text node); a WeChat article
(`<div id="js_content">` and its `#activity-name` title); a body container that holds most of
the page's text (`<article>`, `itemprop="articleBody"`, or a class or id such as
`article-body`, `article-content`, `TRS_Editor`), with the page's `<h1>` title; else
trafilatura's main-content extraction, whose paragraphs are matched back to the page's block
elements. Navigation, header, footer, aside and form elements and blocks whose class or id
names a menu or breadcrumb are never article text.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass

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
_KINDS = {"li": "list-item", "td": "table-cell", "th": "table-cell"}
# Page furniture: never article text, whatever an extractor says.
_FURNITURE_TAGS = frozenset("nav header footer aside form menu button select label".split())
_FURNITURE_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|footer|sidebar|share|"
    r"social|toolbar|topbar|pager|pagination|copyright|related|comments?)(?:$|[\s_-])",
    re.I,
)
_FURNITURE_ROLES = frozenset(("navigation", "banner", "contentinfo", "menu"))
# Containers that name themselves the article's body (CMS templates, schema.org, TRS sites).
_BODY_NAME = re.compile(
    r"(?:^|\s)(?:article[-_]?(?:body|content|text|detail)|post[-_]?(?:body|content)|"
    r"entry[-_]?content|news[-_]?(?:body|content|text|detail)|story[-_]?body|content[-_]?body|"
    r"trs_editor)(?:$|\s)",
    re.I,
)
_WECHAT_IDS = frozenset(("js_content", "activity-name"))
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)
_RUN = re.compile(r"\s{2,}")
_NOT_NEWLINE = re.compile(r"[^\r\n]+")
# Where a URL or e-mail address could start: only there is mask_text_urls worth running.
_URL_HINT = re.compile(r"://|www\.|@")
_URL_STOP = re.compile(r"[\s\ufffc]")
# Declared charsets that are subsets of another codec that decodes more of the real pages.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}

# The tokenizer's grammar: html.parser's tolerant one (CPython 3.11), so pages split into the
# same tags, text and references as they did when HTMLParser read them.
_MARKUP = re.compile(r"[<&]")
_TAG_OPEN = re.compile(r"<[a-zA-Z]")
_START_TAG_END = re.compile(
    r"""
  <[a-zA-Z][^\t\n\r\f />\x00]*       # tag name
  (?:[\s/]*                          # optional whitespace before attribute name
    (?:(?<=['"\s/])[^\s/>][^\s/=>]*  # attribute name
      (?:\s*=+\s*                    # value indicator
        (?:'[^']*'                   # LITA-enclosed value
          |"[^"]*"                   # LIT-enclosed value
          |(?!['"])[^>\s]*           # bare value
         )
        \s*                          # possibly followed by a space
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*                                # trailing whitespace
""",
    re.VERBOSE,
)
_TAG_NAME = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTR = re.compile(
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*"
    r"('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*"
)
_END_TAG = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
_COMMENT_END = re.compile(r"--\s*>")
_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
_SECTION_END = re.compile(r"]\s*]\s*>")
_MS_SECTION_END = re.compile(r"]\s*>")
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_ENTITYREF = re.compile(r"&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]")
_RAW_TEXT_END = {
    "script": re.compile(r"</\s*script\s*>", re.I),
    "style": re.compile(r"</\s*style\s*>", re.I),
}
_LETTERS_EQ_SLASH = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=/")


@dataclass(slots=True)
class _Element:
    tag: str
    attrs: dict[str, str]
    parent: _Element | None
    invisible: bool
    furniture: bool
    block: int  # id of the paragraph block this element's own text belongs to
    kind: str  # segment kind of that block
    wechat: bool = False  # inside a WeChat article's body or title
    container: int = -1  # innermost enclosing body container (index into containers)


@dataclass(slots=True)
class _TextNode:
    start: int
    end: int
    element: _Element
    block: int
    entity: bool  # an entity or character reference (&amp;): part of the text, never editable
    value: str  # the decoded text


@dataclass(slots=True)
class _Container:
    element: _Element
    parent: int  # the enclosing container's index, -1 for none


@dataclass
class HtmlPayload:
    """What the writer needs: the editable text-node spans and how the body was found."""

    editable: EditableSpans
    source: str = "article"  # whole-page | wechat | container | extractor


class _Tokenizer:
    """Walk the page once, recording each visible text node's exact offsets and its element.

    Text inside invisible elements (scripts, styles, <head>) is skipped: it is never prose.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.root = _Element("#root", {}, None, False, False, 0, "paragraph")
        self.stack = [self.root]
        self.nodes: list[_TextNode] = []
        self.blocks = 0
        self.block_kind: dict[int, str] = {0: "paragraph"}
        self.block_tag: dict[int, str] = {0: "#root"}
        self.containers: list[_Container] = []

    def run(self) -> _Tokenizer:
        """Tokenize the whole text (as html.parser's feed() then close() would)."""
        text, n = self.text, len(self.text)
        i = 0
        while i < n:
            m = _MARKUP.search(text, i)
            j = m.start() if m else n
            if i < j:
                self._data(i, j)
            if j == n:
                break
            if text[j] == "&":
                i = self._reference(j)
                continue
            k = self._markup(j)
            if k < 0:
                # Unterminated markup: up to the next ">" (else up to the next "<") is text.
                k = text.find(">", j + 1)
                if k < 0:
                    k = text.find("<", j + 1)
                    k = j + 1 if k < 0 else k
                else:
                    k += 1
                self._data(j, k)
            i = k
        return self

    def _markup(self, i: int) -> int:
        """Handle the markup at `i` ("<"); return where it ends, -1 when it is unterminated."""
        text = self.text
        if _TAG_OPEN.match(text, i):
            return self._start_tag(i)
        if text.startswith("</", i):
            return self._end_tag(i)
        if text.startswith("<!--", i):
            m = _COMMENT_END.search(text, i + 4)
            return m.end() if m else -1
        if text.startswith("<?", i):
            return _after(text, ">", i + 2)
        if text.startswith("<![", i):
            return self._marked_section(i)
        if text.startswith("<!", i):
            if text[i + 2 : i + 9].lower() == "doctype":
                return _after(text, ">", i + 9)
            return _after(text, ">", i + 2)  # a bogus comment
        self._data(i, i + 1)  # a "<" that starts nothing is text
        return i + 1

    def _marked_section(self, i: int) -> int:
        """<![CDATA[...]]>, <![if ...]> and the like: masked like comments."""
        text = self.text
        m = _SECTION_NAME.match(text, i + 3)
        if m is not None and m.end() == len(text):
            return -1
        name = m.group().strip().lower() if m else ""
        if name in ("temp", "cdata", "ignore", "include", "rcdata"):
            end = _SECTION_END.search(text, i + 3)
        elif name in ("if", "else", "endif"):
            end = _MS_SECTION_END.search(text, i + 3)
        else:
            # html.parser gives up on other sections; browsers read them as bogus comments.
            return _after(text, ">", i + 2)
        return end.end() if end else -1

    def _start_tag(self, i: int) -> int:
        text = self.text
        j = _START_TAG_END.match(text, i).end()
        nxt = text[j : j + 1]
        if nxt == ">":
            endpos = j + 1
        elif nxt == "/":
            if not text.startswith("/>", j):
                return -1
            endpos = j + 2
        elif nxt == "" or nxt in _LETTERS_EQ_SLASH:
            return -1  # the tag runs to the end of the page
        else:
            endpos = j if j > i else i + 1
        m = _TAG_NAME.match(text, i + 1)
        tag = m.group(1).lower()
        k = m.end()
        attrs: dict[str, str] = {}
        while k < endpos:
            m = _ATTR.match(text, k)
            if not m:
                break
            name, rest, value = m.group(1, 2, 3)
            if not rest:
                value = ""
            elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
                value = value[1:-1]
            if "&" in value:
                value = html_lib.unescape(value)
            attrs[name.lower()] = value
            k = m.end()
        end = text[k:endpos].strip()
        if end not in (">", "/>"):
            self._data(i, endpos)  # not a tag after all
            return endpos
        self._open(tag, attrs)
        if end == "/>":
            self._close(tag)
        elif tag in _RAW_TEXT_END:
            # Script and style content is raw text up to its end tag (or the end of the page).
            m = _RAW_TEXT_END[tag].search(text, endpos)
            if m is None:
                return len(text)
            self._close(tag)
            return m.end()
        return endpos

    def _end_tag(self, i: int) -> int:
        text = self.text
        gt = text.find(">", i + 1)
        if gt < 0:
            return -1
        m = _END_TAG.match(text, i)
        if m:
            self._close(m.group(1).lower())
            return gt + 1
        name = _TAG_NAME.match(text, i + 2)
        if name is None:
            return i + 3 if text.startswith("</>", i) else _after(text, ">", i + 2)
        self._close(name.group(1).lower())
        return text.find(">", name.end()) + 1

    def _reference(self, i: int) -> int:
        """Handle "&" at `i`: a character or entity reference, else a plain "&"; return the end."""
        text = self.text
        m = (_CHARREF if text.startswith("&#", i) else _ENTITYREF).match(text, i)
        if m is None:
            # "&#" that starts no reference is text (html.parser could swallow the rest of the
            # page as one text node here); so is a lone "&".
            end = i + 2 if text.startswith("&#", i) else i + 1
            self._data(i, end)
            return end
        end = m.end() if text[m.end() - 1] == ";" else m.end() - 1
        el = self.stack[-1]
        if not el.invisible:
            value = html_lib.unescape(text[i:end])
            self.nodes.append(_TextNode(i, end, el, el.block, True, value))
        return end

    def _data(self, start: int, end: int) -> None:
        el = self.stack[-1]
        if not el.invisible:
            self.nodes.append(_TextNode(start, end, el, el.block, False, self.text[start:end]))

    def _new_block(self, kind: str, tag: str = "") -> int:
        self.blocks += 1
        self.block_kind[self.blocks] = kind
        self.block_tag[self.blocks] = tag
        return self.blocks

    def _open(self, tag: str, attrs: dict[str, str]) -> None:
        parent = self.stack[-1]
        if tag == "br":
            # A line break starts a new paragraph block (old CMS pages separate paragraphs so).
            parent.block = self._new_block(parent.kind)
            return
        if tag in _VOID:
            return
        furniture = parent.furniture or tag in _FURNITURE_TAGS
        names = ""
        if attrs:
            names = f"{attrs.get('class', '')} {attrs.get('id', '')}"
            furniture = (
                furniture
                or bool(
                    _FURNITURE_NAME.search(f"{names} {attrs.get('role', '')}".replace("-", " "))
                )
                or attrs.get("role") in _FURNITURE_ROLES
            )
        if tag in _HEADINGS:
            kind = "heading"
        elif tag in _BLOCKS:
            kind = _KINDS.get(tag, "paragraph")
        else:
            kind = parent.kind
        block = self._new_block(kind, tag) if tag in _BLOCKS else parent.block
        invisible = (parent.invisible or tag in _INVISIBLE) and tag != "title"
        el = _Element(
            tag,
            attrs,
            parent,
            invisible,  # the title is the one visible thing in <head>
            furniture,
            block,
            kind,
            parent.wechat or attrs.get("id") in _WECHAT_IDS,
            parent.container,
        )
        if tag == "article" or attrs.get("itemprop") == "articleBody" or _BODY_NAME.search(names):
            el.container = len(self.containers)
            self.containers.append(_Container(el, parent.container))
        self.stack.append(el)

    def _close(self, tag: str) -> None:
        stack = self.stack
        for i in range(len(stack) - 1, 0, -1):
            if stack[i].tag == tag:
                del stack[i:]
                if tag in _BLOCKS:
                    # text after a closed block belongs to a fresh block of the parent
                    stack[-1].block = self._new_block(stack[-1].kind)
                return


def _after(text: str, char: str, start: int) -> int:
    """Return the index just past the next `char` from `start`, or -1 when there is none."""
    k = text.find(char, start)
    return k + 1 if k >= 0 else -1


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
            if "|" in line:  # a table row: each cell is a line of its own
                lines.update(cell for cell in map(_norm, line.split("|")) if cell)
    return lines, _norm(out)


def _candidate_blocks(tok: _Tokenizer) -> dict[int, list[_TextNode]]:
    """Group the text nodes that may be article text (not furniture, not <title>) by block."""
    blocks: dict[int, list[_TextNode]] = {}
    for n in tok.nodes:
        el = n.element
        if not el.furniture and el.tag != "title":
            blocks.setdefault(n.block, []).append(n)
    return blocks


def _body_container(tok: _Tokenizer, blocks: dict[int, list[_TextNode]]) -> int:
    """Return the innermost body container holding most of the page's text, else -1.

    Only a container that holds more than half of the text outside the page furniture counts:
    a listing page of several <article> teasers, or a small "article-content" box beside the
    real story, is left to the extractor.
    """
    containers = tok.containers
    if not containers:
        return -1
    weights = [0] * len(containers)  # characters of text inside each container
    total = 0
    for nodes in blocks.values():
        for n in nodes:
            weight = len(n.value.strip())
            total += weight
            if n.element.container >= 0:
                weights[n.element.container] += weight
    # Containers open in document order, so a child's index is above its parent's.
    for i in range(len(containers) - 1, -1, -1):
        if containers[i].parent >= 0:
            weights[containers[i].parent] += weights[i]
    best = -1
    for i, weight in enumerate(weights):
        if weight * 2 > total:
            best = i  # two containers both over half are nested: keep the inner one
    return best


def _inside(el: _Element, container: int, containers: list[_Container]) -> bool:
    c = el.container
    while c > container:
        c = containers[c].parent
    return c == container


def _no_body(path: str) -> InputError:
    return InputError(
        f"{path}: no article body found in this page; use --whole-page to check all its text"
    )


def _article_nodes(tok: _Tokenizer, text: str, path: str, opts: LoadOptions) -> tuple[list, str]:
    """Return the text nodes of the article and how it was found."""
    if opts.whole_page:
        return tok.nodes, "whole-page"
    wechat = [n for n in tok.nodes if n.element.wechat]
    if any(n.value.strip() for n in wechat):
        return wechat, "wechat"
    blocks = _candidate_blocks(tok)
    container = _body_container(tok, blocks)
    if container >= 0:
        containers = tok.containers
        how = "container"

        def wanted(nodes: list[_TextNode]) -> bool:
            return any(n.value.strip() and _inside(n.element, container, containers) for n in nodes)
    else:
        found = _extracted_lines(text)
        if found is None:
            raise _no_body(path)
        lines, joined = found
        how = "extractor"

        def wanted(nodes: list[_TextNode]) -> bool:
            value = _norm("".join(n.value for n in nodes))
            return bool(value) and (value in lines or (len(value) >= 15 and value in joined))

    chosen: list[_TextNode] = []
    for block, nodes in blocks.items():
        # trafilatura keeps the title (the page's <h1>) in its metadata, not in the body text:
        # a main heading outside the page furniture is the article's title.
        title = tok.block_tag.get(block) == "h1" and any(n.value.strip() for n in nodes)
        if title or wanted(nodes):
            chosen.extend(nodes)
    if not any(n.value.strip() for n in chosen):
        raise _no_body(path)
    chosen.sort(key=lambda n: n.start)
    return chosen, how


def _mask(text: str, nodes: list[_TextNode]) -> tuple[str, list[tuple[int, int]]]:
    """Return the prose mask (only the given text nodes visible) and the editable spans.

    Whitespace collapses in HTML, so inside a run of whitespace only the first character (and
    every newline, which prose always keeps) stays visible: indentation is not "two spaces".
    """
    out: list[str] = []
    editable: list[tuple[int, int]] = []
    pos = 0
    for n in nodes:
        if n.entity:
            continue
        out.append(_masked(text[pos : n.start]))
        chunk = n.value
        out.append(_RUN.sub(_collapse, chunk) if _RUN.search(chunk) else chunk)
        editable.append((n.start, n.end))
        pos = n.end
    out.append(_masked(text[pos:]))
    return _mask_urls("".join(out)), editable


def _masked(chunk: str) -> str:
    """Return `chunk` with every character but newlines replaced by MASK."""
    if "\n" in chunk or "\r" in chunk:
        return _NOT_NEWLINE.sub(lambda m: MASK * len(m.group()), chunk)
    return MASK * len(chunk)


def _collapse(m: re.Match[str]) -> str:
    run = m.group()
    return run[0] + _masked(run[1:])


def _mask_urls(prose: str) -> str:
    """Return mask_text_urls(prose), running it only on the words that could hold a URL.

    A URL or e-mail address never contains whitespace or MASK, and both behave like the ends
    of the text to its pattern, so masking each such word alone gives the same result as
    masking the whole page, in time proportional to the candidates rather than the page.
    """
    out: list[str] = []
    pos = 0
    for m in _URL_HINT.finditer(prose):
        if m.start() < pos:
            continue  # inside the word just masked
        start = m.start()
        while start > pos and not _URL_STOP.match(prose, start - 1):
            start -= 1
        stop = _URL_STOP.search(prose, m.end())
        end = stop.start() if stop else len(prose)
        out.append(prose[pos:start])
        out.append(mask_text_urls(prose[start:end]))
        pos = end
    if not out:
        return prose
    out.append(prose[pos:])
    return "".join(out)


def _segments(
    nodes: list[_TextNode], prose: str, tok: _Tokenizer, lang: Language | None
) -> tuple[Segment, ...]:
    """One paragraph segment per block: from its first visible character to its last."""
    spans: dict[int, list[int]] = {}
    blank = " \t\r\n" + MASK
    for n in nodes:
        if n.entity:
            continue
        chunk = prose[n.start : n.end]
        stripped = chunk.strip(blank)
        if not stripped:
            continue
        s = n.start + len(chunk) - len(chunk.lstrip(blank))
        e = s + len(stripped)
        span = spans.get(n.block)
        if span is None:
            spans[n.block] = [s, e]
        else:
            span[0], span[1] = min(span[0], s), max(span[1], e)
    segs = []
    for block, (s, e) in sorted(spans.items(), key=lambda kv: kv[1][0]):
        language = lang or detect_language(prose[s:e])
        segs.append(Segment(s, e, language, tok.block_kind.get(block, "paragraph")))
    return tuple(segs)


def load_html(data: bytes, path: str, opts: LoadOptions) -> Document:
    """Load a web page: the article's text nodes are prose; positions are in the source."""
    text, encoding, bom = _decode_page(data, path, opts)
    tok = _Tokenizer(text).run()
    nodes, how = _article_nodes(tok, text, path, opts)
    prose, editable = _mask(text, nodes)
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
