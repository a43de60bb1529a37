"""The season at a glance: stats."""

from __future__ import annotations

from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import JsonOpt
from followup.cli.result import Result


@command()
def stats(as_json: JsonOpt = False) -> Result:
    """It reads every interview, closed ones too. Rounds of one application count once.

    Example: followup stats
    """
    from followup.features.stats import season

    e = env()
    interviews = e.store.read_all()
    numbers = season(interviews, e.now)
    result = Result(numbers.as_json)
    if not interviews:
        return result.hint(
            "No interviews yet: after your next one, run "
            '`followup add COMPANY --with "Name <email>"`.'
        )
    return result.show(lambda: _picture(numbers))


def _picture(season):
    from followup.cli.render import width
    from followup.cli.views import season_lines

    return season_lines(season, width())
