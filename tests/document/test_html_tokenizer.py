"""Web pages: the regex tokenizer splits pages as html.parser does; body containers are found."""

from __future__ import annotations

import random
from html.parser import HTMLParser
from pathlib import Path

import pytest

from yiwen.document import load_document
from yiwen.document.html import _Tokenizer
from yiwen.models import MASK

HOSPITAL = Path(__file__).parent / "data" / "hospital-page.html"
INVISIBLE = frozenset("script style noscript template svg math head object iframe".split())
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen".split()
)


class Reference(HTMLParser):
    """html.parser's view of a page: text and reference nodes, with the tags open around them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.stack: list[str] = []
        self.nodes: list[tuple[int, int, bool, tuple[str, ...]]] = []
        self.feed(text)
        self.close()

    def _at(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]

    def handle_data(self, data):
        self._node(self._at(), len(data), False)

    def handle_entityref(self, name):
        self._ref("&" + name)

    def handle_charref(self, name):
        self._ref("&#" + name)

    def _ref(self, raw):
        at = self._at()
        self._node(at, len(raw) + self.text.startswith(raw + ";", at), True)

    def _node(self, start, length, entity):
        hidden = False
        for tag in self.stack:
            hidden = (hidden or tag in INVISIBLE) and tag != "title"
        if not hidden:
            self.nodes.append((start, start + length, entity, tuple(self.stack)))


def ours(text: str) -> list[tuple[int, int, bool, tuple[str, ...]]]:
    nodes = []
    for n in _Tokenizer(text).run().nodes:
        tags, el = [], n.element
        while el.parent is not None:
            tags.append(el.tag)
            el = el.parent
        nodes.append((n.start, n.end, n.entity, tuple(reversed(tags))))
    return nodes


def merged(nodes):
    """Join adjacent text nodes of the same element (html.parser may split text at "<"/"&")."""
    out = []
    for n in nodes:
        if out and not n[2] and not out[-1][2] and out[-1][1] == n[0] and out[-1][3] == n[3]:
            out[-1] = (out[-1][0], n[1], False, n[3])
        else:
            out.append(n)
    return out


TRICKY = [
    "<p class='a'>Plain <b>bold</b> text.</p>",
    "<a href='/x?a>b' title=\"1 > 0\">link text</a> after",  # ">" inside attribute values
    "<p>unclosed paragraph<p>another<div>and a div",  # unclosed tags
    "<p>text then a tag cut off at the end <a href='x'",
    "<p>text then <div",
    "<!-- <p>commented out</p> --><p>shown</p><!-- unterminated <p>x</p>",
    "<p>A<![CDATA[ x < y && z ]]>B</p><![if !IE]>C<![endif]>",
    "<script>if (a < b) { document.write('</div><p>no'); }</script><p>yes</p>",
    "<STYLE>p > a { color: red }</STYLE><P CLASS=x>Upper case</P>",
    "<p>R&D, AT&T, &amp;, &nbsp;x, &#169; &#xA9; &copy &notanentity; a & b</p>",
    "<p>5 < 6 and 7 <= 8 but <3 and < p></p>",
    "<!DOCTYPE html><?xml version='1.0'?><html><head><title>T &amp; U</title></head></html>",
    "<p>br<br>line<br/>line<BR />line</p></br>",
    "<div/>self-closed div<span/>x</span>",
    "<p>bogus end tags </ p> </p junk> </> <!bogus> end</p>",
    "<a b c =d e='f'g>odd attributes</a>",
    "<svg><text>vector</text></svg><noscript>no</noscript><iframe>i</iframe>visible",
    "<table><tr><td>cell &lt;1&gt;</td><th>head</th></tr></table>",
    "<p>中文段落，含有&ldquo;引号&rdquo;。</p>",
    "<p>ends with an entity &amp",
    "<p>ends with a lone <",
]


@pytest.mark.parametrize("page", TRICKY)
def test_tokenizer_matches_html_parser(page):
    assert merged(ours(page)) == merged(Reference(page).nodes)


def test_tokenizer_matches_html_parser_on_random_pages():
    pieces = [frag for page in TRICKY for frag in page.replace(">", ">\x00").split("\x00")]
    pieces += ["\n", "  ", "<", "&", "<a", "'", '"', ">", "</", "<!", "<!--", "-->", "]]>"]
    rng = random.Random(20240503)
    for _ in range(3000):
        page = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        assert merged(ours(page)) == merged(Reference(page).nodes), page


def test_stray_character_reference_does_not_swallow_the_page():
    # html.parser turns everything after a second "&#" that starts no reference into one text
    # node, tags included; the tokenizer keeps reading markup.
    page = "<p>a &#; b</p><p>c &# d</p><div>e</div>"
    texts = [page[n.start : n.end] for n in _Tokenizer(page).run().nodes]
    assert texts == ["a ", "&#", "; b", "c ", "&#", " d", "e"]


def test_offsets_are_in_the_original_file():
    page = "<html>\r\n<body><p title='x>y'>Caf&eacute; au lait</p>\n<p>second</p></body>"
    nodes = _Tokenizer(page).run().nodes
    assert [page[n.start : n.end] for n in nodes] == [
        "\r\n",
        "Caf",
        "&eacute;",
        " au lait",
        "\n",
        "second",
    ]
    assert [n.value for n in nodes if n.entity] == ["é"]


def page(body: str, title: str = "<h1>Clinic opens a night ward</h1>") -> str:
    nav = "<nav><ul><li><a href='/'>Home</a></li><li>Find a Doctor</li></ul></nav>"
    return (
        f"<html><head><title>News</title></head><body><header>{nav}</header>"
        f"<div class='wrap'>{title}{body}</div><footer><p>Copyright 2024</p></footer></body></html>"
    )


STORY = "".join(
    f"<p>The night ward of the clinic treated {n} patients in its first week, the director said.</p>"
    for n in range(12, 20)
)


def load(tmp_path, html: str, name: str = "p.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return load_document(str(path))


def visible(doc) -> str:
    return doc.prose.replace(MASK, "")


@pytest.mark.parametrize(
    "open_tag, close_tag",
    [
        ("<article>", "</article>"),
        ("<div class='article-content'>", "</div>"),
        ("<div itemprop='articleBody'>", "</div>"),
        ("<div id='zoom' class='TRS_Editor'>", "</div>"),
    ],
)
def test_body_container_is_the_article(tmp_path, open_tag, close_tag):
    share = "<div class='share-bar'><a>Share on WeChat</a></div>"
    doc = load(tmp_path, page(f"<p class='date'>2024-05-03</p>{open_tag}{STORY}{share}{close_tag}"))
    text = visible(doc)
    assert doc.payload.source == "container"
    assert "Clinic opens a night ward" in text and "treated 19 patients" in text
    for furniture in ("Home", "Find a Doctor", "Copyright", "Share on WeChat", "2024-05-03"):
        assert furniture not in text


def test_container_and_extractor_agree_on_the_hospital_page(tmp_path):
    by_container = load_document(str(HOSPITAL))
    # The same page without a recognised container (a class name of the same length).
    renamed = HOSPITAL.read_text(encoding="utf-8").replace("article-body", "main-columns")
    by_extractor = load(tmp_path, renamed, "renamed.html")
    assert (by_container.payload.source, by_extractor.payload.source) == ("container", "extractor")
    assert by_container.prose == by_extractor.prose
    assert by_container.paragraphs == by_extractor.paragraphs


def test_listing_of_teasers_is_left_to_the_extractor(tmp_path):
    teasers = "".join(
        f"<article><h2>Story {i}</h2><p>A short teaser about the clinic number {i}.</p></article>"
        for i in range(6)
    )
    doc = load(tmp_path, page(teasers + STORY))
    assert doc.payload.source == "extractor"
    assert "treated 19 patients" in visible(doc)


def test_small_content_box_beside_the_story_is_not_the_body(tmp_path):
    box = "<div class='article-content'><p>Opening hours: 8:00 to 17:00.</p></div>"
    doc = load(tmp_path, page(box + STORY))
    assert doc.payload.source == "extractor"
    assert "treated 19 patients" in visible(doc)


def test_comments_inside_the_article_are_not_article_text(tmp_path):
    comments = "<section id='comments'><p>Great work by the night team, thank you!</p></section>"
    doc = load(tmp_path, page(f"<article>{STORY}{comments}</article>"))
    assert doc.payload.source == "container"
    assert "treated 12 patients" in visible(doc) and "Great work" not in visible(doc)
