"""Speed of the English (E) and Chinese (Z) rules on synthetic hospital news.

Prints, for 1 MB of English (and 1 MB of Chinese) news from benchmarks.synth, in one run:
- the time of every E (Z) rule together, beside the baseline of loading the same document
  (decode, mask, paragraphs, language) and beside E001 alone (the first rule there was);
- each rule's own time, slowest first;
- linearity: the E rules on 10 MB vs 1 MB (goal: <= 11x);
- how many findings the error-free corpus yields (false positives; should be 0).

Run from the repository root: `python -m benchmarks.rules_bench`.
"""

from __future__ import annotations

from benchmarks.synth import chinese_corpus, english_corpus
from benchmarks.timing import best_of
from yiwen.config import Config
from yiwen.document import load_document
from yiwen.models import Document
from yiwen.rules.registry import RuleContext, load_rules


def _run(doc: Document, codes: list[str], config: Config) -> int:
    """Run the rules `codes` on doc with a fresh context; return the number of findings."""
    rules = load_rules()
    ctx = RuleContext(doc, config)
    return sum(len(list(rules[c].check(ctx))) for c in codes)


def _load(text: str, name: str) -> Document:
    return load_document(name, data=text.encode("utf-8"))


def _family(family: str, text: str, name: str, config: Config, baseline_code: str) -> None:
    codes = sorted(c for c in load_rules() if c.startswith(family))
    doc = _load(text, name)
    size = len(text.encode("utf-8")) / 1e6
    t_load = best_of(lambda: _load(text, name))
    t_all = best_of(lambda: _run(doc, codes, config))
    t_base = best_of(lambda: _run(doc, [baseline_code], config))
    n = _run(doc, codes, config)
    print(
        f"{family} rules ({len(codes)}) on {size:.2f} MB: {t_all * 1000:.0f} ms, {n} findings"
        f" | load document {t_load * 1000:.0f} ms (ratio {t_all / t_load:.2f}x)"
        f" | {baseline_code} alone {t_base * 1000:.0f} ms (ratio {t_all / t_base:.1f}x)"
    )
    per = sorted(((best_of(lambda c=c: _run(doc, [c], config)), c) for c in codes), reverse=True)
    print("  per rule: " + ", ".join(f"{c} {t * 1000:.0f} ms" for t, c in per))
    clean = _load(
        english_corpus(len(text.encode()), seed=2, errors=False)
        if family == "E"
        else chinese_corpus(len(text.encode()), seed=2, errors=False),
        name,
    )
    print(f"  error-free corpus of the same size: {_run(clean, codes, config)} findings")


def main() -> None:
    """Measure and print the E and Z rule figures."""
    load_rules()
    config = Config()
    en_1 = english_corpus(1_000_000, seed=1)
    _family("E", en_1, "news.md", config, "E001")
    zh_1 = chinese_corpus(1_000_000, seed=1)
    _family("Z", zh_1, "news.txt", config, "Z002")
    # Z004 does nothing by default; "require" is its costlier mode (every Latin run is a finding
    # in a corpus written without spaces, so its count is not a false-positive figure).
    zh_doc = _load(zh_1, "news.txt")
    require = Config(zh_latin_spacing="require")
    t_z4 = best_of(lambda: _run(zh_doc, ["Z004"], require))
    print(f"  Z004 with zh_latin_spacing=require: {t_z4 * 1000:.0f} ms")

    codes = sorted(c for c in load_rules() if c.startswith("E"))
    doc_1 = _load(en_1, "news.md")
    doc_10 = _load(english_corpus(10_000_000, seed=1), "news.md")
    t1 = best_of(lambda: _run(doc_1, codes, config))
    t10 = best_of(lambda: _run(doc_10, codes, config), 1)
    print(
        f"linearity: E rules on 10 MB {t10 * 1000:.0f} ms | on 1 MB {t1 * 1000:.0f} ms"
        f" | ratio {t10 / t1:.1f}x (goal <= 11x)"
    )


if __name__ == "__main__":
    main()
