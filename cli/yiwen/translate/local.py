"""The offline engine: a CTranslate2 model with its SentencePiece model, no network at all.

It loads a model folder — the layout of an Argos Translate package: `model/` (CTranslate2),
`sentencepiece.model`, `metadata.json` with `from_code`/`to_code` — or an `.argosmodel` zip of
one, directly (no argostranslate needed). Installed models live in the user data directory
(`yiwen models install`), or $YIWEN_DATA_DIR when set. ctranslate2 and sentencepiece come with
the `[offline]` extra and are imported only when this engine runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yiwen.errors import EngineError, InputError
from yiwen.translate.engines import SPECS, EngineName


def data_dir() -> Path:
    """Return yiwen's data folder: $YIWEN_DATA_DIR or platformdirs' user data directory."""
    env = os.environ.get("YIWEN_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("yiwen"))


def models_dir() -> Path:
    """Return the folder installed models live in."""
    return data_dir() / "models"


@dataclass(frozen=True)
class ModelInfo:
    """An offline model package: where it is and which direction it translates."""

    name: str
    path: Path
    source: str
    target: str
    description: str = ""


def _package_root(folder: Path) -> Path:
    """Return the folder holding model/ (a package folder, or its single subfolder)."""
    if (folder / "model").is_dir() or (folder / "model.bin").is_file():
        return folder
    subs = [p for p in folder.iterdir() if p.is_dir()]
    if len(subs) == 1 and ((subs[0] / "model").is_dir() or (subs[0] / "model.bin").is_file()):
        return subs[0]
    raise InputError(f"{folder}: not a model package (no model/ folder with model.bin)")


def read_package(folder: Path) -> ModelInfo:
    """Read a package folder's metadata.json (from_code, to_code)."""
    root = _package_root(folder)
    meta_path = root / "metadata.json"
    meta: dict[str, Any] = {}
    if meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{meta_path}: unreadable metadata ({exc})") from None
    source, target = str(meta.get("from_code", "")), str(meta.get("to_code", ""))
    if not source or not target:
        raise InputError(f"{meta_path}: metadata.json needs from_code and to_code")
    if not _sp_path(root).is_file():
        raise InputError(f"{root}: sentencepiece.model is missing")
    name = str(meta.get("name") or folder.name)
    return ModelInfo(name, root, source, target, str(meta.get("description", "")))


def _sp_path(root: Path) -> Path:
    return root / "sentencepiece.model"


def _model_path(root: Path) -> Path:
    return root / "model" if (root / "model").is_dir() else root


def unpack_argos(archive: Path, dest: Path) -> Path:
    """Extract an .argosmodel zip into `dest` safely (no absolute paths, no ..), return the root."""
    try:
        with zipfile.ZipFile(archive) as zf:
            for member in zf.infolist():
                target = (dest / member.filename).resolve()
                if not str(target).startswith(str(dest.resolve())):
                    raise InputError(f"{archive}: unsafe path in archive: {member.filename}")
            zf.extractall(dest)
    except zipfile.BadZipFile:
        raise InputError(f"{archive}: not a zip file (.argosmodel packages are zips)") from None
    except OSError as exc:
        raise InputError(f"{archive}: cannot be read ({exc.strerror or exc})") from None
    return _package_root(dest)


def open_package(path: Path) -> ModelInfo:
    """Open a package folder, or unpack an .argosmodel once into the cache and open that."""
    if not path.exists():
        raise InputError(f"{path}: no such model")
    if path.is_dir():
        return read_package(path)
    from yiwen.cachedir import cache_dir

    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    dest = cache_dir() / "argos" / digest
    if not dest.is_dir():
        tmp = Path(tempfile.mkdtemp(prefix="unpack-", dir=_ensure(cache_dir() / "argos")))
        try:
            unpack_argos(path, tmp)
            os.replace(tmp, dest)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return read_package(dest)


