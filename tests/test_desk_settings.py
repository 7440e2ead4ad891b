"""Site settings in the desk: stored in the database, shown by the public site."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from newsdesk.comments.models import Comment
from newsdesk.desk.models import SiteSettings
from tests.factories import comment_form, make_category, make_story_article, make_user

pytestmark = pytest.mark.django_db


def _save(client, **changes):
    data = {
        "name": "The Harbour Times",
        "logo_url": "https://cdn.example/logo.png",
        "accent_colour": "#004488",
        "text_colour": "#111111",
        "comment_policy": "moderated",
        **changes,
    }
    return client.post(reverse("desk:settings"), data)


def test_an_administrator_sets_name_logo_colours_and_menu(client):
    world = make_category("World")
    make_category("Sport")
    client.force_login(make_user("administrator"))
    assert _save(client, menu_categories=[world.id]).status_code == 302
    home = client.get("/").content.decode()
    assert "The Harbour Times" in home and "https://cdn.example/logo.png" in home
    # The colours come as a stylesheet from our origin: the site's CSP refuses inline styles
    sheet = re.search(r'<link rel="stylesheet" href="(/look\.css\?v=\d+)">', home).group(1)
    assert (
        "<style" not in home and "'unsafe-inline'" not in client.get("/")["Content-Security-Policy"]
    )
    look = client.get(sheet)
    assert look["Content-Type"].startswith("text/css") and "immutable" in look["Cache-Control"]
    assert look.content.decode() == ":root { --accent: #004488; --ink: #111111; }\n"
    # saved again at once with another colour: a new URL, so no browser keeps the old sheet
    assert _save(client, accent_colour="#aa0000").status_code == 302
    again = re.search(r'href="(/look\.css\?v=\d+)"', client.get("/").content.decode()).group(1)
    assert again != sheet and "#aa0000" in client.get(again).content.decode()
    assert "immutable" in client.get(again)["Cache-Control"]
    assert 'href="/category/world/"' in home and 'href="/category/sport/"' not in home


@pytest.mark.parametrize(
    ("field", "value"),
    [("accent_colour", "red; background: url(x)"), ("logo_url", "http://cdn.example/a.png")],
)
def test_bad_settings_are_refused_with_a_reason_and_nothing_saved(client, field, value):
    client.force_login(make_user("administrator"))
    response = _save(client, **{field: value})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not SiteSettings.objects.exists()


def test_closed_comments_store_nothing(client):
    piece = make_story_article("Quiet piece")
    client.force_login(make_user("administrator"))
    _save(client, comment_policy="closed")
    client.logout()
    page = client.get(piece.get_absolute_url()).content.decode()
    assert "Comments are closed." in page and "Leave a Comment" not in page
    client.post(piece.get_absolute_url(), comment_form(piece, body="Hello"))
    assert not Comment.objects.exists()


@pytest.mark.parametrize("role", ["editor", "contributor", "moderator", "staff"])
def test_F5_only_administrators_change_site_settings(client, role):
    client.force_login(make_user(None if role == "staff" else role))
    assert _save(client).status_code == 403
    assert not SiteSettings.objects.exists()


def test_only_colours_reach_the_stylesheet_and_a_save_changes_its_url(client):
    row = SiteSettings.objects.create(accent_colour="red;}body{display:none", text_colour="#123456")
    assert (
        client.get("/look.css").content.decode() == ":root { --accent: #b31b1b; --ink: #123456; }\n"
    )
    assert client.get("/look.css?v=1")["Cache-Control"] == "no-cache"  # not this save's URL
    first = re.search(r"/look\.css\?v=\d+", client.get("/").content.decode()).group(0)
    SiteSettings.objects.filter(pk=row.pk).update(updated_at=row.updated_at + timedelta(seconds=5))
    assert re.search(r"/look\.css\?v=\d+", client.get("/").content.decode()).group(0) != first
