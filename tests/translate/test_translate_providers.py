"""Each provider through its stand-in: the requests yiwen sends, packing, limits, key hygiene."""

from __future__ import annotations

import hashlib

import pytest

from yiwen.translate.engines import SPECS, EngineName, make_engine

PROVIDERS = ["google", "deepl", "microsoft", "baidu", "libre", "mymemory"]
PARAS = [f"第{i}段：医生在医院完成了手术。" for i in range(12)]


@pytest.mark.parametrize("name", PROVIDERS)
def test_paragraphs_are_packed_into_one_request(provider_env, name):
    engine = make_engine(name, {})
    out = engine.translate_batch(PARAS, "zh", "en")
    sent = provider_env.requests_for(name)
    limit = SPECS[EngineName(name)].limit_for("zh")
    total = sum(len(p) + 1 for p in PARAS)
    assert len(sent) == -(-total // limit)  # ⌈chars / limit⌉, not one per paragraph
    assert len(out) == len(PARAS) and all(out)
    assert all(len(s.text) <= limit for s in sent)


def test_request_shapes(provider_env):
    for name in PROVIDERS:
        make_engine(name, {}).translate_batch(["你好。"], "zh", "en")
    by = {s.provider: s for s in provider_env.seen}
    g = by["google"]
    assert (g.method, g.query["sl"], g.query["tl"], g.query["q"]) == (
        "GET",
        "zh-CN",
        "en",
        "你好。",
    )
    d = by["deepl"]
    assert d.query["auth_key"] == provider_env.deepl_key and d.query["target_lang"] == "en"
    m = by["microsoft"]
    assert m.method == "POST" and m.query["to"] == "en" and m.query["from"] == "zh-Hans"
    assert m.headers["Ocp-Apim-Subscription-Key"] == provider_env.microsoft_key
    b = by["baidu"]
    expect = hashlib.md5(
        (b.query["appid"] + "你好。" + b.query["salt"] + provider_env.baidu_appkey).encode()
    ).hexdigest()
    assert b.query["sign"] == expect  # the appkey itself is never sent
    assert provider_env.baidu_appkey not in b.path + str(b.query)
    li = by["libre"]
    assert li.method == "POST" and li.query["source"] == "zh" and "api_key" not in li.query
    mm = by["mymemory"]
    assert mm.query["langpair"] == "zh-CN|en-US"


def test_mymemory_requests_stay_under_500_bytes(provider_env):
    engine = make_engine("mymemory", {})
    long_para = "医生在医院完成了一台很复杂的手术，" * 40 + "病人恢复良好。"
    out = engine.translate_batch([long_para], "zh", "en")
    assert len(out) == 1 and out[0]
    sent = provider_env.requests_for("mymemory")
    assert len(sent) > 1
    for s in sent:
        assert len(s.text.encode("utf-8")) <= 500


def test_long_paragraph_is_split_at_sentence_ends(provider_env, cli, tmp_path):
    para = "".join(f"第{i}位医生在医院完成了手术。" for i in range(40))
    (tmp_path / "long.zh.txt").write_text(para + "\n", "utf-8")
    r = cli("translate", "long.zh.txt", "--engine", "mymemory", "--no-cache")
    assert r.exit_code == 0, r.stderr
    sent = provider_env.requests_for("mymemory")
    assert len(sent) > 1
    for s in sent:
        assert len(s.text.encode("utf-8")) <= 500
        assert s.text.endswith("。")  # every cut is at a sentence end


@pytest.mark.parametrize("name", ["deepl", "microsoft"])
def test_key_never_appears_even_when_the_provider_echoes_it(
    provider_env, cli, tmp_path, name, monkeypatch
):
    wrong = f"{name}-WRONG-secret-0123456789"
    monkeypatch.setenv(f"YIWEN_{name.upper()}_KEY", wrong)
    (tmp_path / "a.zh.txt").write_text("医生在医院完成了手术。\n", "utf-8")
    r = cli("translate", "a.zh.txt", "--engine", name, "--no-cache")
    assert r.exit_code == 3
    assert "refused the key" in r.stderr
    sent = provider_env.requests_for(name)[0]
    echoed = sent.body.decode() + str(sent.query) + str(sent.headers)
    assert wrong in echoed  # the stand-in did get it (and its error echoes it) ...
    assert wrong not in r.stdout + r.stderr  # ... yet yiwen never shows it


def test_key_never_in_unreachable_message(cli, tmp_path, monkeypatch):
    secret = "deepl-secret-that-must-not-leak:fx"
    monkeypatch.setenv("YIWEN_DEEPL_KEY", secret)
    monkeypatch.setenv("YIWEN_DEEPL_URL", "http://127.0.0.1:9/v2/")  # nothing listens on 9
    (tmp_path / "a.zh.txt").write_text("医生在医院完成了手术。\n", "utf-8")
    r = cli("translate", "a.zh.txt", "--engine", "deepl", "--no-cache")
    assert r.exit_code == 3
    assert secret not in r.stdout + r.stderr
    assert "--engine local" in r.stderr and "--engine libre" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_missing_key_is_one_clear_line(cli, tmp_path):
    (tmp_path / "a.zh.txt").write_text("医生在医院完成了手术。\n", "utf-8")
    r = cli("translate", "a.zh.txt", "--engine", "deepl", "--no-cache")
    assert r.exit_code == 3
    assert "YIWEN_DEEPL_KEY" in r.stderr and "Traceback" not in r.stderr


def test_keys_come_from_yiwen_toml(provider_env, tmp_path, monkeypatch):
    monkeypatch.delenv("YIWEN_DEEPL_KEY")
    engine = make_engine("deepl", {"deepl_key": provider_env.deepl_key})
    assert engine.translate_batch(["你好。"], "zh", "en")[0]


def test_libre_key_is_sent_when_set(standin, monkeypatch):
    standin.libre_key = "libre-key-abc"
    for k, v in standin.env().items():
        monkeypatch.setenv(k, v)
    engine = make_engine("libre", {})
    engine.translate_batch(["你好。"], "zh", "en")
    assert standin.requests_for("libre")[0].query["api_key"] == "libre-key-abc"


@pytest.mark.parametrize("name", PROVIDERS)
def test_separator_survives_each_stand_in(provider_env, name):
    """Measure which separators each stand-in keeps; the engine's own must be among them."""
    from yiwen.translate.providers import ProviderEngine

    engine = make_engine(name, {})
    assert isinstance(engine, ProviderEngine)
    kept = []
    for sep in ("\n", "\n\n", " | "):
        answer = engine.translate_one(sep.join(["你好。", "再见。", "谢谢。"]), "zh", "en")
        if len([p for p in answer.split(sep) if p.strip()]) == 3 and answer.count(sep) == 2:
            kept.append(sep)
    assert SPECS[EngineName(name)].separator in kept
    if name == "baidu":
        assert "\n\n" not in kept  # Baidu answers per non-empty line: blank lines vanish
