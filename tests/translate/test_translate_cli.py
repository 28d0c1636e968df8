"""`yiwen translate` output: names, never the source, bilingual, XLIFF 2.0, the diff."""

from __future__ import annotations

import pickle

from yiwen.translate import TranslateOptions, default_dest

ARTICLE = "# 医院新闻\n\n医生在医院完成了手术。\n\n- 护士在病房看望了病人。\n"


def test_default_destination_names():
    assert default_dest("news/article.zh.md", "en") == "news/article.en.md"
    assert default_dest("article.md", "en") == "article.en.md"
    assert default_dest("story.en.txt", "zh") == "story.zh.txt"
    assert default_dest("article.zh.md", "en", "xliff") == "article.en.xlf"


def test_options_are_picklable():
    opts = TranslateOptions(engine="deepl", glossaries=("g.toml",), jobs=3, bilingual="table")
    assert pickle.loads(pickle.dumps(opts)) == opts


def test_writes_article_en_md_and_never_the_source(provider_env, cli, tmp_path):
    (tmp_path / "article.zh.md").write_text(ARTICLE, "utf-8")
    r = cli("translate", "article.zh.md", "--engine", "google", "--no-cache")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "article.zh.md").read_text("utf-8") == ARTICLE
    out = (tmp_path / "article.en.md").read_text("utf-8")
    assert out.startswith("# ") and "\n- " in out
    r = cli("translate", "article.zh.md", "-o", "article.zh.md", "--engine", "none")
    assert r.exit_code == 2 and "refusing to overwrite the source" in r.stderr
    assert (tmp_path / "article.zh.md").read_text("utf-8") == ARTICLE


def test_english_to_chinese(provider_env, cli, tmp_path):
    (tmp_path / "story.en.md").write_text("The doctor finished the operation.\n", "utf-8")
    r = cli("translate", "story.en.md", "--engine", "google", "--no-cache")
    assert r.exit_code == 0, r.stderr
    sent = provider_env.requests_for("google")[0]
    assert (sent.query["sl"], sent.query["tl"]) == ("en", "zh-CN")
    assert (tmp_path / "story.zh.md").is_file()


def test_bilingual_paragraphs_and_table(provider_env, cli, tmp_path):
    (tmp_path / "a.zh.md").write_text(ARTICLE, "utf-8")
    r = cli("translate", "a.zh.md", "--engine", "google", "--bilingual", "paragraphs")
    assert r.exit_code == 0, r.stderr
    out = (tmp_path / "a.en.md").read_text("utf-8")
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert lines[0] == "# 医院新闻" and lines[1].startswith("# ") and lines[1] != lines[0]
    assert lines[2] == "医生在医院完成了手术。"
    assert lines[4] == "- 护士在病房看望了病人。" and lines[5].startswith("- ")
    r = cli("translate", "a.zh.md", "--engine", "google", "--bilingual", "table", "-o", "t.md")
    table = (tmp_path / "t.md").read_text("utf-8").splitlines()
    assert table[0] == "| zh | en |" and table[1] == "| --- | --- |" and len(table) == 5
    assert table[3].startswith("| 医生在医院完成了手术。 | ")


def test_xliff_2_0(provider_env, cli, tmp_path):
    from defusedxml.ElementTree import fromstring

    (tmp_path / "a.zh.md").write_text(ARTICLE, "utf-8")
    r = cli("translate", "a.zh.md", "--engine", "google", "--format", "xliff")
    assert r.exit_code == 0, r.stderr
    root = fromstring((tmp_path / "a.en.xlf").read_bytes())
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    assert root.tag == f"{ns}xliff" and root.get("version") == "2.0"
    assert (root.get("srcLang"), root.get("trgLang")) == ("zh", "en")
    units = root.findall(f"{ns}file/{ns}unit")
    assert len(units) == 3
    assert units[1].find(f"{ns}segment/{ns}source").text == "医生在医院完成了手术。"
    assert units[1].find(f"{ns}segment/{ns}target").text


def test_diff_of_raw_engine_output_and_html(provider_env, cli, tmp_path):
    # The stand-in keeps the Chinese full stop; the built-in rules fix it in English text.
    (tmp_path / "a.zh.md").write_text(ARTICLE, "utf-8")
    r = cli("translate", "a.zh.md", "--engine", "google", "--diff-html", "d.html")
    assert r.exit_code == 0, r.stderr
    assert "(engine)" in r.stdout and "(checked)" in r.stdout
    assert "。" not in (tmp_path / "a.en.md").read_text("utf-8")
    page = (tmp_path / "d.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "a.en.md (engine)" in page


def test_stdout_and_bad_flags(provider_env, cli, tmp_path):
    (tmp_path / "a.zh.md").write_text(ARTICLE, "utf-8")
    r = cli("translate", "a.zh.md", "--engine", "none", "-o", "-")
    assert r.exit_code == 0 and r.stdout.startswith("# 医院新闻")
    assert cli("translate", "a.zh.md", "--engine", "bing").exit_code == 2
    assert cli("translate", "a.zh.md", "--to", "fr", "--engine", "none").exit_code == 2
    assert cli("translate", "missing.md").exit_code == 2
