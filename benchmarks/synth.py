"""Seeded generator of realistic synthetic hospital-news articles and glossaries for benchmarks.

Every benchmark draws its input from here so figures are comparable across features. Run the
benchmarks from the repository root as modules: `python -m benchmarks.foundation_bench`.
"""

from __future__ import annotations

import random
from pathlib import Path

SURNAMES = (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng "
    "Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du "
    "Ye Cheng Wei Su Lu Ding Ren Shen Yao Qiu Qin Jin Fu Fan Dai"
).split()
GIVEN = (
    "rui tao xing dong zheng jun jing hong yi yong jian wei min hua ming li fang qiang lei "
    "xiao yan hui ping bo chen yu feng ling hao ning tian kai xin jia zhi wen qing lan"
).split()
TITLES = (
    "President",
    "Vice President",
    "Secretary of the Party Committee",
    "Deputy Secretary of the Party Committee",
    "director of the General Surgery Center",
    "Chief Physician",
    "Associate Chief Physician",
    "Head Nurse",
    "Attending Physician",
)
DEPARTMENTS = (
    "Cardiology",
    "General Surgery",
    "Gastroenterology",
    "Respiratory Medicine",
    "Medical Oncology",
    "Neurology",
    "Orthopedics",
    "Urology",
    "Ophthalmology",
    "Pediatrics",
    "Emergency Department",
    "Nursing Department",
)
EN_SENTENCES = (
    "On {date}, {hospital} held a symposium on medical aid to {place}.",
    "{name}, {title} of {hospital}, attended the meeting and delivered a speech.",
    "The {dept} team completed {n} operations in the past year, {pct} percent more than before.",
    "{name} said the hospital will continue to support young doctors in {dept}.",
    "Patients from {place} can now book appointments online at the {dept} clinic.",
    "The new ward has {n} beds and opened to patients in {month}.",
    "Dr. {name} joined the medical team and will work in {place} for one year.",
    "According to the National Health Commission, the program covers {n} counties.",
    "The hospital trained {n} nurses and {n2} resident physicians this year.",
    "{name} expressed thanks to the team on behalf of the Party Committee.",
    "Experts from {dept} shared the experience of treating complex cases.",
    "The project is part of a long-term plan to improve care in rural areas.",
)
EN_ERRORS = (
    ("the experience", "the the experience"),
    ("Dr. ", "Dr."),
    (", ", "，"),
    ("said the", "said  the"),
    ("this year.", "this year ."),
    ("Dr. ", "Dr, "),
)
ZH_SENTENCES = (
    "{date}，{hospital}召开援青干部座谈会。",
    "{title}{name}出席会议并讲话。",
    "{dept}团队过去一年完成手术{n}台，同比增长百分之{pct}。",
    "{name}表示，医院将继续支持青年医生成长。",
    "新病区共有床位{n}张，已于{month}正式启用。",
    "{name}医生将赴{place}开展为期一年的医疗援助工作。",
    "据国家卫生健康委员会介绍，该项目覆盖{n}个县。",
    "{name}代表党委向团队表示感谢。",
)
ZH_ERRORS = (("。", "。。"), ("，", ","), ("会议", "会 议"))
ZH_NAMES = "王瑞涛 郑兴东 秦净 沈静 邱正军 刘宏毅 许永健 欧阳文 单晓明 曾志伟".split()
ZH_TITLES = ("院长", "党委书记", "主任", "副院长", "护士长")
ZH_DEPTS = ("心内科", "普外科", "消化内科", "骨科", "急诊科", "护理部")
MONTHS = (
    "January February March April May June July August September October November December".split()
)


def chinese_name(rng: random.Random) -> tuple[str, str]:
    """Return a random (family, given) pinyin name, given name as one capitalised word."""
    given = "".join(rng.sample(GIVEN, rng.choice((1, 2, 2, 2))))
    return rng.choice(SURNAMES), given.capitalize()


def _en_fields(rng: random.Random) -> dict[str, object]:
    family, given = chinese_name(rng)
    return {
        "date": f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2025)}",
        "hospital": "Shanghai General Hospital",
        "place": rng.choice(("Qinghai Province", "Yunnan Province", "Xinjiang", "Tibet")),
        "name": f"{family} {given}",
        "title": rng.choice(TITLES),
        "dept": rng.choice(DEPARTMENTS),
        "n": rng.randint(2, 900),
        "n2": rng.randint(2, 90),
        "pct": rng.randint(2, 60),
        "month": rng.choice(MONTHS),
    }


def english_article(rng: random.Random, paragraphs: int = 8, errors: bool = True) -> str:
    """Return one English news article; with `errors`, about one planted error per paragraph."""
    out = [
        f"# {rng.choice(('Medical Team Sets Out', 'New Ward Opens', 'Hospital Honors Nurses'))}",
        "",
    ]
    for _ in range(paragraphs):
        sentences = [
            rng.choice(EN_SENTENCES).format(**_en_fields(rng)) for _ in range(rng.randint(2, 5))
        ]
        para = " ".join(sentences)
        if errors and rng.random() < 0.9:
            good, bad = rng.choice(EN_ERRORS)
            para = para.replace(good, bad, 1)
        out += [para, ""]
    return "\n".join(out)


