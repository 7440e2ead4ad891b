from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "newsdesk.pipeline"
    label = "pipeline"

    def ready(self) -> None:
        from django.core import checks

        from newsdesk.infra.xmlsafe import check_expat

        # At start (runserver, migrate, check, run_desk): say when expat is too old.
        checks.register(check_expat)

        from newsdesk.pipeline import runlog

        runlog.connect()  # the desk's "recent task runs"
