"""``newsdesk bench extract``: article-body extraction on the Scrapinghub benchmark layout.

Input: ``--data DIR`` with ``html/<id>.html.gz`` (UTF-8) and ``ground-truth.json``
(``{id: {"articleBody", "url"}}``), optionally ``--ids FILE`` (one id a line).
Output: a dict of corpus figures for newsdesk's extractor (``f1``, ``precision``,
``recall``, ``accuracy``, ``empty``, ``n``, ``ms_median``, ``ms_total`` and their
bootstrap ``*_std``), ``baseline`` with the same keys for trafilatura run in the same
process on the same pages, ``compare`` for any extra extractors, ``per_doc`` scores,
metadata figures (``date_*``, ``authors_found``, ``gold_*`` with ``--meta-gold``;
see ``_extract_meta``), and ``floor_failures`` when ``--floor FILE`` is given and a
figure falls below it.
Pages are decoded before timing; extractors run interleaved page by page so that
machine noise hits them alike.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from newsdesk.bench._extract_meta import score_metadata
from newsdesk.pipeline.extract.shingles import DocScore, bootstrap_std, corpus_metrics, score_doc

NAME = "extract"
HELP = "Article-body extraction F1 (word 4-gram shingles) against trafilatura"

Extractor = Callable[[str, str], str]


def _trafilatura(**kwargs) -> Extractor:
    import trafilatura

    def run(html: str, url: str) -> str:
        return trafilatura.extract(html, include_comments=False, **kwargs) or ""

    return run


class _Newsdesk:
    """newsdesk's extractor; keeps each page's ExtractedArticle for the metadata figures."""

    def __init__(self) -> None:
        self.articles: dict[int, object] = {}  # id() of the page's html str -> article

    def __call__(self, html: str, url: str) -> str:
        from newsdesk.pipeline.extract import ExtractionError, extract

        try:
            article = extract(html, url)
        except ExtractionError:
            self.articles[id(html)] = None
            return ""
        self.articles[id(html)] = article
        return article.text


EXTRACTORS: dict[str, Callable[[], Extractor]] = {
    "newsdesk": _Newsdesk,
    "trafilatura": lambda: _trafilatura(),
    "trafilatura-fast": lambda: _trafilatura(fast=True),
    "trafilatura-precision": lambda: _trafilatura(favor_precision=True),
}


def _names(value: str) -> str:
    """argparse type for --compare: known extractor names, comma-separated."""
    unknown = [n for n in value.split(",") if n.strip() and n.strip() not in EXTRACTORS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown extractor(s): {', '.join(unknown)}")
    return value


def add_arguments(parser) -> None:
    """Options of ``newsdesk bench extract`` (``--json`` is added by the command)."""
    parser.add_argument("--data", required=True, help="benchmark folder (html/, ground-truth.json)")
    parser.add_argument("--ids", default=None, help="file with the page ids to use, one a line")
    others = sorted(name for name in EXTRACTORS if name != "newsdesk")
    parser.add_argument("--baseline", default="trafilatura", choices=others)
    parser.add_argument(
        "--compare",
        default="",
        type=_names,
        help="extra extractors, comma-separated: " + ", ".join(others),
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per page; time = fastest")
    parser.add_argument("--floor", default=None, help="JSON {metric: minimum} to enforce")
    parser.add_argument("--meta-gold", default=None, help="JSON {id: {date, authors}} to check")


def load_pages(
    data: str | Path, ids_file: str | Path | None = None
) -> list[tuple[str, str, str, str]]:
    """(id, url, html, truth) for each page, in id order; missing pages raise FileNotFoundError."""
    root = Path(data)
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    if ids_file:
        ids = [line.strip() for line in Path(ids_file).read_text().splitlines() if line.strip()]
    pages = []
    for page_id in ids:
        raw = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        entry = truth[page_id]
        pages.append((page_id, entry.get("url", ""), raw.decode("utf-8"), entry["articleBody"]))
    return pages


def evaluate(pages, extractors: dict[str, Extractor], repeat: int = 1) -> dict[str, dict]:
    """Run every extractor on every page (interleaved); name -> figures incl. per_doc."""
    scores: dict[str, list[DocScore]] = {name: [] for name in extractors}
    times: dict[str, list[float]] = {name: [] for name in extractors}
    per_doc: dict[str, dict] = {name: {} for name in extractors}
    for page_id, url, html, truth in pages:
        for name, func in extractors.items():
            best, text = float("inf"), ""
            for _ in range(max(1, repeat)):
                start = time.perf_counter()
                text = func(html, url)
                best = min(best, time.perf_counter() - start)
            score = score_doc(text, truth)
            scores[name].append(score)
            times[name].append(best * 1000)
            per_doc[name][page_id] = [round(score.precision, 4), round(score.recall, 4)]
    figures = {}
    for name in extractors:
        result = corpus_metrics(scores[name])
        result.update(bootstrap_std(scores[name]))
        result["ms_median"] = statistics.median(times[name]) if times[name] else 0.0
        result["ms_total"] = sum(times[name])
        result["per_doc"] = per_doc[name]
        figures[name] = result
    return figures


def check_floor(result: dict, floor: dict) -> list[str]:
    """Messages for each figure below its recorded minimum ("max_empty" caps empties)."""
    failures = []
    for key, minimum in floor.items():
        if key.startswith("_"):  # comments such as "_about"
            continue
        if key == "max_empty":
            if result.get("empty", 0) > minimum:
                failures.append(f"empty {result.get('empty')} > {minimum}")
        elif key in result and result[key] < minimum:
            failures.append(f"{key} {result[key]:.4f} < floor {minimum}")
    return failures


def run(options: dict) -> dict:
    """Score newsdesk, the baseline and any --compare extractors; see module docstring."""
    import trafilatura

    pages = load_pages(options["data"], options.get("ids"))
    names = ["newsdesk", options.get("baseline") or "trafilatura"]
    names += [n.strip() for n in (options.get("compare") or "").split(",") if n.strip()]
    extractors = {name: EXTRACTORS[name]() for name in dict.fromkeys(names)}
    figures = evaluate(pages, extractors, options.get("repeat") or 1)
    result = figures.pop("newsdesk")
    gold = json.loads(Path(options["meta_gold"]).read_text()) if options.get("meta_gold") else None
    kept = extractors["newsdesk"].articles
    articles = {pid: kept.get(id(html)) for pid, _, html, _ in pages}
    result.update(score_metadata(articles, {p[0]: p[1] for p in pages}, gold))
    result["baseline"] = figures.pop(names[1])
    result["baseline"]["name"] = names[1]
    result["compare"] = figures
    for name, other in figures.items():  # flat copies so the printed table shows them
        for key in ("f1", "precision", "recall", "empty", "ms_median"):
            result[f"{name}:{key}"] = other[key]
    result["ms_ratio"] = result["ms_median"] / (result["baseline"]["ms_median"] or 1.0)
    result["trafilatura_version"] = trafilatura.__version__
    if options.get("floor"):
        floor = json.loads(Path(options["floor"]).read_text())
        result["floor_failures"] = check_floor(result, floor)
    return result
