"""Chinese surnames and how they are read in names: single and compound, in frequency order.

pypinyin reads polyphonic surnames as common words (单 dan, 曾 ceng, 仇 chou, 区 qu, 查 cha,
朴 pu), so the readings here are ours: the surname reading, toneless, "v" for "ü". The order of
SINGLE is roughly the order of frequency in the 2020 household register (王 李 张 刘 陈 …);
the rank tells two possible surnames apart ("Jing Shen": Shen is far more common than Jing).
"""

from __future__ import annotations

from functools import cache

# Single-character surnames in (rough) frequency order, each with its reading as a surname.
_SINGLE = """
    王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 林lin
    高gao 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 邓deng 冯feng 曹cao 彭peng 曾zeng 肖xiao 田tian
    董dong 潘pan 袁yuan 蔡cai 蒋jiang 余yu 于yu 杜du 叶ye 程cheng 魏wei 苏su 吕lv 丁ding 任ren 卢lu 姚yao 沈shen
    钟zhong 姜jiang 崔cui 谭tan 陆lu 范fan 汪wang 廖liao 石shi 金jin 韦wei 贾jia 夏xia 付fu 傅fu 方fang 邹zou
    熊xiong 白bai 孟meng 秦qin 邱qiu 侯hou 江jiang 尹yin 薛xue 闫yan 段duan 雷lei 龙long 黎li 史shi 陶tao 贺he
    毛mao 郝hao 顾gu 龚gong 邵shao 万wan 覃qin 武wu 钱qian 戴dai 严yan 莫mo 孔kong 向xiang 常chang 汤tang 康kang
    易yi 乔qiao 赖lai 文wen 施shi 洪hong 辛xin 柯ke 庄zhuang 樊fan 殷yin 祝zhu 左zuo 涂tu 季ji 岳yue 倪ni 翟zhai
    温wen 欧ou 牛niu 骆luo 鲁lu 葛ge 安an 晏yan 单shan 俞yu 靳jin 尚shang 聂nie 耿geng 关guan 焦jiao 甘gan 纪ji
    包bao 毕bi 柴chai 詹zhan 申shen 伍wu 卜bu 练lian 阮ruan 蒙meng 凌ling 古gu 鄢yan 解xie 麦mai 霍huo 舒shu 查zha
    庞pang 裴pei 冉ran 宁ning 符fu 丰feng 储chu 苗miao 齐qi 成cheng 艾ai 兰lan 邢xing 阎yan 米mi 鲍bao 房fang 路lu
    滕teng 窦dou 时shi 仇qiu 区ou 朴piao 盖ge 巫wu 占zhan 车che 缪miao 桂gui 景jing 井jing 荆jing 卞bian 刁diao
    谷gu 简jian 佟tong 柏bai 连lian 芦lu 茅mao 穆mu 虞yu 管guan 项xiang 郁yu 应ying 冷leng 全quan 邬wu 卫wei 屈qu
    商shang 邝kuang 巴ba 幸xing 竺zhu 计ji 官guan 芮rui 蓝lan 戚qi 裘qiu 栾luan 邰tai 隆long 边bian 帅shuai
    宫gong 奚xi 颜yan 晋jin 於yu 卓zhuo 卿qing 苟gou 冀ji 娄lou 粟su 雍yong 沙sha 宗zong 饶rao 扈hu 胥xu 宣xuan
    贲ben 丘qiu 荣rong 池chi 党dang 褚chu 门men 言yan 危wei 冼xian 那na 揭jie 浦pu 瞿qu 鞠ju 农nong 燕yan 戈ge 衣yi
    封feng 都du 费fei 姬ji 阳yang 麻ma 郎lang 明ming 花hua 丛cong 仲zhong 司si 楚chu 利li 佘she 禹yu 昌chang 岑cen
    宿su 蔺lin 展zhan 禄lu 居ju 祁qi 杭hang 强qiang 晁chao 嵇ji 华hua 和he 尤you 乐yue 汝ru 鄂e 敖ao 阚kan 权quan
    逯lu 蔚wei 钦qin 伊yi 游you 闵min 梅mei 席xi 阙que 植zhi 谈tan 郜gao 喻yu 寇kou 鲜xian 雒luo 诸zhu 匡kuang
    税shui 支zhi 狄di 闻wen 靖jing 黑he 满man 勾gou 谌chen 逄pang 藏zang 召shao 员yun 秘bi 种chong 隗wei 郇huan
    佴nai 折she 句gou 薄bo 洗xian 牟mou 乜nie 萧xiao 禤xuan 线xian 繁po 尉wei
"""

