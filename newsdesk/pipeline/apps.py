from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "newsdesk.pipeline"
    label = "pipeline"

    def ready(self) -> None:
        from newsdesk.pipeline import runlog

        runlog.connect()  # the desk's "recent task runs"
