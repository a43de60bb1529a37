"""core.models: how a `--with` value is read into an interviewer, and the bounds the
models hold every stored value to, tested directly."""

from __future__ import annotations

import pytest

from followup.core.models import MAX_ID, Interview, Interviewer
from followup.errors import FollowupError


@pytest.mark.parametrize(
    ("text", "name", "email"),
    [
        ("Jane Doe", "Jane Doe", None),
        ("Jane Doe <jane@acme.com>", "Jane Doe", "jane@acme.com"),
        ("<jane@acme.com>", "", "jane@acme.com"),
        ("jane@acme.com", "", "jane@acme.com"),  # a bare address is an email
        ("  Jane   <jane@acme.com>  ", "Jane", "jane@acme.com"),
        ("Jane @ Acme", "Jane @ Acme", None),  # no address in it
    ],
)
def test_a_with_value_is_a_name_an_email_or_both(text, name, email):
    person = Interviewer.parse(text)
    assert (person.name, person.email) == (name, email)


NAME_WITH_EMAIL = "reads as a name with an email in it: write it as"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # an address typed beside the name would be part of the name, greeted in drafts
        ("Jane jane@x.com", f'\'Jane jane@x.com\' {NAME_WITH_EMAIL} "Jane <jane@x.com>"'),
        ("Jo Doe, jo@x.com", f'\'Jo Doe, jo@x.com\' {NAME_WITH_EMAIL} "Jo Doe <jo@x.com>"'),
        ("(jane@x.com) Jane", f'\'(jane@x.com) Jane\' {NAME_WITH_EMAIL} "Jane <jane@x.com>"'),
        ("a@b.co c@d.co", '\'a@b.co c@d.co\' holds 2 emails: give each person as "Name <email>", '
         'separated by ";" or in a --with each'),
        ("Jane <jane@>", 'bad email \'jane@\' in \'Jane <jane@>\': write it as '
         '"Name <name@example.com>"'),
        ("", "empty interviewer '': give \"Name\", \"Name <email>\" or \"<email>\""),
        ("J <a@b.co> <c@d.co>", "can't read interviewer 'J <a@b.co> <c@d.co>': write "
         '"Name <email>" with one pair of <>'),
    ],
)  # fmt: skip
def test_a_with_value_that_would_be_misread_is_refused(text, said):
    with pytest.raises(FollowupError) as caught:
        Interviewer.parse(text)
    assert str(caught.value) == said


@pytest.mark.parametrize("field", ["id", "previous"])
def test_interview_numbers_stop_at_max_id(field):
    base = {"id": 2, "uid": "u", "company": "Acme", "at": "2026-11-25T14:00:00+00:00"}
    assert getattr(Interview.model_validate(base | {field: MAX_ID}), field) == MAX_ID
    with pytest.raises(ValueError, match="less than or equal to 999999999"):
        Interview.model_validate(base | {field: MAX_ID + 1})
