"""Also found (issue 13): a path traversal attempt on static files answered 500; under
``runserver --insecure`` (the embedded default) it is now a 400, a missing file a 404."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import get_commands, load_command_class
from django.test import RequestFactory

from newsdesk.web.statichandler import GuardedStaticFilesHandler


def _status(handler, path: str) -> str:
    environ = RequestFactory().get("/").environ
    environ["PATH_INFO"] = path
    seen = []
    handler(environ, lambda status, headers, *rest: seen.append(status))
    return seen[0]


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/static/../../etc/passwd", "400"),
        ("/static/web/../../../../etc/passwd", "400"),
        ("/static/..\\..\\x", "400"),
        ("/static//etc/passwd", "400"),
        ("/static/a\x00b", "400"),
        ("/static/web/no-such-file.css", "404"),
        ("/static/web/site.css", "200"),
    ],
)
@pytest.mark.django_db
def test_static_traversal_is_a_400_not_a_500(path, expected):
    assert _status(GuardedStaticFilesHandler(WSGIHandler()), path).startswith(expected)


def test_runserver_insecure_uses_the_guarded_handler():
    assert get_commands()["runserver"] == "newsdesk.web"
    command = load_command_class("newsdesk.web", "runserver")
    handler = command.get_handler(use_static_handler=True, insecure_serving=True)
    assert isinstance(handler, GuardedStaticFilesHandler)


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/static/../../etc/passwd", ("400", "404")),
        ("/static/web/../../../../etc/passwd", ("400", "404")),
        ("/static/a\x00b", ("400", "404")),
        ("/static/web/no-such-file.css", ("404",)),
    ],
)
@pytest.mark.django_db
def test_production_server_static_paths_never_500(path, expected):
    """What gunicorn serves (run_desk and scale-out): WhiteNoise, then the site's 404."""
    from newsdesk.wsgi import application

    assert _status(application, path)[:3] in expected


@pytest.mark.django_db
def test_production_server_serves_site_css_with_a_cache_lifetime():
    from newsdesk.wsgi import application

    environ = RequestFactory().get("/static/web/site.css").environ
    seen = []
    body = b"".join(application(environ, lambda s, h, *r: seen.append((s, dict(h)))))
    status, headers = seen[0]
    assert status.startswith("200") and b"{" in body
    assert "max-age=3600" in headers["Cache-Control"]


@pytest.mark.django_db
def test_collected_site_css_is_served_gzipped(tmp_path, settings):
    """What run_desk's collectstatic makes: a gzip copy that WhiteNoise answers with."""
    import gzip

    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "web" / "site.css.gz").exists()
    application = WSGIHandler()  # its WhiteNoise reads the new STATIC_ROOT
    environ = RequestFactory().get("/static/web/site.css", HTTP_ACCEPT_ENCODING="gzip").environ
    seen = []
    body = b"".join(application(environ, lambda s, h, *r: seen.append((s, dict(h)))))
    status, headers = seen[0]
    assert status.startswith("200") and headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"] and "max-age=3600" in headers["Cache-Control"]
    assert gzip.decompress(body) == (tmp_path / "web" / "site.css").read_bytes()
