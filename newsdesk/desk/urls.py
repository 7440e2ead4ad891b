from django.urls import path

from newsdesk.desk import hooks, pieces, runs, sitesettings, stories, views

app_name = "desk"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("pieces/<int:piece_id>/", pieces.piece_review, name="piece"),
    path("pieces/<int:piece_id>/history/", pieces.piece_history, name="history"),
    path("webhooks/", hooks.delivery_log, name="webhooks"),
    path("sources/", views.sources_bulk, name="sources_bulk"),
    path("settings/", sitesettings.edit, name="settings"),
    path("runs/", runs.task_runs, name="runs"),
    path("stories/", stories.story_list, name="stories"),
    path("stories/<int:story_id>/", stories.story_detail, name="story"),
]
