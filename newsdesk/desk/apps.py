from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "newsdesk.desk"
    label = "desk"

    def ready(self) -> None:
        from django.conf import settings
        from django.contrib import admin

        from newsdesk.desk.api import schema  # noqa: F401  (registers the token scheme)

        # The admin is the editors' desk; name it after the site, not after Django.
        admin.site.site_header = f"{settings.SITE_NAME} desk"
        admin.site.site_title = f"{settings.SITE_NAME} desk"
        admin.site.index_title = "Editorial desk (review queue at /desk/)"
