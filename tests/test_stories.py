"""Story grouping: a part of a story whose best link stands out joins it."""

from __future__ import annotations

from checker.stories import Parts, _attach_weak_parts


def _groups(n: int, first_pass: list[tuple[int, int]], links: list[tuple[float, int, int]],
            weak: float = 0.12, margin: float = 2.8, max_size: int = 20) -> list[set[int]]:
    parts = Parts(n)
    for i, j in first_pass:
        parts.join(i, j, max_size)
    _attach_weak_parts(links, parts, weak, margin, max_size)
    out: dict[int, set[int]] = {}
    for i in range(n):
        out.setdefault(parts.find(i), set()).add(i)
    return sorted(out.values(), key=min)


STORY = [(0, 1), (1, 2), (2, 3)]  # four outlets that passed the threshold together; 4 and 5 another story


def test_a_lone_outlet_whose_best_link_stands_out_joins_its_story():
    links = [(0.19, 4, 0), (0.17, 4, 2), (0.04, 4, 6)]
    assert _groups(7, [*STORY, (5, 6)], links) == [{0, 1, 2, 3, 4}, {5, 6}]


def test_a_lone_outlet_alike_two_stories_joins_neither():
    links = [(0.19, 4, 0), (0.10, 4, 5)]
    assert _groups(7, [*STORY, (5, 6)], links) == [{0, 1, 2, 3}, {4}, {5, 6}]


def test_a_weak_link_is_no_link():
    assert _groups(5, STORY, [(0.09, 4, 0)]) == [{0, 1, 2, 3}, {4}]


def test_two_stories_of_their_own_stay_two_however_alike():
    """Only a part of at most two articles joins by a weak link: three outlets are a story."""
    links = [(0.20, 4, 0)]
    assert _groups(7, [*STORY, (4, 5), (5, 6)], links) == [{0, 1, 2, 3}, {4, 5, 6}]
