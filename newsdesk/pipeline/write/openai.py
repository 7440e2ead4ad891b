"""LLM writer for any OpenAI-compatible chat endpoint (vLLM, llama.cpp server, Ollama).

``write(sources, config=None) -> Draft``:
1. number the source sentences (``llm_prompt.numbered``); sources that do not fit the
   input limit are left out whole and the draft says so in ``problems`` (so it waits
   for an editor) - the input is never cut silently;
2. POST ``/chat/completions`` through ``lib.http.post_json`` (the one module allowed to
   connect), with the configured deadline, retrying failed calls and unusable replies;
3. map the cited numbers back to spans; the gates (run by ``write_story``) then check
   every sentence, quote, headline and credit.
Configuration: ``LLMConfig`` fields, defaulting to settings LLM_BASE_URL, LLM_MODEL,
LLM_API_KEY and LLM_TIMEOUT_S (env NEWSDESK_LLM_*). Raises ``WriterError`` when the
endpoint is not configured, stays unreachable, or never returns a usable draft.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from newsdesk.infra import http
from newsdesk.pipeline.types import Draft, SourceDoc
from newsdesk.pipeline.write.backend import WriterError
from newsdesk.pipeline.write.categories import CATEGORIES, categorize, tags
from newsdesk.pipeline.write.llm_prompt import messages, numbered, parse_reply


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str
    api_key: str = ""
    timeout_s: float = 120.0
    retries: int = 2  # extra attempts after the first
    backoff_s: float = 1.0  # doubled after each failed attempt
    max_input_chars: int = 24000  # about 6k tokens of numbered sentences
    temperature: float = 0.2
    max_tokens: int = 1500


def config_from_settings() -> LLMConfig:
    """``LLMConfig`` from Django settings (NEWSDESK_LLM_* environment variables)."""
    from django.conf import settings

    return LLMConfig(
        base_url=settings.LLM_BASE_URL,
        model=settings.LLM_MODEL,
        api_key=settings.LLM_API_KEY,
        timeout_s=float(settings.LLM_TIMEOUT_S),
    )


def _complete(config: LLMConfig, msgs: list[dict]) -> tuple[str, str]:
    """(content, finish_reason) of one chat completion; raises FetchError/ValueError."""
    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    payload = {
        "model": config.model,
        "messages": msgs,
        "temperature": config.temperature,
        "max_tokens": config.max_tokens,
        "response_format": {"type": "json_object"},
    }
    reply = http.post_json(
        config.base_url.rstrip("/") + "/chat/completions",
        payload,
        headers=headers,
        deadline_s=config.timeout_s,
        trusted=True,
    )
    try:
        choice = reply["choices"][0]
        return str(choice["message"]["content"]), str(choice.get("finish_reason") or "")
    except (KeyError, IndexError, TypeError):
        raise ValueError("reply is not a chat completion") from None


def _ask(config: LLMConfig, num) -> tuple[dict, str]:
    errors = []
    for attempt in range(config.retries + 1):
        if attempt:
            time.sleep(config.backoff_s * 2 ** (attempt - 1))
        try:
            content, finish = _complete(config, messages(num))
            parsed = parse_reply(content, num)
            if parsed["paragraphs"]:
                return parsed, finish
            errors.append("reply had no sentences")
        except http.FetchError as exc:
            errors.append(str(exc))
        except ValueError as exc:
            errors.append(f"unusable reply: {exc}")
    raise WriterError(
        f"LLM writer failed after {config.retries + 1} attempts: " + "; ".join(errors)
    )


def write(sources: list[SourceDoc], config: LLMConfig | None = None) -> Draft:
    """Draft written by the configured model (see module note)."""
    config = config or config_from_settings()
    if not config.base_url or not config.model:
        raise WriterError(
            "LLM writer not configured: set NEWSDESK_LLM_BASE_URL and NEWSDESK_LLM_MODEL"
        )
    if not sources:
        raise WriterError("no sources to write from")
    num = numbered(sources, config.max_input_chars)
    parsed, finish = _ask(config, num)
    problems = []
    if num.left_out:
        problems.append(
            f"input limit: {len(num.left_out)} of {len(sources)} sources were left out "
            f"(over {config.max_input_chars} characters): "
            + ", ".join(str(d.article_id) for d in num.left_out)
        )
    if finish == "length":
        problems.append("model output was cut at its length limit")
    cited = {sp.article_id for p in parsed["paragraphs"] for s in p for sp in s.support}
    body = " ".join(s.text for p in parsed["paragraphs"] for s in p)
    category = parsed["category"] if parsed["category"] in CATEGORIES else categorize(body)
    return Draft(
        headline=parsed["headline"],
        paragraphs=parsed["paragraphs"],
        sources=[d for d in num.used if d.article_id in cited],
        category=category,
        tags=parsed["tags"] if len(parsed["tags"]) >= 3 else tags([d.text for d in num.used]),
        backend="openai",
        problems=problems,
    )
