"""A source's editorial rules. Pure: no database access.

refusal(source, title, text) -> None when the article may go on to clustering, else the
reason: a block keyword in the title or body, or none of the keep keywords there (when
the source has keep keywords). Keywords match whole words, case-insensitively, so
"art" does not keep "start". Applied to each extracted article (flows.process_article).

category_for(category_map, feed_categories) -> our category name for an item, or "":
the first of the item's feed categories (in the feed's order) that the source's map
names, compared case- and spacing-blind. Read by ``Article.as_doc``; the writer lets
the sources' mapped categories choose the piece's category (``pipeline/write``).
The ``quote_at_length`` flag is read there too (the extractive writer's copy allowance).
"""

import re


def _mentions(keyword: str, haystack: str) -> bool:
    words = keyword.strip()
    return (
        bool(words) and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", haystack, re.I) is not None
    )


def refusal(source, title: str, text: str) -> str | None:
    haystack = f"{title}\n{text}"
    for word in source.block_keywords or []:
        if _mentions(str(word), haystack):
            return f"skipped by the source's rules: it mentions the blocked keyword {word!r}"
    keep = [str(w) for w in source.keep_keywords or [] if str(w).strip()]
    if keep and not any(_mentions(w, haystack) for w in keep):
        return f"skipped by the source's rules: none of the keep keywords ({', '.join(keep)})"
    return None


def _key(text) -> str:
    return " ".join(str(text).split()).casefold()


def category_for(category_map, feed_categories) -> str:
    """Our category for an item with ``feed_categories`` under the source's map."""
    if not isinstance(category_map, dict) or not isinstance(feed_categories, list | tuple):
        return ""  # an admin-edited map of the wrong shape maps nothing (Source.clean says so)
    ours = {_key(k): " ".join(str(v).split()) for k, v in category_map.items() if str(v).strip()}
    for term in feed_categories:
        if _key(term) in ours:
            return ours[_key(term)]
    return ""
