"""Writer backends: each turns a story's ``SourceDoc`` list into a ``Draft``.

A backend is a callable ``(sources: list[SourceDoc]) -> Draft`` that fills headline,
paragraphs (with per-sentence support spans), sources, category and tags, and raises
``WriterError`` when it cannot write. ``newsdesk.pipeline.write`` keeps the registry
and runs the gates; the built-ins are ``extractive`` (offline) and ``openai``.
"""


class WriterError(Exception):
    """Nothing publishable can be written from these sources; the message says why."""
