"""Demo mode: a bundled corpus of real news articles (ECB+, CC BY 3.0) and a local replay
server that publishes them as outlet feeds and article pages on 127.0.0.1, so the demo
runs through the same fetch -> parse -> extract path as a real source.

    corpus.py   typed Outlet / Article / Corpus, load_corpus()
    feeds.py    RSS 2.0, Atom and JSON Feed documents per outlet
    pages.py    article pages with page furniture (three layouts in templates/)
    server.py   DemoServer (ThreadingHTTPServer), python -m newsdesk.demo.server
"""
