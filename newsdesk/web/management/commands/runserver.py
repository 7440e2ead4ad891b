"""``runserver``: staticfiles' development server with the guarded static handler.

It wins over ``django.contrib.staticfiles``' command because ``newsdesk.web`` is listed
before it in INSTALLED_APPS.
"""

from django.contrib.staticfiles.management.commands.runserver import Command as StaticRunserver

from newsdesk.web.statichandler import GuardedStaticFilesHandler


class Command(StaticRunserver):
    def get_handler(self, *args, **options):
        handler = super().get_handler(*args, **options)
        if isinstance(handler, GuardedStaticFilesHandler) or not hasattr(handler, "application"):
            return handler
        return GuardedStaticFilesHandler(handler.application)
