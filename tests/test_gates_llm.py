"""The gates against a local fake OpenAI-compatible server that writes wrong drafts.

The fake server reads the numbered sentences newsdesk sends, and answers with a draft
built from them: a correct one, or one with a single deliberate fault. Each fault must
be caught, with the right reason, and the draft held (problems non-empty).
"""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsdesk.pipeline.types import SourceDoc
from newsdesk.pipeline.write import WriterError, write_story
from newsdesk.pipeline.write import openai as llm

FIXTURE = Path(__file__).parent.parent / "testdata" / "write" / "fire_story.json"


def _sources() -> list[SourceDoc]:
    return [SourceDoc(**d) for d in json.loads(FIXTURE.read_text())["sources"]]


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        status, content, finish = self.server.respond(body)
        if status != 200:
            self.send_response(status)
            self.end_headers()
            return
        reply = {
            "choices": [
                {"message": {"role": "assistant", "content": content}, "finish_reason": finish}
            ]
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_llm():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.requests, server.script = [], []
    # Default: answer from the script, in order; a test may set ``respond`` itself.
    server.respond = lambda body: server.script.pop(0) if server.script else (500, "", "")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def configured(fake_llm, settings):
    settings.LLM_BASE_URL = f"http://127.0.0.1:{fake_llm.server_port}/v1"
    settings.LLM_MODEL = "fake-model"
    settings.LLM_API_KEY = "secret-key"
    return fake_llm


def _number_of(prompt: str, fragment: str) -> int:
    for line in prompt.splitlines():
        m = re.match(r"\[(\d+)\] (.*)", line)
        if m and fragment in m.group(2):
            return int(m.group(1))
    raise AssertionError(f"{fragment!r} not in the prompt")


def _draft(prompt: str, fault: str = "") -> str:
    """A JSON draft citing the prompt's sentence numbers, with at most one fault."""
    n_fire = _number_of(prompt, "injured 12 people")
    n_owner = _number_of(prompt, "belongs to Carrow Logistics")
    n_quote = _number_of(prompt, "It spread very fast")
    n_lucky = _number_of(prompt, "We were lucky")
    people = "15" if fault == "number" else "12"
    quote = (
        "We expect more arrests soon"
        if fault == "quote"
        else "It spread very fast through the packaging"
    )
    owner = "The warehouse" if fault == "uncredited" else "Reuters reported that the warehouse"
    speaker = "said Mayor Peter Hale" if fault == "speaker" else "said fire chief Maria Lopez"
    headline = (
        "Dunmore mayor resigns after 40 die in warehouse fire"
        if fault == "headline"
        else "Fire at Carrow Logistics warehouse in Dunmore injures people"
    )
    paragraphs = [
        [
            {
                "text": f"A fire at a warehouse in the town of Dunmore injured {people} people on Tuesday, BBC News reported.",
                "cites": [n_fire],
            }
        ],
        [
            {
                "text": f"{owner} belongs to Carrow Logistics, a regional delivery company with 300 employees.",
                "cites": [n_owner],
            }
        ],
        [
            {"text": f"\u201c{quote},\u201d Lopez told Smalltownpost.", "cites": [n_quote]},
            {
                "text": f'"We were lucky that the night shift was small," {speaker}, according to BBC News.',
                "cites": [n_lucky],
            },
        ],
    ]
    if fault == "furniture":  # page furniture glued to a cited sentence (issue 16)
        paragraphs[1].append(
            {
                "text": "First Posted: 10/25/11 06:44 PM ET Updated: 12/25/11 05:12 AM ET "
                "The warehouse belongs to Carrow Logistics, Reuters reported.",
                "cites": [n_owner],
            }
        )
    return json.dumps(
        {
            "headline": headline,
            "paragraphs": paragraphs,
            "category": "Disasters",
            "tags": ["Dunmore", "Carrow Logistics", "Maria Lopez"],
        }
    )


def _run(server, fault: str):
    """write_story through the fake server, which drafts from the prompt it receives."""
    server.respond = lambda body: (200, _draft(body["messages"][-1]["content"], fault), "stop")
    return write_story(_sources(), backend="openai")


def test_correct_llm_draft_passes_every_gate(configured):
    draft = _run(configured, "")
    assert draft.problems == []
    # the same repairs as the offline writer: "Lopez" is introduced by her full name
    assert "Maria Lopez told Smalltownpost" in draft.body_text
    assert draft.repairs == ["named sentence 3's Lopez as Maria Lopez"]
    assert draft.backend == "openai"
    assert {d.article_id for d in draft.sources} == {11, 12, 13}
    request = configured.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer secret-key"
    prompt = request["body"]["messages"][-1]["content"]
    assert "[1] A fire at a warehouse" in prompt and "Source: Reuters" in prompt
    assert "cite" in request["body"]["messages"][0]["content"]


@pytest.mark.parametrize(
    ("fault", "reason", "detail"),
    [
        ("quote", "quote not verbatim", "We expect more arrests soon"),
        ("speaker", "speaker mismatch", "Mayor Peter Hale"),
        ("uncredited", "uncredited outlet", "Reuters"),
        ("headline", "headline unsupported", "40"),
    ],
)
def test_wrong_llm_draft_is_held_with_the_reason(configured, fault, reason, detail):
    draft = _run(configured, fault)
    assert draft.problems, "a faulty draft must not be publishable"
    matching = [p for p in draft.problems if p.startswith(reason)]
    assert matching, draft.problems
    assert any(detail in p for p in matching), matching
    # The fault may also break support (an invented quote is unsupported too), nothing else.
    assert {p.split(":")[0] for p in draft.problems} <= {reason, "unsupported"}, draft.problems


def _config(server, **kw) -> llm.LLMConfig:
    return llm.LLMConfig(
        base_url=f"http://127.0.0.1:{server.server_port}/v1", model="m", backoff_s=0, **kw
    )


def test_retries_after_an_unusable_reply(fake_llm):
    replies = [
        lambda prompt: (200, "this is not json", "stop"),
        lambda prompt: (503, "", ""),
        lambda prompt: (200, _draft(prompt), "stop"),
    ]
    fake_llm.respond = lambda body: replies[len(fake_llm.requests) - 1](
        body["messages"][-1]["content"]
    )
    draft = llm.write(_sources(), _config(fake_llm, retries=3))
    assert len(fake_llm.requests) == 3
    assert draft.headline == "Fire at Carrow Logistics warehouse in Dunmore injures people"


def test_gives_up_with_a_clear_error(fake_llm):
    fake_llm.script += [(500, "", ""), (500, "", "")]
    with pytest.raises(WriterError, match="after 2 attempts.*HTTP 500"):
        llm.write(_sources(), _config(fake_llm, retries=1))


def test_unconfigured_endpoint_refuses(settings):
    settings.LLM_BASE_URL = ""
    with pytest.raises(WriterError, match="not configured"):
        write_story(_sources(), backend="openai")


def test_input_over_the_limit_is_said_not_silently_cut(fake_llm):
    sources = _sources()
    limit = len(sources[0].text) + 400  # room for the first source only
    fake_llm.script.append(
        (
            200,
            json.dumps(
                {
                    "headline": "Fire in Dunmore injures 12 people",
                    "paragraphs": [
                        [
                            {
                                "text": "A fire at a warehouse in the town of Dunmore injured 12 people on Tuesday, BBC News reported.",
                                "cites": [1],
                            }
                        ]
                    ],
                }
            ),
            "length",
        )
    )
    draft = llm.write(sources, _config(fake_llm, max_input_chars=limit))
    prompt = fake_llm.requests[0]["body"]["messages"][-1]["content"]
    assert "Reuters" not in prompt and sources[0].text.splitlines()[0] in prompt
    assert any("2 of 3 sources were left out" in p for p in draft.problems)
    assert any("length limit" in p for p in draft.problems)
    with pytest.raises(WriterError, match="refusing to truncate"):
        llm.write(sources, _config(fake_llm, max_input_chars=100))


def test_llm_page_furniture_is_dropped_by_the_same_repairs(configured):
    draft = _run(configured, "furniture")
    assert draft.problems == []
    assert "First Posted" not in draft.body_text
    assert "dropped sentence 3: furniture: time_stamp" in draft.repairs


def test_llm_changed_figure_is_dropped_by_the_same_repairs(configured):
    # the model wrote 15 where its cited sentence says 12: the sentence goes, never the page
    draft = _run(configured, "number")
    assert "dropped sentence 1: number changed: 15 not in its cited span" in draft.repairs
    assert "15 people" not in draft.body_text
    assert not [p for p in draft.problems if p.startswith(("unsupported", "number"))]
