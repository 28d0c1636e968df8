"""The review state machine on its own: decisions, bulk decisions, undo, overlaps, quit."""

from __future__ import annotations

from yiwen.models import Applicability, Finding, Severity
from yiwen.review.interactive import Review, run_review


def finding(code: str, offset: int, text: str, rep: str) -> Finding:
    return Finding(
        code, "r", Severity.ERROR, "m", offset, len(text), text, (rep,), Applicability.SAFE
    )


TEXT = "aa bb cc dd"
FINDINGS = [
    finding("E001", 0, "aa", "A"),
    finding("E002", 3, "bb", "B"),
    finding("E001", 6, "cc", "C"),
    finding("E003", 4, "b cc", "X"),  # overlaps the E002 and second E001 proposals
    finding("E001", 9, "dd", "D"),
]


def drive(keys: list[str], texts: list[str] | None = None) -> tuple[Review, bool, list[str]]:
    review = Review.from_findings(FINDINGS)
    feed, typed, said = iter(keys), iter(texts or []), []

    def read_key() -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    interrupted = run_review(
        review, read_key, lambda _p: next(typed), lambda r, k: None, said.append
    )
    return review, interrupted, said


def applied(review: Review) -> str:
    from yiwen.document import apply_edits

    return apply_edits(TEXT, review.edits())


def test_proposals_in_document_order_with_progress():
    review = Review.from_findings(FINDINGS)
    assert [f.offset for f in review.proposals] == [0, 3, 4, 6, 9]
    assert review.progress() == "1/5"
    review.accept()
    assert review.progress() == "2/5"


def test_accepting_a_proposal_blocks_the_ones_it_overlaps():
    review, _, _ = drive(["y", "y", "n", "n"])
    # aa->A, bb->B accepted; "b cc" overlaps bb so it is never shown; cc rejected, dd rejected.
    assert applied(review) == "A B cc dd"
    assert review.counts() == {"accepted": 2, "rejected": 2, "undecided": 1}


def test_undo_brings_back_a_blocked_proposal():
    review = Review.from_findings(FINDINGS)
    review.accept()
    review.accept()  # bb
    assert review.current == 3  # "b cc" is blocked, so cc (index 3) is next
    review.undo()
    review.reject()  # bb rejected instead
    assert review.proposals[review.current].text == "b cc"


def test_accept_all_of_rule_skips_overlaps_and_undo_takes_it_back_whole():
    review = Review.from_findings(FINDINGS)
    review.decide_rule(True)  # E001 everywhere: aa, cc, dd
    assert applied(review) == "A bb C D"
    assert review.proposals[review.current].code == "E002"
    assert review.undo()
    assert review.edits() == []
    assert review.progress() == "1/5"


def test_reject_all_of_rule_then_edit():
    review, _, _ = drive(["r", "e", "q"], ["bee"])
    assert applied(review) == "aa bee cc dd"
    assert review.counts()["rejected"] == 3


def test_edit_back_out_with_none():
    review, _, _ = drive(["e", "y", "q"], [None])  # type: ignore[list-item]
    assert applied(review) == "A bb cc dd"


def test_quit_midway_and_eof_keep_decisions():
    review, interrupted, _ = drive(["y", "q", "y"])
    assert applied(review) == "A bb cc dd" and not interrupted
    review, interrupted, _ = drive(["n", "y"])  # then EOF
    assert applied(review) == "aa B cc dd" and not interrupted and review.done


def test_ctrl_c_reports_interrupted_and_keeps_decisions():
    review = Review.from_findings(FINDINGS)
    keys = iter(["y"])

    def read_key() -> str:
        for k in keys:
            return k
        raise KeyboardInterrupt

    assert run_review(review, read_key, lambda _p: None, lambda r, k: None, lambda m: None)
    assert applied(review) == "A bb cc dd"


def test_help_unknown_and_nothing_to_undo_messages():
    _, _, said = drive(["?", "x", "u", "q"])
    assert "undo the last decision" in said[0]
    assert said[1] == "unknown key 'x'; ? for help"
    assert said[2] == "nothing to undo"


def test_findings_without_a_real_change_are_not_proposed():
    same = finding("E009", 0, "aa", "aa")
    none = Finding("E011", "r", Severity.WARNING, "m", 0, 2, "aa")
    assert Review.from_findings([same, none]).done
