"""How an interview's words read in a draft: topics, names and dates, rule by rule."""

from __future__ import annotations

from followup.features.wording import (
    sentence,
)


def test_a_sentence_ends_with_one_full_stop():
    assert sentence("why?! ") == "why."
    assert sentence("done") == "done."


def test_topics_joined_as_sentences_each_read_inside_its_own(cli):
    """'... and We toured the office' read as if a new sentence began mid-sentence."""
    assert cli(
        "add", "Acme", "--at", "2026-11-25 14:00", "--with", "Jane Doe <jane@acme.com>",
        "--topic", "We walked through the Q3 dashboard", "--topic", "We toured the office",
        "--topic", "Python at Acme",
    ).code == 0  # fmt: skip
    email = " ".join(cli("draft", "1", "email").stdout.split())
    assert (
        "I especially enjoyed the part where we walked through the Q3 dashboard. We also "
        "toured the office. I also enjoyed hearing about Python at Acme." in email
    ), email
