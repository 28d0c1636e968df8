"""deep-translator providers behind yiwen's engine protocol, with every HTTP call bounded.

deep-translator passes no timeout to `requests` (a provider that accepts the connection and never
answers blocks forever), sends one request per item, and puts keys into URLs and exception
messages. So yiwen:

* replaces the `requests` name inside each deep-translator provider module with a shim that,
  while a yiwen call is in progress on that thread, routes the call through a per-thread
  `requests.Session` with a (connect, read) timeout and remembers the response (so HTTP status and
  Retry-After are known); outside a yiwen call the shim is plain `requests`;
* packs several paragraphs into one request, joined by the engine's separator, and splits the
  answer back, checking the count;
* turns every failure into a yiwen EngineError whose message it writes itself (never the text of
  a deep-translator or requests exception), with every secret scrubbed.
"""

from __future__ import annotations

import email.utils
import importlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, quote_plus

from yiwen.errors import EngineError
from yiwen.translate.engines import (
    ALTERNATIVES,
    SPECS,
    BadAnswer,
    EngineName,
    EngineSpec,
    EngineUnreachable,
    KeyRejected,
    QuotaExceeded,
    RateLimited,
    TextTooLong,
    setting,
)
from yiwen.translate.retry import RetryPolicy, call_with_retry

DEFAULT_TIMEOUT = (5.0, 30.0)  # (connect, read) seconds for every provider request

_MODULES = ("google", "deepl", "microsoft", "baidu", "libre", "mymemory")
_local = threading.local()
_install_lock = threading.Lock()
_installed = False


@dataclass
class _CallContext:
    """What the shim needs while one yiwen request runs on this thread."""

    session: Any
    timeout: float | tuple[float, float]
    last: Any = None  # the last requests.Response
    sent: int = 0


class _BoundedRequests:
    """Stands in for the `requests` module inside deep-translator's provider modules."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def get(self, url: str, params: Any = None, **kwargs: Any) -> Any:
        """requests.get, bounded when a yiwen call is in progress."""
        return self.request("GET", url, params=params, **kwargs)

    def post(self, url: str, data: Any = None, json: Any = None, **kwargs: Any) -> Any:
        """requests.post, bounded when a yiwen call is in progress."""
        return self.request("POST", url, data=data, json=json, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        """Send through the thread's session with a timeout, remembering the response."""
        ctx: _CallContext | None = getattr(_local, "ctx", None)
        if ctx is None:
            return self._real.request(method, url, **kwargs)
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = ctx.timeout
        ctx.sent += 1
        ctx.last = None
        response = ctx.session.request(method, url, **kwargs)
        ctx.last = response
        return response


