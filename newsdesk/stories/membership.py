"""Story membership: the one place that writes which article belongs to which story.

Every change arrives as a value (``pipeline.types``: ``StoryMerge``, ``StorySplit``,
``ArticleMove``), from the clusterer (``StoryClusterer.take_changes``) or from an editor
(the desk, the admin, the API through the helpers at the bottom), and is written by
``apply`` in one transaction. Copies follow their originals; both stories are marked for
rewriting; a split or an editor's move keeps the two stories apart from then on.

Nothing here deletes a written piece or a comment. When a story is merged away:
  - if only it has a piece, the piece moves to the surviving story (same URL);
  - if both have one, the merged-away piece is retracted with the reason and points at
    the surviving piece (``redirect_to``): its URL answers 301 there, and its approved
    comments are shown on the surviving page;
  - the merged-away story row stays, marked ``merged_into``, while it holds a piece;
    an empty one without a piece is deleted (nothing is lost with it).

Editor changes bump the story-index generation so the cluster worker rebuilds its
in-process index; the clusterer's own changes are already in that index. Impossible
requests raise ``ValueError`` with a clear message.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from newsdesk.pipeline.models import Counter
from newsdesk.pipeline.types import ArticleMove, MembershipChange, StoryMerge, StorySplit
from newsdesk.stories import editorial
from newsdesk.stories.models import Story, StoryArticle, StoryMember

# The cluster worker rebuilds its index when this counter moves (pipeline.cluster_state).
GENERATION_KEY = "story-index"


@transaction.atomic
def apply(change: MembershipChange, by_editor: bool = False) -> int | None:
    """Write one membership change to the rows. Returns the new story's id for a split
    (None when the split was refused: a story an editor curated is never cut
    automatically), else the story the articles now belong to."""
    if isinstance(change, StoryMerge):
        _merge(change.kept, change.gone, change.note, by_editor)
        result = change.kept
    elif isinstance(change, StorySplit):
        result = _split(change, by_editor)
    else:
        _move(change, by_editor)
        result = change.new
    if by_editor:
        invalidate_index()
    return result


def invalidate_index() -> None:
    """Tell every cluster worker to rebuild its in-process index from the rows."""
    Counter.bump(GENERATION_KEY)


def moved_articles(story_id: int, article_ids: list[int] | tuple[int, ...]) -> list[int]:
    """The ids a split of ``article_ids`` out of ``story_id`` moves: them and their copies."""
    return list(
        StoryMember.objects.filter(
            Q(article_id__in=article_ids) | Q(article__duplicate_of_id__in=article_ids),
            story_id=story_id,
        ).values_list("article_id", flat=True)
    )


# --- the three changes ------------------------------------------------------------------


def _merge(kept: int, gone: int, note: str, by_editor: bool) -> None:
    if kept == gone:
        return
    if not Story.objects.filter(id=kept).exists():
        raise ValueError(f"story {kept} does not exist")
    members = StoryMember.objects.filter(story_id=gone)
    if by_editor:
        members.update(story_id=kept, moved_by_editor=True)
    else:
        members.update(story_id=kept)
    _retire(gone, kept, note or f"story merged into story {kept}")
    _touch(kept)


def _split(change: StorySplit, by_editor: bool) -> int | None:
    story_members = StoryMember.objects.select_for_update().filter(story_id=change.story)
    chosen = story_members.filter(article_id__in=change.articles)
    if not chosen.exists():
        if by_editor:
            raise ValueError(f"none of those articles is in story {change.story}")
        return None
    if not story_members.exclude(article_id__in=change.articles).exists():
        if by_editor:
            raise ValueError("a split must leave at least one article in the original story")
        return None
    if not by_editor and story_members.filter(moved_by_editor=True).exists():
        return None  # an editor curated this story: the clusterer leaves it whole
    ids = moved_articles(change.story, change.articles)
    members = StoryMember.objects.filter(article_id__in=ids).select_related("article")
    first = members.order_by("joined_at", "id").first()
    new = Story.objects.create(label=first.article.title[:300], first_seen=timezone.now())
    for member in members:
        member.story, member.moved_by_editor = new, by_editor or member.moved_by_editor
        member.reasons = [*member.reasons, change.note or "moved by an editor"]
        member.save(update_fields=["story", "moved_by_editor", "reasons"])
    _keep_apart(change.story, new.id)
    _touch(change.story, new.id)
    return new.id


def _move(change: ArticleMove, by_editor: bool) -> None:
    member = StoryMember.objects.select_for_update().filter(article_id=change.article).first()
    if member is None:
        raise ValueError(f"article {change.article} is not in any story")
    if not Story.objects.filter(id=change.new).exists():
        raise ValueError(f"story {change.new} does not exist")
    if member.story_id != change.old and not by_editor:
        return  # it moved meanwhile (an editor was faster): leave it where it is
    old = member.story_id
    if by_editor:  # an editor moves the article with its copies (the clusterer moves each)
        copies = StoryMember.objects.filter(article__duplicate_of_id=change.article, story_id=old)
        copies.update(story_id=change.new)
    member.story_id = change.new
    member.moved_by_editor = member.moved_by_editor or by_editor
    member.reasons = [*member.reasons, change.note or "moved by an editor"]
    member.save(update_fields=["story", "moved_by_editor", "reasons"])
    if by_editor:
        _keep_apart(old, change.new)
    _touch(old, change.new)
    if not StoryMember.objects.filter(story_id=old).exists():
        _retire(old, change.new, f"its last article moved to story {change.new}")


# --- what a merge or an emptied story leaves behind -------------------------------------


def _retire(gone: int, kept: int, note: str) -> None:
    """Story ``gone`` has no members left (they are in ``kept``): keep its piece reachable."""
    piece = StoryArticle.objects.filter(story_id=gone).first()
    survivor = StoryArticle.objects.filter(story_id=kept).first()
    if piece and survivor is None:
        piece.story_id = kept  # the surviving story takes the piece over, URL and all
        piece.save(update_fields=["story"])
        piece = None
    elif piece:
        _retract_into(piece, survivor, note)
    if piece is None:
        Story.objects.filter(id=gone).delete()  # empty and without a piece: nothing lost
    else:
        Story.objects.filter(id=gone).update(merged_into_id=kept, dirty=False)
    # Stories merged earlier into ``gone`` now point at ``kept``.
    Story.objects.filter(merged_into_id=gone).update(merged_into_id=kept)


def _retract_into(piece: StoryArticle, survivor: StoryArticle, note: str) -> None:
    """Retract ``piece`` in favour of ``survivor``; everything that pointed at ``piece``
    points at ``survivor`` too, so a chain of merges ends at one live page."""
    if piece.status == StoryArticle.Status.PUBLISHED:
        # A live page is withdrawn as an editor's retraction is: its version kept, the
        # reason and time on the row, subscribers told (editorial.retract does all three).
        editorial.retract(piece, None, note)
    piece.problems = [*piece.problems, note]
    piece.redirect_to, piece.updated_at = survivor, timezone.now()
    piece.save(update_fields=["status", "problems", "redirect_to", "updated_at"])
    StoryArticle.objects.filter(redirect_to=piece).update(redirect_to=survivor)


def _touch(*story_ids: int) -> None:
    Story.touch(*story_ids)


def _keep_apart(a: int, b: int) -> None:
    """The clusterer must never merge these two stories again on its own."""
    if a == b:
        return
    for story in Story.objects.select_for_update().filter(id__in=(a, b)):
        other = b if story.id == a else a
        if other not in story.kept_apart:
            story.kept_apart = [*story.kept_apart, other]
            story.save(update_fields=["kept_apart"])


# --- editor actions (desk, admin, API): the same changes, flagged as an editor's ---------


def move_article(article_id: int, story_id: int) -> None:
    """Put one article (and its copies) into another story."""
    member = StoryMember.objects.filter(article_id=article_id).first()
    if member is None:
        raise ValueError(f"article {article_id} is not in any story")
    apply(ArticleMove(article_id, member.story_id, story_id, "moved by an editor"), True)


@transaction.atomic
def merge_stories(keep_id: int, other_ids: list[int]) -> None:
    """Move every article of ``other_ids`` into ``keep_id``; their pieces stay reachable."""
    if not Story.objects.filter(id=keep_id).exists():
        raise ValueError(f"story {keep_id} does not exist")
    for other in other_ids:
        if other != keep_id:
            apply(StoryMerge(keep_id, other, f"merged by an editor into story {keep_id}"), True)


def split_story(story_id: int, article_ids: list[int]) -> Story:
    """Move the given articles (and their copies) out of a story into a new one."""
    new_id = apply(StorySplit(story_id, tuple(article_ids), "moved by an editor"), True)
    return Story.objects.get(id=new_id)
