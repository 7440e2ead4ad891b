from django.urls import path

from newsdesk.desk import stories, views

app_name = "desk"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("stories/", stories.story_list, name="stories"),
    path("stories/<int:story_id>/", stories.story_detail, name="story"),
]