def install_bounded_requests() -> None:
    """Put the bounding shim into deep-translator's provider modules (once per process)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        import requests

        shim = _BoundedRequests(requests)
        for name in _MODULES:
            module = importlib.import_module(f"deep_translator.{name}")
            module.requests = shim  # type: ignore[attr-defined]
        _installed = True


# Provider language codes for yiwen's two languages (values must be in deep-translator's tables).
_CODES: dict[EngineName, dict[str, str]] = {
    EngineName.GOOGLE: {"zh": "zh-CN", "en": "en"},
    EngineName.DEEPL: {"zh": "zh", "en": "en"},
    EngineName.MICROSOFT: {"zh": "zh-Hans", "en": "en"},
    EngineName.BAIDU: {"zh": "zh", "en": "en"},
    EngineName.LIBRE: {"zh": "zh", "en": "en"},
    EngineName.MYMEMORY: {"zh": "zh-CN", "en": "en-US"},
}

# Baidu answers HTTP 200 with an error_code (https://fanyi-api.baidu.com/doc/21, 错误码列表).
_BAIDU_RATE = {"54003", "54005"}
_BAIDU_RETRY = {"52001", "52002"}
_BAIDU_KEY = {"52003", "54001", "58000", "58001", "58002", "90107"}
_BAIDU_QUOTA = {"54004"}


def _microsoft_class() -> type:
    from deep_translator import MicrosoftTranslator

    class _Microsoft(MicrosoftTranslator):  # type: ignore[misc, valid-type]
        """MicrosoftTranslator without the unbounded language-list request in __init__."""

        def _get_supported_languages(self) -> dict[str, str]:
            return {"english": "en", "chinese simplified": "zh-Hans"}

    return _Microsoft


@dataclass
class ProviderEngine:
    """One deep-translator provider: packing, bounded requests, retries, clean errors."""

    engine: EngineName
    secrets: dict[str, str] = field(default_factory=dict)  # key, appid, appkey, email, region
    base_url: str = ""
    timeout: float | tuple[float, float] = DEFAULT_TIMEOUT
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        self.name = self.engine.value
        self.spec: EngineSpec = SPECS[self.engine]
        self._threads = threading.local()
        self._lock = threading.Lock()
        self.requests = 0  # HTTP requests sent, retries included
        install_bounded_requests()

    @classmethod
    def from_settings(
        cls,
        engine: EngineName,
        section: Mapping[str, Any],
        timeout: float | None = None,
    ) -> ProviderEngine:
        """Build from environment variables first, then the `[translate]` config table."""
        spec = SPECS[engine]
        name = engine.value
        secrets: dict[str, str] = {}
        if engine is EngineName.BAIDU:
            secrets["appid"] = setting(section, "baidu_appid", spec.key_vars)
            secrets["appkey"] = setting(
                section, "baidu_appkey", ("YIWEN_BAIDU_KEY", "BAIDU_APPKEY")
            )
        elif engine is EngineName.MYMEMORY:
            secrets["email"] = setting(section, "mymemory_email", spec.key_vars)
        elif spec.key_vars:
            secrets["key"] = setting(section, f"{name}_key", spec.key_vars)
        if engine is EngineName.MICROSOFT:
            secrets["region"] = setting(section, "microsoft_region", ("YIWEN_MICROSOFT_REGION",))
        base_url = setting(section, f"{name}_url", spec.url_vars)
        t = timeout if timeout is not None else section.get("timeout")
        env_t = setting(None, "", ("YIWEN_TRANSLATE_TIMEOUT",))
        if env_t:
            t = float(env_t)
        bounded: float | tuple[float, float] = (
            DEFAULT_TIMEOUT if t is None else (min(float(t), 5.0), float(t))
        )
        tries = section.get("tries")
        retry = RetryPolicy(tries=int(tries)) if tries else RetryPolicy()
        return cls(engine, {k: v for k, v in secrets.items() if v}, base_url, bounded, retry)

    # -- the protocol --------------------------------------------------------------------
    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate `texts`, packing them into as few requests as the provider limit allows.

        A text longer than the limit is split at sentence ends first and joined back.
        """
        from yiwen.translate.segments import glue_for, pack, split_text

        limit = self.spec.limit_for(source)
        owner: list[int] = []
        pieces: list[str] = []
        for i, t in enumerate(texts):
            if t.strip():
                for piece in split_text(t, limit, source):
                    owner.append(i)
                    pieces.append(piece)
        answers: list[str] = [""] * len(pieces)
        for group in pack(pieces, limit, len(self.spec.separator)):
            for g, answer in zip(
                group,
                self._translate_pack([pieces[g] for g in group], source, target),
                strict=False,
            ):
                answers[g] = answer
        out: list[list[str]] = [[] for _ in texts]
        for i, answer in zip(owner, answers, strict=False):
            out[i].append(answer.strip())
        glue = glue_for(target)
        return [glue.join(parts) for parts in out]

    def _translate_pack(self, texts: list[str], source: str, target: str) -> list[str]:
        sep = self.spec.separator
        if len(texts) == 1:
            return [self.translate_one(texts[0], source, target)]
        flat = [" ".join(t.split("\n")) if sep in t else t for t in texts]
        answer = self.translate_one(sep.join(flat), source, target)
        parts = [p for p in answer.split(sep)] if answer else []
        parts = [p.strip() for p in parts if p.strip()]
        if len(parts) == len(texts):
            return parts
        # The provider merged or split lines: send each paragraph on its own instead.
        return [self.translate_one(t, source, target) for t in texts]

    def translate_one(self, text: str, source: str, target: str) -> str:
        """Translate one text in one request (retried per the policy)."""
        return call_with_retry(lambda: self._request(text, source, target), self.retry, self.sleep)

    # -- one request ----------------------------------------------------------------------
    def _request(self, text: str, source: str, target: str) -> str:
        from requests import Session

        threads = self._threads
        if getattr(threads, "session", None) is None:
            threads.session = Session()
            threads.translators = {}
        ctx = _CallContext(threads.session, self.timeout)
        _local.ctx = ctx
        try:
            translator = threads.translators.get((source, target))
            if translator is None:
                translator = self._make_translator(source, target)
                threads.translators[(source, target)] = translator
            answer = translator.translate(text)
        except EngineError:
            raise
        except Exception as exc:  # every failure gets a message we wrote
            raise self._map_error(exc, ctx.last) from None
        finally:
            _local.ctx = None
            with self._lock:
                self.requests += ctx.sent
        problem = self._answer_error(ctx.last)
        if problem is not None:
            raise problem
        if isinstance(answer, list):
            answer = answer[0] if answer else ""
        if not isinstance(answer, str):
            raise BadAnswer(f"{self.name}: the provider returned no translation")
        return answer

    def _make_translator(self, source: str, target: str) -> Any:
        import deep_translator as dt

        codes = _CODES[self.engine]
        src, tgt = codes.get(source, source), codes.get(target, target)
        s = self.secrets
        e = self.engine
        try:
            if e is EngineName.GOOGLE:
                tr = dt.GoogleTranslator(source=src, target=tgt)
            elif e is EngineName.MYMEMORY:
                tr = dt.MyMemoryTranslator(source=src, target=tgt, email=s.get("email"))
            elif e is EngineName.DEEPL:
                key = self._need("key", "YIWEN_DEEPL_KEY (or DEEPL_API_KEY)", "deepl_key")
                tr = dt.DeeplTranslator(
                    source=src, target=tgt, api_key=key, use_free_api=key.endswith(":fx")
                )
            elif e is EngineName.MICROSOFT:
                key = self._need(
                    "key", "YIWEN_MICROSOFT_KEY (or MICROSOFT_API_KEY)", "microsoft_key"
                )
                tr = _microsoft_class()(
                    source=src, target=tgt, api_key=key, region=s.get("region") or None
                )
            elif e is EngineName.BAIDU:
                appid = self._need("appid", "YIWEN_BAIDU_APPID (or BAIDU_APPID)", "baidu_appid")
                appkey = self._need("appkey", "YIWEN_BAIDU_KEY (or BAIDU_APPKEY)", "baidu_appkey")
                tr = dt.BaiduTranslator(source=src, target=tgt, appid=appid, appkey=appkey)
            elif e is EngineName.LIBRE:
                if not self.base_url:
                    raise EngineUnreachable(
                        "libre: no LibreTranslate server set: set YIWEN_LIBRE_URL "
                        "(e.g. http://localhost:5000/) or `libre_url` in [translate] of yiwen.toml"
                    )
                # deep-translator insists on a key; a self-hosted server usually needs none.
                tr = dt.LibreTranslator(
                    source=src, target=tgt, api_key=s.get("key") or "-", custom_url=self.base_url
                )
                tr.api_key = s.get("key") or None
            else:  # pragma: no cover - SPECS and this switch cover every provider
                raise EngineError(f"{self.name}: not a provider")
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(
                f"{self.name}: cannot translate {source}→{target} ({type(exc).__name__})"
            ) from None
        if self.base_url:
            url = self.base_url
            if e in (EngineName.DEEPL, EngineName.LIBRE) and not url.endswith("/"):
                url += "/"  # deep-translator appends "translate"
            tr._base_url = url
        return tr

    def _need(self, what: str, env: str, key: str) -> str:
        value = self.secrets.get(what, "")
        if not value:
            raise KeyRejected(
                f"{self.name}: no API key: set {env} or `{key}` in [translate] of yiwen.toml "
                "(keys are never taken from the command line)"
            )
        return value

    # -- errors ----------------------------------------------------------------------------
    def _answer_error(self, response: Any) -> EngineError | None:
        """Return the error hidden in an answer deep-translator accepted (HTTP status, Baidu)."""
        if response is None:
            return None
        if response.status_code >= 300:
            return self._map_error(None, response)
        if self.engine is EngineName.BAIDU:
            try:
                data = response.json()
            except ValueError:
                return None
            if isinstance(data, dict) and "error_code" in data:
                return self._baidu_error(str(data["error_code"]), str(data.get("error_msg", "")))
        if self.engine is EngineName.MYMEMORY:
            try:
                data = response.json()
            except ValueError:
                return None
            status = str(data.get("responseStatus", "200")) if isinstance(data, dict) else "200"
            if status == "429":
                return RateLimited(f"{self.name}: daily quota or rate limit reached")
            if status != "200":
                detail = str((data.get("responseData") or {}).get("translatedText", ""))[:120]
                if "LENGTH" in detail.upper():
                    return TextTooLong(f"{self.name}: {detail}")
                return BadAnswer(f"{self.name}: answered status {status}: {self.scrub(detail)}")
        return None

    def _baidu_error(self, code: str, msg: str) -> EngineError:
        what = f"{self.name}: error {code} {self.scrub(msg)[:120]}".rstrip()
        if code in _BAIDU_RATE:
            return RateLimited(f"{what} (too many requests)")
        if code in _BAIDU_RETRY:
            return EngineUnreachable(what, retryable=True)
        if code in _BAIDU_QUOTA:
            return QuotaExceeded(f"{what} (quota used up)")
        if code in _BAIDU_KEY:
            return KeyRejected(f"{what} (the app id or key was refused)")
        return BadAnswer(what)

    def _map_error(self, exc: BaseException | None, response: Any) -> EngineError:
        import requests

        name, host = self.name, self.spec.host
        if isinstance(exc, requests.exceptions.Timeout):
            t = self.timeout[1] if isinstance(self.timeout, tuple) else self.timeout
            return EngineUnreachable(
                f"{name}: {host} did not answer within {t:g} s; {ALTERNATIVES}", retryable=True
            )
        if isinstance(exc, requests.exceptions.ConnectionError):
            return EngineUnreachable(f"{name}: cannot reach {host}; {ALTERNATIVES}")
        if response is not None and response.status_code < 300:
            hidden = self._answer_error(response)
            if hidden is not None:
                return hidden
        if response is not None and response.status_code >= 300:
            status = response.status_code
            detail = self._detail(response)
            if status == 429:
                return RateLimited(
                    f"{name}: too many requests (HTTP 429){detail}",
                    _retry_after(response.headers.get("Retry-After")),
                )
            if status in (401, 403):
                return KeyRejected(f"{name}: the provider refused the key (HTTP {status}){detail}")
            if status in (402, 456):
                return QuotaExceeded(f"{name}: the key's quota is used up (HTTP {status}){detail}")
            if status in (413, 414):
                return TextTooLong(f"{name}: the request was too long (HTTP {status})")
            if status >= 500:
                return EngineUnreachable(
                    f"{name}: {host} answered HTTP {status}{detail}", retryable=True
                )
            return EngineError(f"{name}: the provider refused the request (HTTP {status}){detail}")
        kind = type(exc).__name__ if exc is not None else "no answer"
        if kind == "TooManyRequests":
            return RateLimited(f"{name}: too many requests")
        if kind == "NotValidLength":
            return TextTooLong(f"{name}: the text is longer than the provider accepts")
        if kind == "ApiKeyException":
            return KeyRejected(f"{name}: no API key")
        if isinstance(exc, ValueError):  # JSONDecodeError is a ValueError
            return BadAnswer(f"{name}: the provider's answer was not valid JSON (truncated?)")
        return BadAnswer(f"{name}: the provider's answer could not be read ({kind})")

    def _detail(self, response: Any) -> str:
        """A short, scrubbed excerpt of the provider's error text (it may echo the key)."""
        try:
            text = response.text
        except Exception:
            return ""
        text = " ".join(text.split())[:160]
        return f": {self.scrub(text)}" if text else ""

    def scrub(self, text: str) -> str:
        """Replace every secret (raw, URL-encoded) in `text` with ***."""
        for secret in self.secrets.values():
            if len(secret) < 4:
                continue
            for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
                text = text.replace(form, "***")
        return text


def _retry_after(value: str | None) -> float | None:
    """Parse Retry-After: delta-seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
