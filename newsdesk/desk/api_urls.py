from django.urls import path

from newsdesk.desk import api

app_name = "api"
urlpatterns = [
    path("articles/", api.articles, name="articles"),
    path("articles/<int:piece_id>/", api.article_detail, name="article"),
    path("articles/<int:piece_id>/status", api.article_status, name="article_status"),
    path("sources/", api.sources, name="sources"),
    path("stories/<int:story_id>/", api.story_detail, name="story"),
]
