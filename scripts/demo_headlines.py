"""Print the extractive writer's headline and category for every demo-corpus story.

    PYTHONPATH=$PWD python scripts/demo_headlines.py [--json OUT]

One line per story: story label, the sections the outlets filed it under, our
category, the headline. Offline; reads only the bundled corpus.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from newsdesk.demo.corpus import load_corpus
from newsdesk.pipeline.types import SourceDoc
from newsdesk.pipeline.write import WriterError, write_story


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    rows = []
    for story, articles in load_corpus().stories.items():
        docs = [
            SourceDoc(
                article_id=i, outlet=a.outlet_name, url=a.original_url, title=a.title, text=a.text
            )
            for i, a in enumerate(articles, 1)
        ]
        sections = Counter(a.section for a in articles).most_common()
        try:
            draft = write_story(docs)
            row = {
                "story": story,
                "sections": sections,
                "category": draft.category,
                "headline": draft.headline,
                "problems": draft.problems,
            }
        except WriterError as exc:
            row = {
                "story": story,
                "sections": sections,
                "category": "",
                "headline": f"(not written: {exc})",
            }
        rows.append(row)
        print(
            f"{story:12} {draft.category if row['category'] else '-':13} {row['headline']}  [{sections}]"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, indent=1)


if __name__ == "__main__":
    main()
