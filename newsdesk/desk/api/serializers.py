"""JSON shapes of the API. Plain text only: no e-mail address or IP hash ever leaves."""

from rest_framework import serializers

from newsdesk.comments.models import Comment
from newsdesk.sources.models import Source
from newsdesk.stories.models import Category, PieceVersion, Story, StoryArticle, StoryMember, Tag


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "slug"]


class TagSerializer(CategorySerializer):
    class Meta(CategorySerializer.Meta):
        model = Tag


class PieceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    category = serializers.CharField(source="category.name", allow_null=True, default=None)
    tags = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = StoryArticle
        fields = [
            "id", "headline", "url", "status", "category", "tags", "pinned",
            "published_at", "updated_at", "corrected_at", "correction_note",
        ]  # fmt: skip

    def get_url(self, piece: StoryArticle) -> str:
        request = self.context.get("request")
        path = piece.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class CitedSerializer(serializers.Serializer):
    article_id = serializers.IntegerField(source="id")
    outlet = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()


class PieceDetailSerializer(PieceSerializer):
    sources = CitedSerializer(many=True, read_only=True)
    provenance = serializers.JSONField()
    problems = serializers.JSONField()

    class Meta(PieceSerializer.Meta):
        fields = [*PieceSerializer.Meta.fields, "body", "backend", "problems", "sources"]
        fields.append("provenance")


class RetractedSerializer(serializers.Serializer):
    error = serializers.CharField()
    headline = serializers.CharField()
    retraction_reason = serializers.CharField()
    retracted_at = serializers.DateTimeField(allow_null=True)


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PieceVersion
        fields = ["number", "kind", "at", "editor_name", "headline", "body", "note"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = [
            "id", "name", "kind", "url", "enabled", "disabled_reason", "error_score",
            "last_error", "last_success_at", "next_check_at", "category_map",
            "keep_keywords", "block_keywords", "quote_at_length",
        ]  # fmt: skip


class NewSourceSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=2000)
    kind = serializers.ChoiceField(choices=Source.Kind.values, required=False, allow_null=True)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class MemberSerializer(serializers.ModelSerializer):
    outlet = serializers.CharField(source="article.outlet")
    title = serializers.CharField(source="article.title")
    url = serializers.URLField(source="article.url")
    duplicate_of = serializers.IntegerField(source="article.duplicate_of_id", allow_null=True)

    class Meta:
        model = StoryMember
        fields = ["article_id", "outlet", "title", "url", "score", "reasons", "duplicate_of"]


class StorySerializer(serializers.ModelSerializer):
    piece = serializers.IntegerField(source="written.id", allow_null=True, default=None)

    class Meta:
        model = Story
        fields = ["id", "label", "first_seen", "last_updated", "do_not_write", "piece"]


class StoryDetailSerializer(StorySerializer):
    members = MemberSerializer(many=True, read_only=True)

    class Meta(StorySerializer.Meta):
        fields = [*StorySerializer.Meta.fields, "members"]


class CommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "article", "name", "body", "created_at"]


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=StoryArticle.Status.values)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CorrectionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000)
    headline = serializers.CharField(max_length=300, required=False)
    body = serializers.CharField(max_length=100_000, required=False)


class RetractionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ArticleFilterSerializer(serializers.Serializer):
    """Query parameters of articles/: a bad value is a 400 that names it."""

    category = serializers.SlugField(required=False, max_length=100)
    tag = serializers.SlugField(required=False, max_length=100)
    outlet = serializers.CharField(required=False, max_length=255)
    since = serializers.DateTimeField(required=False)
    until = serializers.DateTimeField(required=False)