def chinese_article(rng: random.Random, paragraphs: int = 8, errors: bool = True) -> str:
    """Return one Chinese news article (one paragraph per line, as Chinese newsrooms write)."""
    out = []
    for _ in range(paragraphs):
        fields = {
            "date": f"{rng.randint(2015, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
            "hospital": "上海市第一人民医院",
            "title": rng.choice(ZH_TITLES),
            "name": rng.choice(ZH_NAMES),
            "dept": rng.choice(ZH_DEPTS),
            "n": rng.randint(2, 900),
            "pct": rng.randint(2, 60),
            "month": f"{rng.randint(1, 12)}月",
            "place": rng.choice(("青海省果洛州", "云南省", "新疆")),
        }
        para = "".join(rng.choice(ZH_SENTENCES).format(**fields) for _ in range(rng.randint(2, 5)))
        if errors and rng.random() < 0.8:
            good, bad = rng.choice(ZH_ERRORS)
            para = para.replace(good, bad, 1)
        out.append(para)
    return "\n".join(out) + "\n"


def english_corpus(n_bytes: int, seed: int = 0, errors: bool = True) -> str:
    """Return at least `n_bytes` (UTF-8) of concatenated English articles."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_bytes:
        art = english_article(rng, paragraphs=10, errors=errors)
        parts.append(art)
        size += len(art.encode("utf-8")) + 1
    return "\n".join(parts)


def chinese_corpus(n_bytes: int, seed: int = 0, errors: bool = True) -> str:
    """Return at least `n_bytes` (UTF-8) of concatenated Chinese articles."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_bytes:
        art = chinese_article(rng, paragraphs=10, errors=errors)
        parts.append(art)
        size += len(art.encode("utf-8")) + 1
    return "\n".join(parts)


def synthetic_glossary(n: int, seed: int = 0, people_share: float = 0.6) -> str:
    """Return the TOML text of an `n`-entry glossary (people and terms) in DESIGN.md's format."""
    rng = random.Random(seed)
    lines = [
        "[glossary]",
        'name = "Synthetic"',
        'name_order = "family-given"',
        'honorifics = ["Dr.", "Prof."]',
        "",
    ]
    seen: set[str] = set()
    words = [w.capitalize() for w in GIVEN] + list(SURNAMES)
    while len(seen) < n:
        if rng.random() < people_share:
            family, given = chinese_name(rng)
            given = given + rng.choice(GIVEN) if len(given) < 5 else given
            key = f"p:{family} {given}"
            if key in seen:
                continue
            seen.add(key)
            lines += ["[[person]]", f'family = "{family}"', f'given = "{given.capitalize()}"', ""]
        else:
            en = (
                " ".join(rng.sample(words, 2))
                + " "
                + rng.choice(("Hospital", "Center", "Department", "Commission"))
            )
            key = f"t:{en.lower()}"
            if key in seen:
                continue
            seen.add(key)
            avoid = en.replace(" ", "-", 1)
            lines += [
                "[[term]]",
                f'en = "{en}"',
                'kind = "organization"',
                f'avoid = ["{avoid}"]',
                "",
            ]
    return "\n".join(lines)


# Parallel sentence templates: (Chinese, English) saying the same thing with the same values.
PARALLEL = (
    (
        "{y}年{m}月{d}日，医院召开援青干部座谈会。",
        "On {month} {d}, {y}, the hospital held a symposium on medical aid to Qinghai.",
    ),
    ("{zh_name}出席会议并讲话。", "{en_name} attended the meeting and spoke."),
    (
        "团队过去一年完成手术{n}台，同比增长百分之{pct}。",
        "The team completed {n} operations over the past year, up {pct} percent.",
    ),
    ("新病区共有床位{n2}张。", "The new ward has {n2} beds."),
    (
        "{zh_name}医生将赴青海开展为期一年的医疗援助工作。",
        "Dr. {en_name} will work in Qinghai for one year.",
    ),
    ("医院今年培训护士{n2}名。", "The hospital trained {n2} nurses this year."),
)
PARALLEL_NAMES = (
    ("刘宏毅", "Liu Hongyi"),
    ("许永健", "Xu Yongjian"),
    ("郭永进", "Guo Yongjin"),
    ("杜娟", "Du Juan"),
)


def parallel_article(rng: random.Random, paragraphs: int = 10) -> tuple[str, str]:
    """Return a (Chinese source, English draft) pair whose paragraphs correspond one to one."""
    zh_paras, en_paras = [], []
    for _ in range(paragraphs):
        zh, en = [], []
        for _ in range(rng.randint(2, 4)):
            zh_t, en_t = rng.choice(PARALLEL)
            zh_name, en_name = rng.choice(PARALLEL_NAMES)
            m = rng.randint(1, 12)
            f = {
                "y": rng.randint(2015, 2025),
                "m": m,
                "month": MONTHS[m - 1],
                "d": rng.randint(1, 28),
                "n": rng.randint(2, 900),
                "n2": rng.randint(2, 90),
                "pct": rng.randint(2, 60),
                "zh_name": zh_name,
                "en_name": en_name,
            }
            zh.append(zh_t.format(**f))
            en.append(en_t.format(**f))
        zh_paras.append("".join(zh))
        en_paras.append(" ".join(en))
    return "\n\n".join(zh_paras) + "\n", "\n\n".join(en_paras) + "\n"


def write_parallel_pair(folder: str, paragraphs: int = 1000, seed: int = 7) -> tuple[Path, Path]:
    """Write the seeded (Chinese source, English draft) pair as a.zh.md and a.en.md in `folder`."""
    zh, en = parallel_article(random.Random(seed), paragraphs=paragraphs)
    src, draft = Path(folder, "a.zh.md"), Path(folder, "a.en.md")
    src.write_text(zh, encoding="utf-8")
    draft.write_text(en, encoding="utf-8")
    return src, draft
