"""features.reminders: tested directly, and through the commands that use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import NOW_DT, make_interview, make_store
from followup.core.models import Interview, Step
from followup.features import reminders
from followup.features.reminders import Said
from followup.storage.store import Store

# ----------------------------------------------------------------------------
# `followup remind` remembers a step only once the notification service accepted it:
# refused, or killed before it could write that down, the step is said on the next run.
# And two runs at the same moment do not both send it.


WITHIN = timedelta(hours=12)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return make_store(tmp_path / "data", lock_timeout=1)


def _interview() -> Interview:
    return make_interview(
        company="Acme", at=NOW_DT - timedelta(days=1),
        steps=[Step(step="phone", due=NOW_DT - timedelta(hours=1))],
    )  # fmt: skip


def _gone_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


# ----- the rule: a claim keeps a second run quiet while the first one sends -----------


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the D-Bus path and /proc are Linux's"
)
def test_a_step_another_live_run_is_sending_is_not_sent_twice(store):
    iv = _interview()
    other = os.getppid()  # alive for as long as this test runs
    first = reminders.plan(store, [iv], NOW_DT, WITHIN, keep=True, pid=other)
    assert first.announce == [(iv, iv.steps[0])] and first.claimed
    second = reminders.plan(store, [iv], NOW_DT + timedelta(seconds=5), WITHIN, keep=True)
    assert second.announce == []
    # The first run's notification was refused: its claim goes, and the next run says it.
    assert reminders.settle(store, first, NOW_DT, delivered=False, pid=other) is None
    third = reminders.plan(store, [iv], NOW_DT + timedelta(seconds=10), WITHIN, keep=True)
    assert third.announce == [(iv, iv.steps[0])]


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the D-Bus path and /proc are Linux's"
)
@pytest.mark.parametrize(
    ("who", "later"),
    [("gone", timedelta(seconds=1)), ("alive", reminders.CLAIM_LIFE)],
    ids=["its-process-is-gone", "it-is-too-old"],
)
def test_a_claim_that_counts_for_nothing_is_ignored_and_dropped(store, who, later):
    iv = _interview()
    pid = _gone_pid() if who == "gone" else os.getppid()
    reminders.plan(store, [iv], NOW_DT, WITHIN, keep=True, pid=pid)
    again = reminders.plan(store, [iv], NOW_DT + later, WITHIN, keep=True)
    assert again.announce == [(iv, iv.steps[0])]
    state = reminders.read_state(store)
    assert [c.pid for c in state.sending.values()] == [os.getpid()]


# ----------------------------------------------------------------------------
# The rules of `followup remind` a user relies on, tested on the engine: which steps are
# due soon (the window's edge included), when a step is said again (a day on, to the
# second; or newly overdue), what remind.json holds and what of it is trusted, the words
# of the notification, and when the memory is written (and when no lock is taken).


def interview(*steps: Step, id: int = 1, company: str = "Acme Corp") -> Interview:
    return make_interview(id=id, company=company, at=NOW_DT - timedelta(days=1), steps=steps)


def step(kind: str, due: datetime, who: str | None = None, **more) -> Step:
    return Step(step=kind, due=due, who=who, **more)


# ----- what is due soon -------------------------------------------------------------


def test_the_window_includes_a_step_due_at_its_very_end():
    edge = step("email", NOW_DT + WITHIN, "Jane Doe")
    past_edge = step("card", NOW_DT + WITHIN + timedelta(seconds=1), "Jane Doe")
    late = step("phone", NOW_DT - timedelta(hours=3))
    done = step("linkedin", NOW_DT - timedelta(hours=1), "Jane Doe", status="done", done_at=NOW_DT)
    iv = interview(edge, past_edge, late, done)
    assert reminders.due_soon([iv], NOW_DT, WITHIN) == [(iv, late), (iv, edge)]
    assert reminders.due_soon([iv], NOW_DT, timedelta(0)) == [(iv, late)]


# ----- when a step is said (again) --------------------------------------------------------


def test_a_step_is_said_again_a_day_later_to_the_second():
    soon = step("email", NOW_DT + timedelta(hours=2), "Jane Doe")
    iv = interview(soon)
    key = reminders.step_key(iv, soon)
    a_day = {key: Said(NOW_DT - timedelta(days=1), False)}
    not_quite = {key: Said(NOW_DT - timedelta(days=1) + timedelta(seconds=1), False)}
    assert reminders.to_announce([(iv, soon)], a_day, NOW_DT) == [(iv, soon)]
    assert reminders.to_announce([(iv, soon)], not_quite, NOW_DT) == []
    assert reminders.to_announce([(iv, soon)], {}, NOW_DT) == [(iv, soon)]


def test_a_step_is_said_again_only_when_it_has_become_overdue_since():
    late = step("phone", NOW_DT - timedelta(hours=1))
    soon = step("email", NOW_DT + timedelta(hours=1), "Jane Doe")
    iv = interview(late, soon)
    an_hour_ago = NOW_DT - timedelta(hours=1)
    said = {
        reminders.step_key(iv, late): Said(an_hour_ago, False),  # said while still due soon
        reminders.step_key(iv, soon): Said(an_hour_ago, False),
    }
    assert reminders.to_announce([(iv, late), (iv, soon)], said, NOW_DT) == [(iv, late)]
    said_late = {reminders.step_key(iv, late): Said(an_hour_ago, True)}
    assert reminders.to_announce([(iv, late)], said_late, NOW_DT) == []


def test_the_memory_keeps_the_steps_still_due_and_when_each_was_said():
    late = step("phone", NOW_DT - timedelta(hours=1))
    soon = step("email", NOW_DT + timedelta(hours=1), "Jane Doe")
    iv = interview(late, soon)
    gone = "1/card/Jane Doe/2026-11-20T10:00:00+00:00"
    old = {gone: Said(NOW_DT - timedelta(hours=5), False),
           reminders.step_key(iv, soon): Said(NOW_DT - timedelta(hours=5), False)}  # fmt: skip
    updated = reminders.remember(old, [(iv, late), (iv, soon)], [(iv, late)], NOW_DT)
    assert updated == {
        "1/phone//2026-11-26T09:00:00+00:00": Said(NOW_DT, True),
        "1/email/Jane Doe/2026-11-26T11:00:00+00:00": Said(NOW_DT - timedelta(hours=5), False),
    }


# ----- remind.json ---------------------------------------------------------------------


def test_the_memory_file_is_sorted_indented_json_ending_in_a_newline():
    memory = {
        "2/email/Raj Patel/2026-11-26T14:00:00+00:00": Said(NOW_DT, False),
        "1/phone//2026-11-26T09:00:00+00:00": Said(NOW_DT - timedelta(hours=1), True),
    }
    data = reminders.memory_bytes(memory)
    assert data == (
        b'{\n "format": "followup-remind",\n "version": 1,\n "said": {\n'
        b'  "1/phone//2026-11-26T09:00:00+00:00": {\n'
        b'   "at": "2026-11-26T09:00:00+00:00",\n   "overdue": true\n  },\n'
        b'  "2/email/Raj Patel/2026-11-26T14:00:00+00:00": {\n'
        b'   "at": "2026-11-26T10:00:00+00:00",\n   "overdue": false\n  }\n }\n}\n'
    )
    assert reminders.parse_memory(data) == memory


def test_any_name_in_the_memory_reads_back():
    memory = {'1/email/José Ñúñez "JJ"/2026-11-26T14:00:00+00:00': Said(NOW_DT, False)}
    assert reminders.parse_memory(reminders.memory_bytes(memory)) == memory


def said_doc(said: dict, format: str = "followup-remind", version: int = 1) -> bytes:
    return json.dumps({"format": format, "version": version, "said": said}).encode()


GOOD = {"at": "2026-11-26T09:00:00+00:00", "overdue": True}


@pytest.mark.parametrize(
    "data",
    [
        b"",
        None,
        said_doc({"k": GOOD}, version=2),
        said_doc({"k": GOOD}, format="followup-remind-x"),
        said_doc({"k": GOOD}, version=0),
        b'{"format": "followup-remind", "version": 1}',
        b'{"format": "followup-remind", "version": 1, "said": []}',
        said_doc({"k": {"overdue": True}}),
        said_doc({"k": {"at": "2026-11-26T09:00:00+00:00"}}),
    ],
)
def test_a_memory_of_another_format_or_version_is_forgotten_whole(data):
    assert reminders.parse_memory(data) == {}


def test_only_entries_with_an_aware_time_and_a_true_or_false_are_trusted():
    data = said_doc(
        {
            "good": GOOD,
            "naive": {"at": "2026-11-26T09:00:00", "overdue": True},
            "not a bool": {"at": "2026-11-26T09:00:00+00:00", "overdue": 1},
            "false": {"at": "2026-11-26T08:00:00+01:00", "overdue": False},
        }
    )
    assert reminders.parse_memory(data) == {
        "good": Said(datetime(2026, 11, 26, 9, tzinfo=UTC), True),
        "false": Said(datetime(2026, 11, 26, 7, tzinfo=UTC), False),
    }


def rows_of(*steps: Step) -> list[tuple[Interview, Step]]:
    iv = interview(*steps)
    return [(iv, s) for s in steps]


# ----- the words -----------------------------------------------------------------------


def test_the_title_counts_overdue_and_due_soon_and_leaves_out_a_zero():
    late = [step("phone", NOW_DT - timedelta(hours=h)) for h in (1, 2)]
    soon = [step("email", NOW_DT + timedelta(hours=h), f"P{h}") for h in (1, 2, 3)]
    assert reminders.title(rows_of(*late), NOW_DT) == "followup: 2 overdue"
    assert reminders.title(rows_of(*soon), NOW_DT) == "followup: 3 due soon"
    assert reminders.title(rows_of(late[0], *soon), NOW_DT) == "followup: 1 overdue, 3 due soon"


def test_a_line_says_the_step_whom_which_interview_and_when():
    iv = interview(company="Tom\x1b[31m & Jerry")
    email = step("email", NOW_DT + timedelta(hours=4), "Jane\x07 Doe")
    phone = step("phone", NOW_DT - timedelta(hours=16))
    exactly_now = step("card", NOW_DT, "Raj Patel")
    # Control characters in user text are shown as escapes, never sent to a terminal.
    assert reminders.line(iv, email, NOW_DT) == (
        "Thank-you email to Jane\\x07 Doe, #1 Tom\\x1b[31m & Jerry: due in 4 h"
    )
    assert reminders.line(iv, phone, NOW_DT) == "Phone ready, #1 Tom\\x1b[31m & Jerry: 16 h overdue"
    assert reminders.line(iv, exactly_now, NOW_DT) == (
        "Handwritten card to Raj Patel, #1 Tom\\x1b[31m & Jerry: due now"
    )


def test_a_step_of_no_one_in_particular_names_no_one():
    iv = interview()
    checkin = step("checkin", NOW_DT + timedelta(hours=2), "Jane Doe")
    assert reminders.line(iv, checkin, NOW_DT) == "Check-in, #1 Acme Corp: due in 2 h"


def test_at_most_eight_lines_and_the_rest_counted():
    soon = [step("email", NOW_DT + timedelta(minutes=m), f"P{m}") for m in range(1, 11)]
    shown, left = reminders.lines(rows_of(*soon), NOW_DT)
    assert len(shown) == 8 and left == 2
    assert shown[-1] == "Thank-you email to P8, #1 Acme Corp: due in 8 min"
    assert reminders.lines(rows_of(*soon[:8]), NOW_DT)[1] == 0
    assert reminders.lines(rows_of(*soon[:3]), NOW_DT) == (
        [f"Thank-you email to P{m}, #1 Acme Corp: due in {m} min" for m in (1, 2, 3)],
        0,
    )


def test_the_json_of_what_is_announced():
    late = step("phone", NOW_DT - timedelta(hours=1))
    iv = interview(late)
    assert reminders.announced_json([(iv, late)], NOW_DT) == [
        {"interview": 1, "company": "Acme Corp", "step": "phone", "who": None,
         "due": "2026-11-26T09:00:00+00:00", "status": "pending", "done_at": None,
         "overdue": True, "reason": None, "snoozed_from": None},
    ]  # fmt: skip


@pytest.fixture
def store_remind(tmp_path: Path) -> Store:
    return Store(tmp_path / "data", lock_timeout=1)


# ----- the plan: what is said, what is written ------------------------------------------


def test_a_dry_plan_chooses_without_writing(store_remind):
    late = step("phone", NOW_DT - timedelta(hours=1))
    iv = interview(late)
    dry = reminders.plan(store_remind, [iv], NOW_DT, WITHIN, keep=False)
    assert (dry.rows, dry.announce, dry.problem) == ([(iv, late)], [(iv, late)], None)
    assert not store_remind.root.exists()


def test_a_plan_remembers_what_it_announced_and_then_says_nothing_new(store_remind):
    late = step("phone", NOW_DT - timedelta(hours=1))
    far = step("card", NOW_DT + timedelta(days=3), "Jane Doe")
    iv = interview(late, far)
    first = reminders.plan(store_remind, [iv], NOW_DT, WITHIN, keep=True)
    assert (first.rows, first.announce, first.problem) == ([(iv, late)], [(iv, late)], None)
    assert reminders.read_memory(store_remind) == {}  # claimed, not said until it is delivered
    assert reminders.settle(store_remind, first, NOW_DT, delivered=True) is None
    memory = reminders.read_memory(store_remind)
    assert memory == {reminders.step_key(iv, late): Said(NOW_DT, True)}
    later = NOW_DT + timedelta(hours=2)
    second = reminders.plan(store_remind, [iv], later, WITHIN, keep=True)
    assert (second.rows, second.announce, second.problem) == ([(iv, late)], [], None)
    assert reminders.read_memory(store_remind) == memory
    dry = reminders.plan(store_remind, [iv], later, WITHIN, keep=False)
    assert (dry.rows, dry.announce) == ([(iv, late)], [])


def test_nothing_new_to_say_takes_no_lock(store_remind):
    """A timer run that has nothing to say must not wait for (or fail on) the lock."""
    late = step("phone", NOW_DT - timedelta(hours=1))
    iv = interview(late)
    chosen = reminders.plan(store_remind, [iv], NOW_DT, WITHIN, keep=True)
    reminders.settle(store_remind, chosen, NOW_DT, delivered=True)
    store_remind.lock_path.unlink()
    store_remind.lock_path.mkdir()  # any lock taken now fails
    quiet = reminders.plan(store_remind, [iv], NOW_DT + timedelta(hours=1), WITHIN, keep=True)
    assert (quiet.announce, quiet.problem) == ([], None)
    again = reminders.plan(store_remind, [iv], NOW_DT + timedelta(days=1), WITHIN, keep=True)
    assert (again.rows, again.announce) == ([(iv, late)], [(iv, late)])
    assert again.problem == (
        f"could not lock {store_remind.lock_path}: Is a directory (it will be said again next time)"
    )


def test_a_step_no_longer_due_is_forgotten_even_with_nothing_to_say(store_remind):
    late = step("phone", NOW_DT - timedelta(hours=1))
    iv = interview(late)
    chosen = reminders.plan(store_remind, [iv], NOW_DT, WITHIN, keep=True)
    reminders.settle(store_remind, chosen, NOW_DT, delivered=True)
    done = interview(late.model_copy(update={"status": "done", "done_at": NOW_DT}))
    quiet = reminders.plan(store_remind, [done], NOW_DT, WITHIN, keep=True)
    assert (quiet.rows, quiet.announce, quiet.problem) == ([], [], None)
    assert json.loads((store_remind.root / reminders.STATE_FILE).read_bytes())["said"] == {}


def test_a_memory_that_cannot_be_read_is_empty(store_remind):
    store_remind.root.mkdir(parents=True)
    (store_remind.root / reminders.STATE_FILE).mkdir()
    assert reminders.read_memory(store_remind) == {}


# ----- claims: whose they are, and what survives a run -----------------------------------


def _state(store: Store, said: dict, sending: dict) -> None:
    store.root.mkdir(parents=True, exist_ok=True)
    doc = {"format": "followup-remind", "version": 1, "said": said, "sending": sending}
    (store.root / reminders.STATE_FILE).write_text(json.dumps(doc))


def _claim(pid: int, at: datetime = NOW_DT) -> dict:
    return {"pid": pid, "at": at.isoformat()}


def test_only_claims_with_an_aware_time_and_a_positive_whole_pid_are_trusted():
    doc = json.loads(said_doc({"k": GOOD}))
    doc["sending"] = {
        "good": _claim(4242),
        "init": _claim(1),
        "naive": {"pid": 4242, "at": "2026-11-26T10:00:00"},
        "zero": _claim(0),
        "negative": _claim(-5),
        "text": {"pid": "4242", "at": NOW_DT.isoformat()},
        "bool": {"pid": True, "at": NOW_DT.isoformat()},
    }
    state = reminders.parse_state(json.dumps(doc).encode())
    assert state.sending == {
        "good": reminders.Claim(4242, NOW_DT),
        "init": reminders.Claim(1, NOW_DT),
    }
    assert set(state.said) == {"k"}


def test_claims_that_are_no_table_are_ignored_and_what_was_said_is_kept():
    doc = json.loads(said_doc({"k": GOOD}))
    doc["sending"] = ["not", "a", "table"]
    state = reminders.parse_state(json.dumps(doc).encode())
    assert (set(state.said), state.sending) == ({"k"}, {})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_a_claim_left_under_this_runs_own_pid_holds_nothing_back(store_remind):
    """A run killed while sending left a claim; its pid is now this run's (pids are
    reused). That claim is no other run's: the step is said, and the claim replaced.
    (This run is given the pid of a live process not this one: its own pid would count
    as gone anyway, see `process_gone`; this is the rule `claimed` adds.)"""
    late = step("phone", NOW_DT - timedelta(hours=1))
    iv = interview(late)
    key = reminders.step_key(iv, late)
    me = os.getppid()
    _state(store_remind, {}, {key: _claim(me, NOW_DT - timedelta(seconds=30))})
    chosen = reminders.plan(store_remind, [iv], NOW_DT, WITHIN, keep=True, pid=me)
    assert (chosen.announce, chosen.claimed) == ([(iv, late)], True)
    assert reminders.read_state(store_remind).sending == {key: reminders.Claim(me, NOW_DT)}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_a_leftover_claim_under_this_runs_pid_is_dropped_with_nothing_to_say(store_remind):
    late = step("phone", NOW_DT - timedelta(hours=1))
    iv = interview(late)
    key = reminders.step_key(iv, late)
    said = {key: {"at": NOW_DT.isoformat(), "overdue": True}}
    _state(store_remind, said, {key: _claim(os.getppid())})  # as above
    quiet = reminders.plan(store_remind, [iv], NOW_DT, WITHIN, keep=True, pid=os.getppid())
    assert (quiet.announce, quiet.problem) == ([], None)
    state = reminders.read_state(store_remind)
    assert (set(state.said), state.sending) == ({key}, {})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
@pytest.mark.parametrize("delivered", [True, False])
def test_settling_drops_this_runs_claims_and_no_one_elses(store_remind, delivered):
    late = step("phone", NOW_DT - timedelta(hours=1))
    card = step("card", NOW_DT - timedelta(hours=2), "Jane Doe")
    iv = interview(late, card)
    mine, other_key = reminders.step_key(iv, late), reminders.step_key(iv, card)
    other = os.getppid()  # another run, alive
    chosen = reminders.Plan([(iv, late)], [(iv, late)], claimed=True)
    _state(
        store_remind,
        {},
        {
            mine: _claim(os.getpid()),
            other_key: _claim(other),
            "3/email//2026-11-26T09:00:00+00:00": _claim(os.getpid()),  # mine, another plan's
        },
    )
    assert reminders.settle(store_remind, chosen, NOW_DT, delivered=delivered) is None
    state = reminders.read_state(store_remind)
    assert state.sending == {
        other_key: reminders.Claim(other, NOW_DT),
        "3/email//2026-11-26T09:00:00+00:00": reminders.Claim(os.getpid(), NOW_DT),
    }
    assert set(state.said) == ({mine} if delivered else set())


def test_a_settle_with_nothing_left_to_change_leaves_the_file_as_it_was(store_remind):
    """Its claim already gone (and not delivered): nothing to write, so nothing is."""
    late = step("phone", NOW_DT - timedelta(hours=1))
    iv = interview(late)
    chosen = reminders.Plan([(iv, late)], [(iv, late)], claimed=True)
    _state(store_remind, {}, {})
    path = store_remind.root / reminders.STATE_FILE
    before = (path.stat().st_ino, path.read_bytes())
    assert reminders.settle(store_remind, chosen, NOW_DT, delivered=False) is None
    assert (path.stat().st_ino, path.read_bytes()) == before
