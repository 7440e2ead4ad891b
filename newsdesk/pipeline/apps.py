import os

from django.apps import AppConfig
from django.core import checks as django_checks


def check_unknown_variables(app_configs=None, **kwargs) -> list:
    from newsdesk.infra.config import unknown_variables

    return [
        django_checks.Warning(
            f"{name} is set but newsdesk has no such setting",
            hint=f"Did you mean {close}?" if close else "See docs/configuration.md.",
            id="newsdesk.W002",
        )
        for name, close in unknown_variables(os.environ)
    ]


class PipelineConfig(AppConfig):
    name = "newsdesk.pipeline"
    label = "pipeline"

    def ready(self) -> None:
        from django.core import checks

        from newsdesk.infra.xmlsafe import check_expat

        # At start (runserver, migrate, check, run_desk): say when expat is too old, and
        # name any NEWSDESK_* variable that nothing reads (a typo), with the closest one.
        checks.register(check_expat)
        checks.register(check_unknown_variables)

        from newsdesk.pipeline import runlog

        runlog.connect()  # the desk's "recent task runs"
