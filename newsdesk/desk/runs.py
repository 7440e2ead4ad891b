"""GET /desk/runs/: recent pipeline task runs (pipeline.view_taskrun).
POST /desk/runs/: re-run a step for one article (fetch and extract again) or one story
(write again); needs stories.change_story. The step is queued like any other, so the
run shows up in the log when the worker has done it.
"""

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from newsdesk.articles.models import Article
from newsdesk.desk.access import desk_view
from newsdesk.pipeline.models import TaskRun
from newsdesk.stories.models import Story

LIMIT = 200


@desk_view("pipeline.view_taskrun", "stories.change_story")
def task_runs(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            messages.success(request, _rerun(request.POST.get("step"), request.POST.get("id")))
        except ValueError as exc:
            messages.error(request, str(exc))
        return redirect("desk:runs")
    runs = TaskRun.objects.all()
    status = request.GET.get("status")
    if status in TaskRun.Status.values:
        runs = runs.filter(status=status)
    context = {
        **admin.site.each_context(request),
        "title": "Pipeline: recent task runs",
        "runs": runs[:LIMIT],
        "statuses": TaskRun.Status.values,
    }
    return render(request, "desk/runs.html", context)


def _rerun(step: str | None, raw_id: str | None) -> str:
    if not (raw_id or "").strip().isdigit():
        raise ValueError("give the id (a whole number) of the article or story")
    ident = int(raw_id)
    from newsdesk.pipeline import tasks  # lazy: the task stack imports numpy and friends

    if step == "article":
        if not Article.objects.filter(id=ident).update(
            state=Article.State.PENDING, error="", attempts=0
        ):
            raise ValueError(f"there is no article {ident}")
        tasks.process_article.delay(ident)
        return f"Article {ident} queued to be fetched and extracted again."
    if step == "story":
        if not Story.touch(ident):
            raise ValueError(f"there is no story {ident}")
        tasks.refresh_story.delay(ident)
        return f"Story {ident} queued to be written again."
    raise ValueError("choose a step: article or story")
