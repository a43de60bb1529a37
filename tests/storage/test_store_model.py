"""A stateful test: the store and its actions against a plain in-memory model.

Hypothesis runs add, edit, done, close, remove and undo in random orders; after
every step, what the store reads back must be what the model says.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from conftest import NOW_DT
from followup.core.models import Interviewer
from followup.errors import FollowupError
from followup.features import actions, marking
from followup.storage.store import UNDO_LEVELS, Store

COMPANIES = st.sampled_from(["Acme", "Globex", "Initech", "Umbrella", "Hooli"])
KINDS = st.sampled_from(["email", "linkedin", "card", "phone"])


class StoreAgainstModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="followup-model-"))
        self.store = Store(self.folder / "home")
        # The model: number -> (company, closed, {(kind, who): status}); and the undo stack.
        self.model: dict[int, tuple[str, bool, dict]] = {}
        self.next_id = 1
        self.undo_stack: list[dict] = []
        self.clock = NOW_DT

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _tick(self) -> datetime:
        self.clock += timedelta(minutes=1)
        return self.clock

    def _remember(self) -> None:
        self.undo_stack = [*self.undo_stack, copy.deepcopy(self.model)][-UNDO_LEVELS:]

    def _open(self) -> list[int]:
        return sorted(n for n, (_, closed, _) in self.model.items() if not closed)

    @rule(company=COMPANIES, people=st.integers(0, 2))
    def add(self, company, people):
        who = [Interviewer(name=f"Person {i}") for i in range(people)]
        now = self._tick()
        with self.store.change(now) as change:
            iv = actions.add_interview(change, company=company, at=now, now=now, interviewers=who)
        assert iv.id == self.next_id
        self._remember()
        steps = {(s.step, s.who): "pending" for s in iv.steps}
        self.model[iv.id] = (company, False, steps)
        self.next_id += 1

    @precondition(lambda self: self._open())
    @rule(data=st.data(), company=COMPANIES)
    def edit(self, data, company):
        number = data.draw(st.sampled_from(self._open()))
        with self.store.change(self._tick()) as change:
            actions.edit_interview(change, str(number), company=company)
        old, closed, steps = self.model[number]
        if old != company:
            self._remember()
            self.model[number] = (company, closed, steps)

    @precondition(lambda self: self._open())
    @rule(data=st.data(), kind=KINDS)
    def done(self, data, kind):
        number = data.draw(st.sampled_from(self._open()))
        now = self._tick()
        with self.store.change(now) as change:
            result = marking.set_steps(change, str(number), [kind], "done", now)
        company, closed, steps = self.model[number]
        expected = [k for k, status in steps.items() if k[0] == kind and status != "done"]
        assert len(result.changed) == len(expected)
        # One voicemail greeting serves every interview: phone is ticked on all open ones.
        also = [
            n
            for n in self._open()
            if kind == "phone" and n != number and self.model[n][2][("phone", None)] == "pending"
        ]
        assert sorted(other.id for other, _ in result.elsewhere) == also
        if expected or also:
            self._remember()
        if expected:
            steps = {**steps, **dict.fromkeys(expected, "done")}
            self.model[number] = (company, closed, steps)
        for n in also:
            other, closed_, its = self.model[n]
            self.model[n] = (other, closed_, {**its, ("phone", None): "done"})

    @precondition(lambda self: self._open())
    @rule(data=st.data())
    def close(self, data):
        number = data.draw(st.sampled_from(self._open()))
        now = self._tick()
        with self.store.change(now) as change:
            actions.close_interview(change, str(number), now)
        self._remember()
        company, _, steps = self.model[number]
        self.model[number] = (company, True, steps)

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def remove(self, data):
        number = data.draw(st.sampled_from(sorted(self.model)))
        with self.store.change(self._tick()) as change:
            actions.remove_interview(change, actions.interview_named(change, str(number)))
        self._remember()
        del self.model[number]

    @rule()
    def undo(self):
        if not self.undo_stack:
            with pytest.raises(FollowupError, match="nothing to undo"):
                self.store.undo(self._tick())
            return
        self.store.undo(self._tick())
        self.model = self.undo_stack.pop()

    @invariant()
    def the_store_reads_back_as_the_model(self):
        if not self.store.open_path.exists():
            assert not self.model
            return
        seen = {
            iv.id: (iv.company, iv.closed, {(s.step, s.who): s.status for s in iv.steps})
            for iv in self.store.read_all()
        }
        assert seen == self.model
        doc = self.store.read_open()
        assert sorted(iv.id for iv in doc.interviews) == self._open()
        assert len(doc.undo) == len(self.undo_stack)
        assert doc.next_id == self.next_id  # numbers are never given out twice
        leftovers = self.store.stray_files(doc)
        assert not leftovers, leftovers


StoreAgainstModel.TestCase.settings = settings(
    max_examples=30, stateful_step_count=30, deadline=None
)
test_store_against_model = StoreAgainstModel.TestCase
