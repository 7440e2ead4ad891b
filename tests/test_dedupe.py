"""Layered dedup: canonical URL -> content hash -> MinHash near-duplicate."""

import random

import pytest

from newsdesk.pipeline.dedupe import Deduper
from newsdesk.pipeline.dedupe.minhash import (
    NUM_PERM,
    content_hash,
    estimate_jaccard,
    fingerprint,
    from_bytes,
    jaccard,
    minhash,
    shingles,
)
from newsdesk.pipeline.types import SourceDoc

RNG = random.Random(5)
VOCAB = [f"w{i}x" for i in range(3000)]


def _text(n: int = 200, seed: int = 0) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCAB) for _ in range(n))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Quake hits Iran.", "quake  hits\nIRAN", True),
        ("Quake hits Iran, five hurt", "Quake hits Iran; five hurt!", True),
        ("Quake hits Iran", "Quake hits Iraq", False),
        ("", "   ", True),
    ],
)
def test_content_hash_folds_case_punctuation_and_space(a, b, same):
    assert (content_hash(a) == content_hash(b)) is same


def test_fingerprint_is_storable_bytes_and_round_trips():
    data = fingerprint(_text())
    assert isinstance(data, bytes) and len(data) == NUM_PERM * 4
    assert (from_bytes(data) == minhash(shingles(_text()))).all()
    with pytest.raises(ValueError):
        from_bytes(data[:-4])


@pytest.mark.parametrize("keep", [1.0, 0.8, 0.6, 0.3])
def test_minhash_estimate_tracks_true_jaccard(keep):
    words = _text(400, seed=1).split()
    a, b = " ".join(words), " ".join(words[: int(len(words) * keep)])
    true = jaccard(shingles(a), shingles(b))
    assert abs(estimate_jaccard(minhash(shingles(a)), minhash(shingles(b))) - true) < 0.15


def _doc(i: int, text: str, title: str = "") -> SourceDoc:
    return SourceDoc(article_id=i, title=title, text=text)


def test_layers_url_hash_near_and_unique():
    d = Deduper()
    original = _text(seed=2)
    d.add(_doc(1, original), "https://a.example/story")
    assert d.check(_doc(2, "other"), "https://a.example/story").layer == "url"
    rewrapped = original.upper().replace(" ", "\n")
    assert d.check(_doc(3, rewrapped), "https://b.example/x").layer == "hash"
    words = original.split()
    words[50] = words[120] = "changed"
    near = d.check(_doc(4, " ".join(words) + " Subscribe to our newsletter."), "")
    assert (near.duplicate_of, near.layer) == (1, "near") and 0.5 <= near.similarity < 1.0
    assert d.check(_doc(5, _text(seed=3)), "").duplicate_of is None


def test_check_does_not_mutate_and_copy_of_copy_points_at_earliest():
    d = Deduper()
    words = _text(300, seed=4).split()
    first, second = " ".join(words), " ".join(words[:250] + ["extra"] * 5)
    third = " ".join(words[:200] + ["extra"] * 5 + ["more"] * 20)
    assert d.check(_doc(1, first), "").duplicate_of is None
    assert d.check(_doc(1, first), "").duplicate_of is None  # check alone remembers nothing
    d.add(_doc(1, first), "")
    d.add(_doc(2, second), "")
    decision = d.check(_doc(3, third), "")
    assert decision.duplicate_of == 1  # earliest article, even if closer to the copy


def test_short_bodies_skip_the_near_layer_but_keep_hash():
    d = Deduper()
    d.add(_doc(1, "Police said five people were hurt"), "")
    assert d.check(_doc(2, "police said five people were hurt!"), "").layer == "hash"
    assert d.check(_doc(3, "Police said six people were hurt"), "").duplicate_of is None


def test_rebuild_with_stored_fingerprint_matches_fresh_index():
    text = _text(seed=6)
    fresh, rebuilt = Deduper(), Deduper()
    fresh.add(_doc(1, text), "")
    rebuilt.add(_doc(1, text), "", fingerprint=fingerprint(text))
    probe = _doc(2, text + " Advertisement.")
    assert fresh.check(probe, "") == rebuilt.check(probe, "")


def test_expire_forgets_articles_outside_the_window():
    from datetime import UTC, datetime, timedelta

    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    d = Deduper(window_days=30)
    old, new = _text(seed=7), _text(seed=8)
    d.add(SourceDoc(article_id=1, title="", text=old, published_at=t0), "https://a.example/1")
    d.add(
        SourceDoc(article_id=2, title="", text=new, published_at=t0 + timedelta(days=40)),
        "https://a.example/2",
    )
    assert d.expire() == 1
    assert d.check(_doc(3, old), "https://a.example/1").duplicate_of is None
    assert d.check(_doc(4, new), "").duplicate_of == 2
    assert all(1 not in ids for ids in d.bands.values())
