"""Schemathesis against the schema the app serves: no 5xx, every response matches it.

Runs in-process against the WSGI application (no socket), as an editor with a token so
the write endpoints are exercised too. POST /sources/ is left out: with a generated URL
and no kind it would try to discover a feed on the internet; tests/test_api*.py and
test_ingest_sources.py cover it against local servers.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.factories import (
    make_article,
    make_category,
    make_comment,
    make_story_article,
    make_tag,
    make_token,
    make_user,
)

CHECKS = [schemathesis.checks.not_a_server_error, response_schema_conformance]
CHECKS.append(content_type_conformance)


@pytest.fixture
def served_schema(db, settings):
    settings.API_RATES = {"address": "100000/min", "token": "100000/min"}
    cache.clear()
    live = make_story_article(
        "Live", category=make_category("World"), tags=[make_tag("Rain")], sources=[make_article()]
    )
    make_comment(live, status="approved")
    make_story_article("Held", status="draft")
    make_story_article("Gone", status="retracted", retraction_reason="Wrong.")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    return schema.exclude(path="/api/v1/sources/", method="POST")


@pytest.fixture
def editor_token(db):
    return make_token(make_user("editor"))


def test_api_answers_as_its_schema_says(served_schema, editor_token):
    # One hypothesis run per operation (schemathesis' pytest plugin needs an older pytest).
    headers = {"Authorization": f"Bearer {editor_token}"}
    operations = [result.ok() for result in served_schema.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=15,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def answers_as_documented(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        answers_as_documented()
