"""Editor corrections to story membership: move an article, merge or split stories.

Each operation is one transaction, marks the affected stories for rewriting and bumps
the story-index generation so the clustering worker rebuilds its in-process index.
Raises ValueError with a clear message on impossible requests.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from newsdesk.pipeline.cluster_state import invalidate
from newsdesk.stories.models import Story, StoryMember


def _touch(*story_ids: int) -> None:
    Story.objects.filter(id__in=story_ids).update(dirty=True, last_updated=timezone.now())


def _keep_apart(a: int, b: int) -> None:
    """The clusterer must never merge these two stories again on its own."""
    if a == b:
        return
    for story in Story.objects.select_for_update().filter(id__in=(a, b)):
        other = b if story.id == a else a
        if other not in story.kept_apart:
            story.kept_apart = [*story.kept_apart, other]
            story.save(update_fields=["kept_apart"])


@transaction.atomic
def move_article(article_id: int, story_id: int) -> None:
    """Put one article (and its copies) into another story."""
    member = StoryMember.objects.select_for_update().filter(article_id=article_id).first()
    if member is None:
        raise ValueError(f"article {article_id} is not in any story")
    if not Story.objects.filter(id=story_id).exists():
        raise ValueError(f"story {story_id} does not exist")
    old = member.story_id
    StoryMember.objects.filter(article__duplicate_of_id=article_id).update(story_id=story_id)
    member.story_id, member.moved_by_editor = story_id, True
    member.reasons = [*member.reasons, "moved by an editor"]
    member.save()
    _keep_apart(old, story_id)
    _touch(old, story_id)
    invalidate()


@transaction.atomic
def merge_stories(keep_id: int, other_ids: list[int]) -> None:
    """Move every article of ``other_ids`` into ``keep_id`` and delete the emptied stories."""
    others = [i for i in other_ids if i != keep_id]
    if not Story.objects.filter(id=keep_id).exists():
        raise ValueError(f"story {keep_id} does not exist")
    StoryMember.objects.filter(story_id__in=others).update(story_id=keep_id, moved_by_editor=True)
    Story.objects.filter(id__in=others).delete()
    _touch(keep_id)
    invalidate()


@transaction.atomic
def split_story(story_id: int, article_ids: list[int]) -> Story:
    """Move the given articles (and their copies) out of a story into a new one."""
    members = StoryMember.objects.filter(story_id=story_id, article_id__in=article_ids)
    if not members.exists():
        raise ValueError(f"none of those articles is in story {story_id}")
    if members.count() == StoryMember.objects.filter(story_id=story_id).count():
        raise ValueError("a split must leave at least one article in the original story")
    new, _ = _split_rows(story_id, article_ids, "moved by an editor", by_editor=True)
    invalidate()
    return new


@transaction.atomic
def split_automatically(
    story_id: int, article_ids: list[int], note: str
) -> tuple[int, list[int]] | None:
    """The clusterer's own split (two events in one story): like ``split_story`` but not
    flagged as an editor's move, and never applied to a story an editor has curated
    (returns None then). Returns the new story's id and the ids moved (the given ones
    plus their copies), and leaves the in-process index to the caller, which applies
    the same split to it."""
    story_members = StoryMember.objects.select_for_update().filter(story_id=story_id)
    if not story_members.filter(article_id__in=article_ids).exists():
        return None
    if story_members.filter(moved_by_editor=True).exists():
        return None
    if story_members.exclude(article_id__in=article_ids).count() == 0:
        return None
    new, moved = _split_rows(story_id, article_ids, note, by_editor=False)
    return new.id, moved


def _split_rows(
    story_id: int, article_ids: list[int], note: str, by_editor: bool
) -> tuple[Story, list[int]]:
    """Move members ``article_ids`` of ``story_id`` and their copies to a new story; the two
    are kept apart and both marked for rewriting. Returns the new story and moved ids."""
    members = StoryMember.objects.filter(
        Q(article_id__in=article_ids) | Q(article__duplicate_of_id__in=article_ids),
        story_id=story_id,
    )
    first = members.select_related("article").order_by("joined_at", "id").first()
    new = Story.objects.create(label=first.article.title[:300], first_seen=timezone.now())
    moved = []
    for member in members:
        member.story, member.moved_by_editor = new, by_editor or member.moved_by_editor
        member.reasons = [*member.reasons, note]
        member.save(update_fields=["story", "moved_by_editor", "reasons"])
        moved.append(member.article_id)
    _keep_apart(story_id, new.id)
    _touch(story_id, new.id)
    return new, moved


@transaction.atomic
def move_members(moves: list[tuple[int, int, int]], note: str) -> list[tuple[int, int]]:
    """The repair pass's moves, (article id, from story, to story), applied to the rows
    (an article no longer in its from-story is left alone); both stories are marked for
    rewriting. Returns (emptied story, the story its last article went to) pairs, for the
    caller to retire like a merged story."""
    last_target: dict[int, int] = {}
    for article_id, old, new in moves:
        member = StoryMember.objects.filter(article_id=article_id, story_id=old).first()
        if member is None or not Story.objects.filter(id=new).exists():
            continue
        member.story_id = new
        member.reasons = [*member.reasons, note.format(old=old)]
        member.save(update_fields=["story", "reasons"])
        last_target[old] = new
    _touch(*last_target, *last_target.values())
    return [
        (old, new)
        for old, new in last_target.items()
        if not StoryMember.objects.filter(story_id=old).exists()
    ]
