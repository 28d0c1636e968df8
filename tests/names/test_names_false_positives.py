"""English words that are also pinyin must not create name findings, alone or in sentences."""

from __future__ import annotations

import pytest

from yiwen.config import Config
from yiwen.document import LoadOptions, load_document
from yiwen.rules.registry import RuleContext, load_rules

# 200+ common English words (and a few Western names) that are valid pinyin syllables or
# syllable strings. Written out here independently of the code's own stop list.
WORDS = """
Long Fang Bin Gang He Ma Ran Shen Yang Sun Ban Hang Men Pan Tan Tang Den Chin Sue Lie Pin Ping
Gun Hen Lane A An Bang Bane Bean Ben Binge Bingo Bite Bone Can Cane Chance Change Chi China
Chute Cinema Cite Cue Dan Dance Dane Data Daze Dean Demo Dense Die Din Dine Ding Due Dune Duo
Ease Fan Fence Foe Gala Gaze Gene Genie Genre Gong Haze Hence Here Hose House Hue Hula Human Ken
Lance Lean Lease Lee Lime Line Lingo Loan Lone Lose Louse Mama Man Mane Mango Mania Maze Me Mean
Media Memo Mere Mine Mini Mite Moan Mocha Mouse Nana Nine Niche Nun Nuance Oboe Ode Omen One
Page Pane Pang Papa Patio Pen Pence Penne Pie Pier Pine Pique Pose Puma Rang Range Rite Rouge
Rouse Routine Rue Run Rune Sage Sane Sang Sea Sedan Sense Sepia She Shine Shun Sine Site Song
Sushi Tango Tea Tease Tee Tie Tine Tinge Tuna Tune Wage Wan Wane Woe Woman Women Won Wore Ye
Yen Yin Yoga You Zen Anna Diana Diane Nina Tina Maria Marina Sean Rene Mia Lena Lina Dina Hana
Banana Bandana Canoe Cabana Famine Machine Opine Saline Canine Piano Panama Samoa Yemen Kenya
Dang Fen Gen Dun Pun Bun Bong Shea Nene Hun Lido
""".split()


def run_rules(text: str, **config: object) -> list[str]:
    doc = load_document("t.txt", LoadOptions(), data=text.encode("utf-8"))
    ctx = RuleContext(doc, Config(**config))  # type: ignore[arg-type]
    out = []
    for code, r in sorted(load_rules().items()):
        if "N101" <= code <= "N199":
            out += [f"{f.code} {f.text}" for f in r.check(ctx)]
    return out


def test_the_list_is_long_enough_and_pinyin() -> None:
    from yiwen.glossary.pinyin import is_pinyin

    pinyin_words = [w for w in dict.fromkeys(WORDS) if is_pinyin(w, 3)]
    assert len(pinyin_words) >= 200


@pytest.mark.parametrize("word", list(dict.fromkeys(WORDS)))
def test_word_alone_and_in_sentences(word: str) -> None:
    low = word.lower()
    text = (
        f"{word}.\n\n{word} {word}\n\n"
        f"{word} is what the nurse said. The {low} was ready by noon.\n\n"
        f"Dr. {word} examined the patient. {word}, director of the clinic, agreed.\n\n"
        f"Wang {low} and {word} {low} appeared in the report."
    )
    assert run_rules(text) == []
    assert run_rules(text, name_order="family-given") == []


def test_title_case_headlines_made_of_these_words() -> None:
    text = (
        "Long Hang Men Can Ban Sun Tan\n\n"
        "He Ran the Long Pan Fang Gang Song\n\n"
        "Ban Can Men Hang Long\n\n"
        "Yang Sun and Sun Yang; Long Fang and Fang Long; Ma Long and Long Ma.\n\n"
        "Women Can Change China. Change China, Women Can."
    )
    assert run_rules(text) == []


def test_ordinary_sentences() -> None:
    text = (
        "He ran to the ward when the gong rang. She said the fang of the snake had left a "
        "mark. The men sang a song in the sun. A long line of women came to the clinic. "
        "Nine pens and one pan lay on the bench. The yin and yang of care.\n\n"
        "Long before dawn, Ma and Pa drove to the Pan Pacific Hotel. Yang said hello."
    )
    assert run_rules(text) == []
