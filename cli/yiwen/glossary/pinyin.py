"""Hanyu Pinyin syllables: tell a romanised Chinese name part from an ordinary word, split it."""

from __future__ import annotations

from functools import lru_cache

# Every toneless Hanyu Pinyin syllable (generated from pypinyin's character table, "ü" as "v";
# lü, lüe, nü, nüe added by hand so "Lü" and "Nü" split).
SYLLABLES: frozenset[str] = frozenset(
    """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu
    ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou
    chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang
    dao de dei den deng di dia dian diao die din ding diu dong dou du duan dui dun duo e ei en
    eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou
    gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai
    huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai
    kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao
    le lei len leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue lun luo lv lve ma
    mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao
    ne nei nen neng ni nia nian niang niao nie nin ning niu nong nou nu nuan nue nun nuo nv nve o ou pa
    pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie
    qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run
    ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou
    shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang
    tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen
    weng wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang
    yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai
    zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun
    zhuo zi zong zou zu zuan zui zun zuo
    """.split()
)
_MAX = max(map(len, SYLLABLES))


@lru_cache(maxsize=65536)
def split_syllables(word: str) -> tuple[str, ...] | None:
    """Split a romanised word into pinyin syllables ("Ruitao" -> ("rui", "tao")), or None.

    Apostrophes and hyphens are syllable breaks ("Xi'an", "Rui-tao"). Of several splits the one
    with the fewest syllables wins, then the one whose first syllable is longest ("Xian" -> xian).
    """
    w = word.lower().replace("ü", "v").replace("’", "'")
    parts = [p for p in w.replace("-", "'").split("'")]
    if not all(parts):
        return None
    out: list[str] = []
    for part in parts:
        best = _split(part)
        if best is None:
            return None
        out.extend(best)
    return tuple(out)


@lru_cache(maxsize=65536)
def _split(s: str) -> tuple[str, ...] | None:
    if not s:
        return ()
    best: tuple[str, ...] | None = None
    for n in range(min(_MAX, len(s)), 0, -1):
        head = s[:n]
        if head in SYLLABLES:
            tail = _split(s[n:])
            if tail is not None and (best is None or len(tail) + 1 < len(best)):
                best = (head, *tail)
    return best


def is_pinyin(word: str, max_syllables: int = 3) -> bool:
    """True when `word` is one to `max_syllables` pinyin syllables (a possible name part)."""
    parts = split_syllables(word)
    return parts is not None and 0 < len(parts) <= max_syllables


def join_syllables(syllables: tuple[str, ...] | list[str]) -> str:
    """Write syllables as one capitalised name part, GB/T 28039 style: ("jian", "an") -> "Jian'an".

    An apostrophe goes before a syllable that starts with a, o or e; "v" is written "ü".
    """
    out = ""
    for s in syllables:
        s = s.lower().replace("v", "ü")
        if out and s.startswith(("a", "o", "e")):
            out += "'"
        out += s
    return out[:1].upper() + out[1:]
