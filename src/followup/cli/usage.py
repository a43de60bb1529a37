"""Usage errors (an unknown option, a missing argument, a bad choice) in one line.

Click, which Typer vendors as `typer._click`, prints four lines for a usage error:
the usage, a hint, a blank line, the error. followup says what is wrong, naming the
value, and where the help is, in one line on stderr like its other errors; exit 2.
The Click command classes below (set on the app and on every command in `app.py`)
word the errors as they leave Click's parsing.

They also read `-1` where a command takes an INTERVIEW as a (wrong) interview
number, not as an unknown option, so that the lookup explains it.
"""

from __future__ import annotations

import re
import sys
from typing import IO, Any

from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.parser import _OptionParser
from typer.core import TyperCommand, TyperGroup

#: A negative whole number, as typed for an interview number.
NEGATIVE = re.compile(r"-\d+")


class UsageLine(UsageError):
    """A usage error worded for people: shown as one line, `error: ...`."""

    def show(self, file: IO[Any] | None = None) -> None:
        from followup.core.text import clean

        (file or sys.stderr).write(f"error: {clean(self.message)}\n")


def worded(error: UsageError) -> UsageError:
    """`error` as one line; the help that a bare `followup` prints stays as it is."""
    if isinstance(error, UsageLine | NoArgsIsHelpError):
        return error
    path = error.ctx.command_path if error.ctx else "followup"
    return UsageLine(f"{_what(error, path)}: see `{path} --help`", error.ctx)


def _what(error: UsageError, path: str) -> str:
    """What is wrong, naming the option or value."""
    if isinstance(error, NoSuchOption):
        return f"no such option {error.option_name!r} for `{path}`{_guess(error.possibilities)}"
    if isinstance(error, MissingParameter) and error.param is not None:
        return f"missing {_name(error.param)} for `{path}`"
    if isinstance(error, BadParameter) and error.param is not None:
        reason = _reason(error)
        return f"bad {_name(error.param)}: {reason}{_choice_guess(reason)}"
    if isinstance(error, BadOptionUsage):
        option = _option(error.ctx, error.option_name)
        if option is None or option.is_flag:
            return f"{error.option_name} in `{path}` takes no value"
        values = "a value" if option.nargs == 1 else f"{option.nargs} values"
        return f"{error.option_name} in `{path}` needs {values}"
    message = error.format_message().rstrip(".")
    return message[:1].lower() + message[1:]


def _guess(possible: Any) -> str:
    """ " (did you mean --all?)": the close names Click found, --help only if alone."""
    possible = [p for p in possible or () if p != "--help"] or possible
    return f" (did you mean {' or '.join(possible)}?)" if possible else ""


def _choice_guess(reason: str) -> str:
    """' (did you mean offer?)' for a choice (`--outcome offr`) a letter or two off,
    read from the reason it was refused ("'offr' is not one of 'offer', ...")."""
    from followup.core.guess import did_you_mean

    refused = re.match(r"'([^']*)' is not one of (.*)", reason)
    if refused is None:
        return ""
    return did_you_mean(refused[1], re.findall(r"'([^']*)'", refused[2]))


def _name(param: Any) -> str:
    """An option's long name (`--days`), or an argument's (`INTERVIEW`)."""
    if param.param_type_name == "option":
        return max(param.opts, key=len)
    return (param.metavar or param.name.upper()).rstrip(".")


def _option(ctx: Any, name: str) -> Any:
    params = ctx.command.params if ctx else []
    return next((p for p in params if name in (*p.opts, *p.secondary_opts)), None)


def _reason(error: BadParameter) -> str:
    """Why a value was refused, naming it: Typer checks values with pydantic, whose
    error says what the value was and which rule it broke."""
    errors = getattr(error.__cause__, "errors", None)
    if not callable(errors) or not errors():
        return error.message
    first = errors()[0]
    value, limits = first.get("input"), first.get("ctx") or {}
    reasons = {
        "value_error": str(limits.get("error", "")).rstrip("."),
        "int_parsing": f"{value!r} is not a whole number",
        "greater_than_equal": f"{value!r} is less than {limits.get('ge')}",
        "less_than_equal": f"{value!r} is more than {limits.get('le')}",
    }
    return reasons.get(first.get("type")) or f"{value!r}: {first.get('msg', '').lower()}"


class _WordedUsage:
    """Word the usage errors of parsing this command's arguments as one line."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except UsageError as error:
            error.ctx = error.ctx or ctx  # Click's parser leaves some errors without one
            raise worded(error) from None


class FollowupGroup(_WordedUsage, TyperGroup):
    """The `followup` command: its own options, and the choice of a command."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except NoSuchOption as error:
            raise worded(error) from None
        except UsageError:
            from difflib import get_close_matches

            guess = _guess(get_close_matches(args[0], list(self.commands)))
            raise UsageLine(
                f"no such command {args[0]!r}{guess}: see `followup --help`", ctx
            ) from None


class FollowupCommand(_WordedUsage, TyperCommand):
    """A followup command: one-line usage errors; `-1` for an INTERVIEW is a value."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # refused below, naming the extra value
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            raise UsageLine(
                f"{rest[0]!r} is one argument too many for `{ctx.command_path}`: "
                f"see `{ctx.command_path} --help`",
                ctx,
            )
        return rest

    def make_parser(self, ctx: Any) -> _OptionParser:
        if not any(p.name == "interview" for p in self.params):
            return super().make_parser(ctx)
        parser = _NumbersAreValues(ctx)
        for param in self.get_params(ctx):
            param.add_to_parser(parser, ctx)
        return parser


class _NumbersAreValues(_OptionParser):
    """A parser that takes `-1` as an argument's value: no option of followup's is a
    digit, and `followup done -1 email` means a (wrong) interview number."""

    def _process_opts(self, arg: str, state: Any) -> None:
        if NEGATIVE.fullmatch(arg):
            state.largs.append(arg)
        else:
            super()._process_opts(arg, state)
