"""The interactive review loop as a state machine, independent of any terminal.

A `Review` holds the proposals (findings with a replacement, in document order) and the
editor's decisions. Keys map to actions; `run_review` drives a Review from any key source and
any display, so the command can use single keys in a terminal and lines from a pipe.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

from yiwen.models import Finding, Fix

KEYS = {
    "y": "accept this change",
    "n": "reject this change",
    "e": "edit: type your own replacement",
    "a": "accept this and every remaining change of this rule",
    "r": "reject this and every remaining change of this rule",
    "u": "undo the last decision",
    "q": "quit, keeping the decisions made so far",
    "?": "show this help",
}


class Action(str, Enum):
    """What the editor can do at a proposal."""

    ACCEPT = "y"
    REJECT = "n"
    EDIT = "e"
    ACCEPT_RULE = "a"
    REJECT_RULE = "r"
    UNDO = "u"
    QUIT = "q"
    HELP = "?"


@dataclass(frozen=True)
class Decision:
    """The editor's word on one proposal: accepted (with this replacement) or rejected."""

    accepted: bool
    replacement: str = ""


@dataclass
class Review:
    """Proposals, decisions and an undo stack. Overlapping proposals are skipped once one of
    them is accepted (undoing that acceptance brings them back)."""

    proposals: list[Finding]
    decisions: dict[int, Decision] = field(default_factory=dict)
    history: list[list[int]] = field(default_factory=list)  # one entry per (bulk) decision
    quit: bool = False

    @classmethod
    def from_findings(cls, findings: Iterable[Finding]) -> Review:
        """Build a review of every finding that offers a replacement differing from its text."""
        props = [f for f in findings if f.replacements and f.replacements[0] != f.text]
        props.sort(key=lambda f: (f.offset, f.code, f.length))
        return cls(props)

    # --- state -------------------------------------------------------------------------
    def _accepted(self) -> tuple[list[int], list[tuple[int, int, int]], int]:
        spans = sorted(
            (self.proposals[j].offset, self.proposals[j].end, j)
            for j, d in self.decisions.items()
            if d.accepted
        )
        longest = max((e - s for s, e, _ in spans), default=0)
        return [s for s, _, _ in spans], spans, longest

    def blocked(self, k: int, accepted: tuple | None = None) -> bool:
        """True when proposal k overlaps (or shares a start with) an accepted proposal."""
        starts, spans, longest = accepted or self._accepted()
        p = self.proposals[k]
        lo = bisect.bisect_left(starts, p.offset - longest)
        hi = bisect.bisect_right(starts, max(p.end - 1, p.offset))
        for s, e, j in spans[lo:hi]:
            if j != k and (s == p.offset or (p.offset < e and s < p.end)):
                return True
        return False

    def pending(self) -> list[int]:
        """Indexes of proposals still waiting for a decision (blocked ones excluded)."""
        acc = self._accepted()
        return [
            k
            for k in range(len(self.proposals))
            if k not in self.decisions and not self.blocked(k, acc)
        ]

    @property
    def current(self) -> int | None:
        """The index of the proposal to show now, or None when the review is over."""
        if self.quit:
            return None
        acc = self._accepted()
        for k in range(len(self.proposals)):
            if k not in self.decisions and not self.blocked(k, acc):
                return k
        return None

    @property
    def done(self) -> bool:
        """True when the editor quit or every proposal is decided (or blocked)."""
        return self.current is None

    def progress(self) -> str:
        """Return e.g. "3/12": the current proposal's number out of all proposals."""
        k = self.current
        n = len(self.proposals)
        return f"{(k + 1) if k is not None else n}/{n}"

    # --- actions -----------------------------------------------------------------------
    def _decide(self, ks: list[int], decision_for: Callable[[int], Decision]) -> None:
        for k in ks:
            self.decisions[k] = decision_for(k)
        if ks:
            self.history.append(ks)

    def accept(self, replacement: str | None = None) -> None:
        """Accept the current proposal (with the editor's own replacement if given)."""
        k = self.current
        if k is not None:
            rep = self.proposals[k].replacements[0] if replacement is None else replacement
            self._decide([k], lambda _k: Decision(True, rep))

    def reject(self) -> None:
        """Reject the current proposal."""
        k = self.current
        if k is not None:
            self._decide([k], lambda _k: Decision(False))

    def decide_rule(self, accept: bool) -> None:
        """Accept or reject the current proposal and every pending one of the same rule."""
        k = self.current
        if k is None:
            return
        code = self.proposals[k].code
        ks: list[int] = []
        for j in self.pending():
            if self.proposals[j].code != code:
                continue
            if accept and self.blocked(j):  # an earlier acceptance in this bulk overlaps it
                continue
            self.decisions[j] = Decision(
                accept, self.proposals[j].replacements[0] if accept else ""
            )
            ks.append(j)
        if ks:
            self.history.append(ks)

    def undo(self) -> bool:
        """Take back the last decision (a bulk decision as a whole); False when none."""
        if not self.history:
            return False
        for k in self.history.pop():
            self.decisions.pop(k, None)
        return True

    def stop(self) -> None:
        """Quit: the decisions made so far stand."""
        self.quit = True

    # --- results -----------------------------------------------------------------------
    def edits(self) -> list[Fix]:
        """The accepted changes as edits over the original text, in document order."""
        out = []
        for k in sorted(self.decisions):
            d = self.decisions[k]
            if d.accepted:
                f = self.proposals[k]
                out.append(Fix(f.offset, f.length, d.replacement, f.code))
        return out

    def counts(self) -> dict[str, int]:
        """How many proposals were accepted, rejected, and left undecided."""
        accepted = sum(1 for d in self.decisions.values() if d.accepted)
        rejected = len(self.decisions) - accepted
        return {
            "accepted": accepted,
            "rejected": rejected,
            "undecided": len(self.proposals) - accepted - rejected,
        }


def run_review(
    review: Review,
    read_key: Callable[[], str],
    read_text: Callable[[str], str | None],
    show: Callable[[Review, int], None],
    say: Callable[[str], None],
) -> bool:
    """Drive `review` until it is done: show each proposal, read a key, act on it.

    `read_key()` returns one key (raising EOFError/KeyboardInterrupt ends the review, keeping
    decisions); `read_text(prompt)` reads a replacement for `e` (None: go back). Returns True when the review
    ended by Ctrl-C, so the caller can report an interrupted exit after saving.
    """
    try:
        while not review.done:
            k = review.current
            assert k is not None
            show(review, k)
            key = read_key().strip()[:1].lower()
            if key == Action.ACCEPT:
                review.accept()
            elif key == Action.REJECT:
                review.reject()
            elif key == Action.EDIT:
                text = read_text("replacement (empty line: back): ")
                if text is not None:
                    review.accept(text)
            elif key == Action.ACCEPT_RULE:
                review.decide_rule(True)
            elif key == Action.REJECT_RULE:
                review.decide_rule(False)
            elif key == Action.UNDO:
                if not review.undo():
                    say("nothing to undo")
            elif key == Action.QUIT:
                review.stop()
            else:
                say(help_text() if key == Action.HELP else f"unknown key {key!r}; ? for help")
    except EOFError:
        review.stop()
    except KeyboardInterrupt:
        review.stop()
        return True
    return False


def help_text() -> str:
    """One line per key."""
    return "\n".join(f"  {k}  {v}" for k, v in KEYS.items())
