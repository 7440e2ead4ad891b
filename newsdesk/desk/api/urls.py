from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView

from newsdesk.desk.api import reads, writes

app_name = "api"
urlpatterns = [
    path("", reads.Root.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("articles/", reads.Pieces.as_view(), name="articles"),
    path("articles/<int:piece_id>/", reads.PieceDetail.as_view(), name="article"),
    path("articles/<int:piece_id>/versions/", reads.Versions.as_view(), name="versions"),
    path("articles/<int:piece_id>/status", writes.SetStatus.as_view(), name="article_status"),
    path("articles/<int:piece_id>/approve", writes.Approve.as_view(), name="approve"),
    path("articles/<int:piece_id>/submit", writes.Submit.as_view(), name="submit"),
    path("articles/<int:piece_id>/correct", writes.Correct.as_view(), name="correct"),
    path("articles/<int:piece_id>/retract", writes.Retract.as_view(), name="retract"),
    path("stories/", reads.Stories.as_view(), name="stories"),
    path("stories/<int:story_id>/", reads.StoryDetail.as_view(), name="story"),
    path("sources/", writes.Sources.as_view(), name="sources"),
    path("categories/", reads.Categories.as_view(), name="categories"),
    path("tags/", reads.Tags.as_view(), name="tags"),
    path("comments/", reads.Comments.as_view(), name="comments"),
    # Anything else under /api/v1/ (a negative id, a typo) is a JSON 404, not the site's page.
    re_path(r"^.*$", reads.NoSuchEndpoint.as_view()),
]