# Compound (two-character) surnames with their joined readings (GB/T 28039: "Ouyang", "Sima").
_COMPOUND = """
    欧阳ouyang 司马sima 诸葛zhuge 上官shangguan 尉迟yuchi 万俟moqi 皇甫huangfu 令狐linghu
    公孙gongsun 慕容murong 司徒situ 东方dongfang 夏侯xiahou 长孙zhangsun 宇文yuwen 端木duanmu
    澹台tantai 单于chanyu 南宫nangong 西门ximen 申屠shentu 轩辕xuanyuan 公冶gongye 呼延huyan
    闻人wenren 赫连helian 司空sikong 独孤dugu 百里baili 钟离zhongli 太史taishi 淳于chunyu
    濮阳puyang 拓跋tuoba 完颜wanyan 左丘zuoqiu 东郭dongguo 公羊gongyang 宗政zongzheng
    羊舌yangshe 梁丘liangqiu 乐正yuezheng 谷梁guliang 仲孙zhongsun 巫马wuma 漆雕qidiao
"""


def _parse(block: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in block.split():
        zh = "".join(ch for ch in item if not ch.isascii())
        out.setdefault(zh, item[len(zh) :])
    return out


SINGLE: dict[str, str] = _parse(_SINGLE)
COMPOUND: dict[str, str] = _parse(_COMPOUND)
# Every character a surname starts with: a name can only begin on one of these.
SURNAME_INITIALS: frozenset[str] = frozenset(SINGLE) | {zh[0] for zh in COMPOUND}
# Rank of each surname in characters: 0 is the most common; compounds rank after the singles.
RANK: dict[str, int] = {zh: i for i, zh in enumerate([*SINGLE, *COMPOUND])}


def split_surname(zh: str) -> tuple[str, str] | None:
    """Split a Chinese name into (surname, given name): compound surnames first, else None."""
    if len(zh) >= 3 and zh[:2] in COMPOUND:
        return zh[:2], zh[2:]
    if len(zh) >= 2 and zh[0] in SINGLE:
        return zh[0], zh[1:]
    return None


def surname_prefix(zh: str) -> str:
    """Return the surname `zh` starts with (compound first), or "" when it starts with none."""
    if zh[:2] in COMPOUND:
        return zh[:2]
    return zh[:1] if zh[:1] in SINGLE else ""


def surname_reading(zh: str) -> str | None:
    """Return the toneless reading of a surname in characters ("单" -> "shan"), or None."""
    return COMPOUND.get(zh) or SINGLE.get(zh)


@cache
def pinyin_surnames() -> dict[str, int]:
    """Map each romanised surname (lower case, "v" for "ü") to its best frequency rank."""
    out: dict[str, int] = {}
    for zh, rank in RANK.items():
        reading = COMPOUND.get(zh) or SINGLE[zh]
        out.setdefault(reading, rank)
    return out


def _key(word: str) -> str:
    w = word.lower().replace("ü", "v").replace("'", "").replace("’", "")
    return "lv" if w == "lyu" else w


def surname_rank(word: str) -> int | None:
    """Return the frequency rank of a romanised surname ("Wang" -> 0), or None if it is none."""
    return pinyin_surnames().get(_key(word))


_COMPOUND_READINGS = frozenset(COMPOUND.values())


def is_compound_surname(word: str) -> bool:
    """True for a romanised compound surname ("Ouyang", "Sima", "Zhuge")."""
    return _key(word) in _COMPOUND_READINGS
