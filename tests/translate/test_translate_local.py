"""The offline engine: a tiny CTranslate2 model built by scripts/build-tiny-model, really run."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_script():
    path = ROOT / "scripts" / "build-tiny-model"
    loader = importlib.machinery.SourceFileLoader("build_tiny_model", str(path))
    spec = importlib.util.spec_from_loader("build_tiny_model", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    """(package folder, .argosmodel) of the tiny zh→en model, built once per session."""
    pytest.importorskip("ctranslate2")
    pytest.importorskip("sentencepiece")
    script = _load_script()
    base = tmp_path_factory.mktemp("tiny")
    folder = script.build(base / "tiny-zh-en")
    archive = script.pack_argos(folder, base / "tiny-zh-en.argosmodel")
    return folder, archive


def test_the_script_builds_an_argos_layout(tiny):
    folder, archive = tiny
    assert (folder / "model" / "model.bin").is_file()
    assert (folder / "sentencepiece.model").is_file()
    meta = json.loads((folder / "metadata.json").read_text())
    assert (meta["from_code"], meta["to_code"]) == ("zh", "en")
    with zipfile.ZipFile(archive) as zf:
        assert "tiny-zh-en/model/model.bin" in zf.namelist()


@pytest.mark.parametrize("which", [0, 1])
def test_local_engine_loads_a_folder_or_an_argosmodel_and_runs(tiny, which):
    from yiwen.translate.local import LocalEngine, open_package

    engine = LocalEngine([open_package(tiny[which])])
    out = engine.translate_batch(
        ["医生在医院完成了手术。", "", "护士在病房看望了病人。"], "zh", "en"
    )
    assert len(out) == 3 and out[1] == ""
    assert out[0] and out[2]  # random weights: nonsense, but real tokens decoded
    assert engine.requests == 1


def test_no_model_for_the_direction_is_a_clear_engine_error(tiny):
    from yiwen.errors import EngineError
    from yiwen.translate.local import LocalEngine, open_package

    engine = LocalEngine([open_package(tiny[0])])
    with pytest.raises(EngineError, match="no offline model for en→zh"):
        engine.translate_batch(["Hello."], "en", "zh")


def test_models_install_list_remove_and_translate(tiny, cli, tmp_path):
    r = cli("models", "list")
    assert "no models installed" in r.stdout
    r = cli("models", "install", str(tiny[1]))
    assert r.exit_code == 0, r.stderr
    name = r.stdout.split()[1]
    assert (Path(os.environ["YIWEN_DATA_DIR"]) / "models" / name / "model" / "model.bin").is_file()
    assert "zh→en" in cli("models", "list").stdout
    again = cli("models", "install", str(tiny[1]))
    assert again.exit_code == 2 and "installed already" in again.stderr
    (tmp_path / "a.zh.md").write_text("# 新闻\n\n医生在医院完成了手术。\n", "utf-8")
    r = cli("translate", "a.zh.md", "--engine", "local", "--no-cache")
    assert r.exit_code == 0, r.stderr
    out = (tmp_path / "a.en.md").read_text("utf-8")
    assert out.startswith("# ") and "医生在医院" not in out
    assert cli("models", "remove", name).exit_code == 0
    assert "no models installed" in cli("models", "list").stdout
    assert cli("models", "remove", name).exit_code == 2


def test_a_broken_package_is_an_input_error(cli, tmp_path):
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"not a zip")
    r = cli("models", "install", str(bad))
    assert r.exit_code == 2 and "not a zip" in r.stderr
