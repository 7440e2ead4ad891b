"""Template context shared by every public page."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """Site name and URL, plus a lazy queryset of categories for the nav and sidebar.

    The queryset runs only when a template iterates it, so admin pages pay nothing.
    """
    from newsdesk.stories.models import Category

    nav = Category.objects.filter(storyarticle__status="published").distinct().order_by("name")
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, "nav_categories": nav}
