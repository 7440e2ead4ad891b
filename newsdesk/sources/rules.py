"""A source's editorial rules, applied to each extracted article (flows.process_article).

refusal(source, title, text) -> None when the article may go on to clustering, else the
reason: a block keyword in the title or body, or none of the keep keywords there (when
the source has keep keywords). Keywords match whole words, case-insensitively, so
"art" does not keep "start". Pure: no database access.
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