def _ensure(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p


def installed_models() -> list[ModelInfo]:
    """Return every model installed in the models folder, by name."""
    folder = models_dir()
    if not folder.is_dir():
        return []
    out = []
    for sub in sorted(folder.iterdir()):
        if sub.is_dir():
            try:
                out.append(read_package(sub))
            except InputError:
                continue
    return out


def install_model(path: Path, name: str | None = None) -> ModelInfo:
    """Copy (or unpack) a model package into the models folder; return what was installed."""
    info = open_package(path)
    folder = _ensure(models_dir())
    slug = name or f"{info.source}-{info.target}-{_slug(info.name)}"
    dest = folder / slug
    if dest.exists():
        raise InputError(
            f"a model named {slug!r} is installed already (yiwen models remove {slug})"
        )
    tmp = Path(tempfile.mkdtemp(prefix=".install-", dir=folder))
    try:
        shutil.copytree(info.path, tmp, dirs_exist_ok=True)
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return read_package(dest)


def remove_model(name: str) -> Path:
    """Delete an installed model by folder name."""
    dest = models_dir() / name
    if not name or "/" in name or name.startswith(".") or not dest.is_dir():
        raise InputError(f"no installed model named {name!r} (see `yiwen models list`)")
    shutil.rmtree(dest)
    return dest


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in text).strip("-") or "model"


class LocalEngine:
    """CTranslate2 + SentencePiece, one model per direction, loaded on first use."""

    name = EngineName.LOCAL.value
    spec = SPECS[EngineName.LOCAL]

    def __init__(
        self,
        models: list[ModelInfo],
        beam_size: int = 1,
        max_batch_size: int = 32,
        threads: int = 0,
    ) -> None:
        self.models = models
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self.threads = threads
        self.requests = 0
        self._loaded: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, section: Mapping[str, Any]) -> LocalEngine:
        """Use $YIWEN_LOCAL_MODEL / `local_model` if set, else every installed model."""
        explicit = os.environ.get("YIWEN_LOCAL_MODEL") or str(section.get("local_model", ""))
        models = [open_package(Path(explicit))] if explicit else installed_models()
        beam = int(section.get("local_beam_size", 1) or 1)
        return cls(models, beam_size=beam)

    def model_for(self, source: str, target: str) -> ModelInfo:
        """Return the model that translates source → target, or raise a clear EngineError."""
        for m in self.models:
            if m.source.split("-")[0] == source and m.target.split("-")[0] == target:
                return m
        have = ", ".join(f"{m.name} ({m.source}→{m.target})" for m in self.models) or "none"
        raise EngineError(
            f"local: no offline model for {source}→{target} (installed: {have}); "
            "install one with `yiwen models install PATH.argosmodel`"
        )

    def load(self, source: str, target: str) -> tuple[Any, Any]:
        """Return (ctranslate2.Translator, SentencePieceProcessor) for a direction."""
        key = (source, target)
        with self._lock:
            if key in self._loaded:
                return self._loaded[key]
            info = self.model_for(source, target)
            try:
                import ctranslate2
                import sentencepiece as spm
            except ImportError:
                raise EngineError(
                    "local: the offline engine needs ctranslate2 and sentencepiece: "
                    "pip install 'yiwen[offline]'"
                ) from None
            try:
                translator = ctranslate2.Translator(
                    str(_model_path(info.path)), device="cpu", intra_threads=self.threads
                )
                sp = spm.SentencePieceProcessor(model_file=str(_sp_path(info.path)))
            except Exception as exc:  # a corrupt or incompatible model
                raise EngineError(f"local: cannot load model {info.path}: {exc}") from None
            self._loaded[key] = (translator, sp)
            return translator, sp

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """Tokenise with SentencePiece, translate in one CTranslate2 batch, detokenise."""
        translator, sp = self.load(source, target)
        out = [""] * len(texts)
        idx = [i for i, t in enumerate(texts) if t.strip()]
        if not idx:
            return out
        tokens = sp.encode([texts[i] for i in idx], out_type=str)
        results = self.translate_tokens(translator, tokens)
        for i, text in zip(idx, sp.decode(results), strict=False):  # one batched decode call
            out[i] = text
        with self._lock:
            self.requests += 1
        return out

    def translate_tokens(self, translator: Any, tokens: list[list[str]]) -> list[list[str]]:
        """The CTranslate2 call itself (what the benchmark compares against)."""
        results = translator.translate_batch(
            tokens,
            beam_size=self.beam_size,
            max_batch_size=self.max_batch_size,
            max_decoding_length=decoding_limit(tokens),
        )
        return [r.hypotheses[0] for r in results]


def decoding_limit(tokens: list[list[str]]) -> int:
    """A bound on output length: twice the longest input plus a little (random models ramble)."""
    return 2 * max((len(t) for t in tokens), default=1) + 8
