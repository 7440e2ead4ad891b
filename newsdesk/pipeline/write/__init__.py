"""Write stage: a story's sources -> a checked ``Draft``.

``write_story(sources, backend="extractive", require_links=True) -> Draft`` leaves out
the sources that are not articles (``reportable``: error pages, notices, link lists,
captions; listed in ``Draft.repairs``), runs the named backend on the rest, the repairs (``repair.repair``: names introduced, broken or repeated
sentences dropped), then the gates (``gates.check_draft``), and returns the draft with
``problems`` filled (empty = may auto-publish) and ``backend`` set. Raises
``WriterError`` for an unknown backend or when nothing can be written; backends may
raise it too (e.g. the LLM endpoint is unreachable or not configured).

Registry: ``register(name, fn)`` adds a backend ``fn(sources) -> Draft``;
``backends()`` lists them. The built-ins register through the same call.
``how_written(draft)`` is the reader-facing "how this was written" note.

A source's editor-set rules reach the writer on its ``SourceDoc``: its mapped category
outvotes the backend's (``categories.chosen``), and ``quote_at_length`` widens the
extractive writer's copy allowance for that source (``copying.copy_allowance``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from newsdesk.pipeline.types import Draft, SourceDoc
from newsdesk.pipeline.write import extractive, gates, openai
from newsdesk.pipeline.write.backend import WriterError
from newsdesk.pipeline.write.categories import chosen
from newsdesk.pipeline.write.outlets import credit_labels
from newsdesk.pipeline.write.repair import repair
from newsdesk.pipeline.write.reportable import not_an_article

__all__ = ["WriterError", "backends", "how_written", "register", "write_story"]

Backend = Callable[[list[SourceDoc]], Draft]
_REGISTRY: dict[str, Backend] = {}


def register(name: str, fn: Backend) -> None:
    """Add (or replace) the backend called ``name``."""
    _REGISTRY[name] = fn


def backends() -> dict[str, Backend]:
    """name -> backend callable, for every registered writer."""
    return dict(_REGISTRY)


register("extractive", extractive.write)
register("openai", openai.write)


def write_story(
    sources: list[SourceDoc], backend: str = "extractive", require_links: bool = True
) -> Draft:
    """Draft for ``sources`` by ``backend``, with the gates' problems (see module note)."""
    if not sources:
        raise WriterError("no sources to write from")
    fn = _REGISTRY.get(backend)
    if fn is None:
        raise WriterError(
            f"unknown writer backend {backend!r}; known: {', '.join(sorted(_REGISTRY))}"
        )
    # only articles are reports: an error page or a caption is neither used nor credited
    left_out = [(d, not_an_article(d.text)) for d in sources]
    articles = [d for d, why in left_out if not why]
    if not articles:
        raise WriterError("no source reads as an article: " + ", ".join(w for _d, w in left_out))
    notes = [
        f"left out source {d.article_id} ({d.outlet or 'no outlet'}): {why}"
        for d, why in left_out
        if why
    ]
    # every backend's draft gets the same repairs, then the same gates
    draft = repair(fn(articles), articles)
    category = chosen([d.category for d in articles], draft.category)
    draft = replace(draft, repairs=[*notes, *draft.repairs], category=category)
    sources = articles
    problems = list(draft.problems) + gates.check_draft(draft, list(sources), require_links)
    problems += gates.length_problems(draft)
    return replace(draft, backend=backend, problems=problems)


def how_written(draft: Draft) -> str:
    """One paragraph for readers on how the article was produced and checked."""
    names = list(dict.fromkeys(credit_labels(draft.sources).values()))
    method = (
        "newsdesk's offline extractive writer, which selects and attributes sentences "
        "that the reports agree on"
        if draft.backend == "extractive"
        else "a language model given the numbered sentences of the reports"
    )
    held = " An editor reviewed it before publication." if draft.problems else ""
    return (
        f"This article was written automatically by {method}, from {len(names)} "
        f"report{'s' if len(names) != 1 else ''} ({', '.join(names)}). Every sentence "
        "is linked to the source sentences that support it; quotations were checked word "
        f"for word against the sources, and every outlet used is credited.{held}"
    )
