"""`followup remove`, driven through the real command line."""

from __future__ import annotations

import json

from conftest import ACME

# ----------------------------------------------------------------------------
# The core commands, driven through the real CLI as a user would.


def add_acme(cli, *extra: str):
    result = cli(*ACME, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json()


def test_remove_needs_yes_without_a_terminal(cli, files):
    add_acme(cli)
    before = files()
    refused = cli("remove", "1")
    assert refused.code == 1 and "--yes" in refused.stderr
    assert files() == before
    assert cli("remove", "1", "--yes").code == 0
    assert cli("list", "--all", "--json").json() == []


def test_numbers_are_never_reused_after_remove_or_undo(cli):
    add_acme(cli)
    cli("add", "Globex")
    cli("remove", "2", "--yes")
    assert cli("add", "Initech", "--json").json()["id"] == 3
    cli("undo")
    assert cli("add", "Umbrella", "--json").json()["id"] == 4


# ----------------------------------------------------------------------------
# `followup import`: JSON exports and CSV files in, all or nothing, one undo.


def test_numbers_given_out_before_are_never_reused_even_after_remove(cli, tmp_path):
    cli("add", "Temp", "--at", "2026-11-20 10:00")
    cli("remove", "1", "--yes")
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps(
            {
                "format": "followup",
                "version": 1,
                "interviews": [{"id": 1, "company": "Acme", "at": "2026-11-01T10:00:00+00:00"}],
            }
        )
    )
    run = cli("import", str(path), "--json")
    assert run.json()["renumbered"] == [{"from": 1, "to": 2}]


# ----------------------------------------------------------------------------
# Rules of the commands that change interviews and their steps (features.actions and
# features.marking), through the store as the CLI uses it, and through the CLI itself.
#
# Each test is a rule a user relies on: which names in a topic are taken for a person,
# what a rename keeps, what the next round takes over, where a reopened interview goes,
# and which check-in `done` and `reopen` mean.


def test_a_round_whose_earlier_round_was_removed_closes_alone(cli):
    assert cli("add", "Beta", "--at", "2026-11-25 14:00").code == 0
    assert cli("next", "beta").code == 0
    assert cli("remove", "1", "--yes").code == 0
    run = cli("close", "beta", "--outcome", "offer")
    assert run.code == 0 and "Also closed" not in run.stderr
    assert [(i["id"], i["outcome"]) for i in cli("list", "--all", "--json").json()] == [
        (2, "offer")
    ]
