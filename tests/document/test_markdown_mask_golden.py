"""Golden output of `mask_markdown()` and `mask_text_urls()`: the faster masker masks exactly as before.

The golden (tests/data/golden/markdown_mask.json) was written by the list-of-characters masker
before it was optimised. Each small input is stored with the [start, end) runs of positions the
two functions replaced by MASK; the seeded benchmark pairs (too big to store) are stored as the
sha256 of input and outputs. Inputs: every .md/.markdown/.txt file under tests/ data folders and
/work/shared/seeds, hand-written edge cases, and seeded random Markdown fuzz. Regenerate on
purpose with `YIWEN_REGEN_GOLDENS=1 python -m pytest tests/document/test_markdown_mask_golden.py`
and review the diff before committing.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

import pytest
from tests.fuzz import glued

from yiwen.document.markdown import mask_markdown, mask_text_urls
from yiwen.models import MASK

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden" / "markdown_mask.json"
SEEDS = Path("/work/shared/seeds")
BENCH_SEEDS = (0, 1, 2, 7)  # 7 is the benchmark's default pair

# Hand-written cases around the edges of every pattern and of the order they run in.
TRICKY = [
    "**a *b* c**",
    "***all three*** and **two** and *one*",
    "*a **b** c* then __d _e_ f__",
    "这是**重点**内容，还有*强调*和***都有***。",
    "中文_不是_强调，但 _this_ is and a_b_c is not",
    "\\*not\\* and \\_not\\_ and \\\\*yes* and \\[no link\\]",
    "snake_case and __init__ and a__b__c and _leading and trailing_",
    "* item with *emphasis*\n* another item\n\n- dash item\n+ plus item",
    "a `code` span, ``double `tick` code`` and ```triple```",
    "a `code span\nacross lines` ends here",
    "a `stray backtick\n\nin the next paragraph` is not code",
    "`unclosed code and *emphasis* after",
    "```python\nprint('*hi*')\n```\nafter the fence",
    "~~~\ntilde fence\n~~~\n\nprose",
    "```\nlonger closing fence\n`````\nprose after",
    "````\nfour ticks, three to close?\n```\nstill code\n````\nprose",
    "```\nunclosed fence runs to the end\n*not emphasis*",
    "   ```\nindented three\n   ```\n    ```\nindented four is code\n    ```",
    "- list item\n\n    continuation paragraph, not code\n\nprose\n\n    real code block\n",
    "1. first\n2. second\n\n    still the list's paragraph\n\n        nested indent",
    "paragraph\n\n\tTab-indented code\n\tmore code\n\nprose",
    "Title\n=====\n\nSub *title*\n---\n\n标题\n===",
    "Heading\r\n=====\r\nbody\r\n",
    "| a | b |\n|---|:---:|\n| *x* | y\\|z |",
    "a | b\n--- | ---\n1 | 2",
    "---\n\n***\n\n___\n\n- - -\n\n* * *\n\nprose",
    "text <span class=\"x\">inner</span> <br/> <img src='a.png'> </div>",
    "<!-- a comment -->prose<!-- unclosed comment\n*still in it*",
    "<https://example.org/a?b=c> and <mailto:someone@example.org> and <ftp://x.y/z>",
    "See https://example.org/path. And www.example.com, then http://x.cn/a_b_c!",
    "网址https://example.org/页面，请访问。还有www.hospital.cn）和（http://a.b/c）。",
    "访问 https://ex.org/a?b=1&c=2。之后 https://ex.org/x：冒号",
    "mail doctor.lin@hospital.org.cn, or a+b@x.io. not@valid",
    '[link](https://example.org/a_(b)_c) and [t](/path "title *x*") and [e]()',
    "[link text](http://x.org/a(b(c))d) nested too deep",
    "![an image](img/a_b.png) and ![alt *text*][ref] and !not an image",
    '[ref]: https://example.org/ref  "Title"\n   [ref2]: /local\n    [ref3]: code',
    "---\ntitle: *Front* matter\nurl: https://x.org\n---\nprose *here*",
    '+++\ntitle = "toml"\n+++\r\nprose',
    "\ufeff---\r\ntitle: bom\r\n---\r\nprose",
    "\ufeff+++\nbom toml\n+++",
    "---\nnot closed front matter\n\nprose",
    "prose\n---\nfront matter only at the start\n---",
    "line one\r\nline *two*\r\n\r\n    code\r\n\r\n`a`\r\n",
    "ｆｕｌｌ－ｗｉｄｔｈ　＊ｎｏｔ＊　（括号）　＃標題",
    "# Heading *one*\n## 二级标题\n###### six\n####### seven\n#nospace",
    "> quote *a*\n>> nested\n> - list in quote",
    "1) one\n10. ten\n1000. too long\n3.14 is not a list",
    "trailing backslash\\\nnext line",
    "a * b * c and a ** b and 2*3*4",
    "**unclosed bold and *closed italic*",
    "*a\n\nb*: emphasis does not cross a blank line",
    "*a\nb*: but it crosses one newline",
    "_a_b_ and __a__b__ and _*mixed*_ and *_mixed_*",
    "****four stars**** and *****five*****",
    "`code with **stars**` then **bold `code` bold**",
    "<b>bold</b> <!--x--> `<b>` [a](<b>)",
    "http://a.org/*x* and *http://b.org*",
    "\\`not code\\` and \\<not html>",
    "| 表头 | 内容 |\n| :-- | --: |\n| 林浩然 | **胸外科** |",
    "Term\n: definition with https://x.org/\n\n[^1]: footnote *one*",
    "",
    "\n\n\n",
    "   \t  \r\n",
    MASK + "*a*" + MASK + "`b`" + MASK,
    "a\rb\r*c*\r`d`\r",
    "emoji 😀 *强调😀* `代码😀` https://x.org/😀",
    "word@word and @handle and x@y.z",
    "<https://x.org/a b> is not an autolink and <http://x.org>",
    "www.x.org/a_b_c_ and _www.y.org_",
    "    code first\n\nprose\n\n* list\n\n    continuation\n\n    still continuation",
    "~~~~\n~~~\nstill code\n~~~~~\nafter",
    "\n```\n\n```\n",
    "- [ ] task *one*\n- [x] task two",
    "<!---->empty comment<!-- -- -->",
    "line with trailing spaces  \nand *hard break*",
    "=====\nsetext marker without text",
]

_FUZZ_TOKENS = [
    *(
        "* ** *** _ __ ` `` ``` ~~~ \\ \\* \\_ [ ] ( ) ![ ]( <!-- --> < > </b> <b> <br/> "
        "http://x.org/a https://例子.cn/页 www.a.cn a@b.com mailto: <https://q.org> # ## - + 1. 2) "
        "| |-|---| --- === +++ : \" ' 重点 内容 医院 ， 。 （ ） ： word snake_case a_b "
        "ｗｉｄｅ 😀"
    ).split(),
    MASK,
    "\ufeff",
    "\ufeff---",
]
_FUZZ_GLUE = ["", "", "", " ", " ", "  ", "\n", "\n", "\r\n", "\n\n", "\n    ", "\t", "\n   "]


_FUZZ_LINES = [
    "- item",
    "    code",
    "\tcode *x*",
    "",
    "   ",
    "text _a_ 中文**重点**",
    "1. x",
    "  - y",
    "    - z",
    "        deep",
    "   three",
    "* star",
    "10) ten",
    "Title",
    "===",
    "---",
    "```",
    "~~~",
    "| a | b |",
    "|---|---|",
    "a\\*b*",
    "[r]: http://x.org",
    "<!-- c",
    "-->",
]


def _fuzz_lines(rng: random.Random, n: int) -> list[str]:
    """Random documents of whole Markdown lines: lists, indented code, fences, headings."""
    out = []
    for _ in range(n):
        newline = rng.choice(["\n", "\r\n"])
        out.append(newline.join(rng.choice(_FUZZ_LINES) for _ in range(rng.randint(1, 25))))
    return out


def _corpus_files() -> list[Path]:
    """Every .md/.markdown/.txt file in the test data folders and the shared seeds."""
    folders = [ROOT / "tests" / "data", *sorted((ROOT / "tests").glob("*/data")), SEEDS]
    files = {
        p
        for folder in folders
        if folder.is_dir()
        for p in folder.rglob("*")
        if p.suffix in (".md", ".markdown", ".txt") and p.is_file()
    }
    return sorted(files)


def _inputs() -> list[str]:
    """The small inputs of a fresh golden: corpus files, edge cases, fuzz."""
    texts = [p.read_text("utf-8") for p in _corpus_files()]
    texts += TRICKY
    texts += glued(random.Random(2024), [_FUZZ_TOKENS], _FUZZ_GLUE, 1500, 40)
    texts += _fuzz_lines(random.Random(2025), 500)
    return list(dict.fromkeys(texts))


def _runs(text: str, masked: str) -> list[list[int]]:
    """The [start, end) runs of positions where `masked` differs from `text`."""
    assert len(masked) == len(text)
    runs: list[list[int]] = []
    for i, (a, b) in enumerate(zip(text, masked, strict=True)):
        if a != b:
            assert b == MASK, (i, b)
            if runs and runs[-1][1] == i:
                runs[-1][1] = i + 1
            else:
                runs.append([i, i + 1])
    return runs


def _entry(text: str) -> dict[str, object]:
    return {
        "text": text,
        "md": _runs(text, mask_markdown(text)),
        "urls": _runs(text, mask_text_urls(text)),
    }


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _bench_texts(tmp: Path) -> list[tuple[str, str]]:
    """(label, text) of every benchmark file, for each seed."""
    from benchmarks.synth import write_parallel_pair

    out = []
    for seed in BENCH_SEEDS:
        folder = tmp / str(seed)
        folder.mkdir()
        for path in write_parallel_pair(str(folder), seed=seed):
            out.append((f"seed {seed} {path.name}", path.read_text("utf-8")))
    # The generated pairs hold no Markdown at all: decorate two of them so that every
    # pattern hits thousands of times in a benchmark-sized file.
    out += [(f"{label} decorated", _decorate(text, 99)) for label, text in out[-2:]]
    return out


_DECORATIONS = (
    lambda w, n: f"**{w}**",
    lambda w, n: f"*{w}*",
    lambda w, n: f"_{w}_",
    lambda w, n: f"`{w}`",
    lambda w, n: f"[{w}](https://example.org/p/{n}_(a))",
    lambda w, n: f"{w} https://example.org/{n}。",
    lambda w, n: f"<b>{w}</b>",
    lambda w, n: f"{w}\\*",
    lambda w, n: f"![{w}](img/{n}.png)",
    lambda w, n: f"{w} doc{n}@example.org",
)
_BLOCKS = (
    lambda p, n: f"# {p}",
    lambda p, n: f"- {p}",
    lambda p, n: f"> {p}",
    lambda p, n: f"{p}\n\n```\ncode {n}\n```",
    lambda p, n: f"{p}\n\n    indented code {n}",
    lambda p, n: f"| {n} | {p} |\n|---|---|",
    lambda p, n: f"{p}\n\n---",
    lambda p, n: f"{p}\n<!-- note {n} -->",
    lambda p, n: p,
    lambda p, n: p,
)


def _decorate(text: str, seed: int) -> str:
    """The benchmark text with seeded Markdown markup added, for a golden that masks a lot."""
    rng = random.Random(seed)
    paragraphs = []
    for n, para in enumerate(text.split("\n\n")):
        # Decorate by whitespace-split words for English, by 4-character chunks for Chinese.
        words = (
            para.split(" ") if " " in para else [para[i : i + 4] for i in range(0, len(para), 4)]
        )
        glue = " " if " " in para else ""
        for _ in range(rng.randint(0, 3)):
            i = rng.randrange(len(words)) if words else 0
            if words and words[i]:
                words[i] = rng.choice(_DECORATIONS)(words[i], n)
        paragraphs.append(rng.choice(_BLOCKS)(glue.join(words), n))
    return "\n\n".join(paragraphs)


def _bench_entry(label: str, text: str) -> dict[str, object]:
    return {
        "bench": label,
        "chars": len(text),
        "text_sha256": _sha(text),
        "md_sha256": _sha(mask_markdown(text)),
        "urls_sha256": _sha(mask_text_urls(text)),
    }


def _load() -> list[dict[str, object]]:
    return json.loads(GOLDEN.read_text("utf-8"))


def _regenerate(tmp: Path) -> None:
    entries = [_entry(t) for t in _inputs()]
    entries += [_bench_entry(label, text) for label, text in _bench_texts(tmp)]
    # One entry a line, so that a regeneration shows as a readable diff.
    body = ",\n".join(json.dumps(e, ensure_ascii=False) for e in entries)
    GOLDEN.write_text("[\n" + body + "\n]\n", "utf-8")


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    """The golden entries, regenerated first when YIWEN_REGEN_GOLDENS is set."""
    if os.environ.get("YIWEN_REGEN_GOLDENS"):
        _regenerate(tmp_path_factory.mktemp("golden"))
    return _load()


def _apply(text: str, runs: list[list[int]]) -> str:
    chars = list(text)
    for start, end in runs:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


def test_mask_markdown_matches_golden_exactly(golden: list[dict[str, object]]) -> None:
    cases = [e for e in golden if "text" in e]
    bad = [e["text"] for e in cases if mask_markdown(e["text"]) != _apply(e["text"], e["md"])]
    assert not bad, f"{len(bad)} of {len(cases)} differ, e.g. {bad[:3]}"


def test_mask_text_urls_matches_golden_exactly(golden: list[dict[str, object]]) -> None:
    cases = [e for e in golden if "text" in e]
    bad = [e["text"] for e in cases if mask_text_urls(e["text"]) != _apply(e["text"], e["urls"])]
    assert not bad, f"{len(bad)} of {len(cases)} differ, e.g. {bad[:3]}"


def test_benchmark_pairs_match_golden_hashes(
    golden: list[dict[str, object]], tmp_path: Path
) -> None:
    stored = {e["bench"]: e for e in golden if "bench" in e}
    texts = _bench_texts(tmp_path)
    assert sorted(stored) == sorted(label for label, _ in texts)
    for label, text in texts:
        # A changed generator makes the stored hashes meaningless: say so rather than mismatch.
        assert _sha(text) == stored[label]["text_sha256"], f"{label}: its generator changed"
        assert _bench_entry(label, text) == stored[label], label


def test_golden_covers_every_kind_of_input(golden: list[dict[str, object]]) -> None:
    texts = [e["text"] for e in golden if "text" in e]
    assert len(texts) > 2000
    assert set(TRICKY) <= set(texts)
    # The golden is not trivially empty: both functions masked something in many inputs.
    assert sum(bool(e["md"]) for e in golden if "text" in e) > 1000
    assert sum(bool(e["urls"]) for e in golden if "text" in e) > 300
    decorated = [e for e in golden if "decorated" in e.get("bench", "")]
    assert len(decorated) == 2
    assert all(e["md_sha256"] != e["text_sha256"] for e in decorated)
