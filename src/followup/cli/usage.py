"""Usage errors (an unknown option, a missing argument, a bad choice) in one line.

Click, on which Typer is built, prints four lines for a usage error: the usage, a
hint, a blank line, the error. followup says what is wrong, naming the value, and
where the help is, in one line on stderr like its other errors; exit 2. The
command classes below (Typer's public `TyperGroup` and `TyperCommand`, set on the
app and on every command) word the errors as they leave Click's parsing.

Only public names are used: Click's exception classes are reached through
`typer.BadParameter` (a `UsageError`) and told apart by their documented names,
which are the same whether Typer uses Click or carries its own copy of it.

They also read `-1` where a command takes an INTERVIEW as a (wrong) interview
number, not as an unknown option, so that the lookup explains it.
"""

from __future__ import annotations

import re
import sys
from typing import IO, Any

import typer
from typer.core import TyperCommand, TyperGroup

#: Click's base class of usage errors: what `typer.BadParameter` is a kind of.
UsageError: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError"
)

#: A negative whole number, as typed for an interview number.
NEGATIVE = re.compile(r"-\d+")


def _is(error: BaseException, kind: str) -> bool:
    """Whether `error` is of Click's exception class named `kind` (NoSuchOption, say)."""
    return any(c.__name__ == kind for c in type(error).__mro__)


class UsageLine(UsageError):  # type: ignore[misc,valid-type]
    """A usage error worded for people: shown as one line, `error: ...`."""

    def show(self, file: IO[Any] | None = None) -> None:
        from followup.core.text import clean

        (file or sys.stderr).write(f"error: {clean(self.message)}\n")


def worded(error: Any) -> Any:
    """`error` as one line; the help that a bare `followup` prints stays as it is."""
    if isinstance(error, UsageLine) or _is(error, "NoArgsIsHelpError"):
        return error
    path = error.ctx.command_path if error.ctx else "followup"
    return UsageLine(f"{_what(error, path)}: see `{path} --help`", error.ctx)


def _what(error: Any, path: str) -> str:
    """What is wrong, naming the option or value."""
    if _is(error, "NoSuchOption"):
        return f"no such option {error.option_name!r} for `{path}`{_guess(error.possibilities)}"
    if _is(error, "MissingParameter") and error.param is not None:
        return f"missing {_name(error.param)} for `{path}`"
    if isinstance(error, typer.BadParameter) and error.param is not None:
        reason = _reason(error)
        return f"bad {_name(error.param)}: {reason}{_choice_guess(reason)}"
    if _is(error, "BadOptionUsage"):
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


def _reason(error: Any) -> str:
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
            error.ctx = error.ctx or ctx  # type: ignore[attr-defined]  # Click leaves some without
            raise worded(error) from None


class FollowupGroup(_WordedUsage, TyperGroup):
    """The `followup` command: its own options, and the choice of a command."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            if _is(error, "NoSuchOption"):
                raise worded(error) from None
            from difflib import get_close_matches

            guess = _guess(get_close_matches(args[0], self.list_commands(ctx)))
            raise UsageLine(
                f"no such command {args[0]!r}{guess}: see `followup --help`", ctx
            ) from None


class FollowupCommand(_WordedUsage, TyperCommand):
    """A followup command: one-line usage errors; `-1` for an INTERVIEW is a value."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # refused below, naming the extra value
        shielded: set[str] = set()
        if any(p.name == "interview" for p in self.params):
            args = _shield_numbers(self.get_params(ctx), args, shielded)
        rest = super().parse_args(ctx, args)
        if shielded:
            _unshield(ctx.params, shielded)
            rest = [_bare(value, shielded) for value in rest]
            ctx.args = rest
        if rest and not ctx.resilient_parsing:
            raise UsageLine(
                f"{rest[0]!r} is one argument too many for `{ctx.command_path}`: "
                f"see `{ctx.command_path} --help`",
                ctx,
            )
        return rest


# ----- `-1` as a value -------------------------------------------------------------
#
# No option of followup's is a digit, and `followup done -1 email` means a (wrong)
# interview number. Click would read `-1` as an unknown option: before it parses,
# each `-N` that stands where an option could is given a leading space (so that it
# reads as a value), and the space is taken off the values parsed.


def _shield_numbers(params: list[Any], args: list[str], shielded: set[str]) -> list[str]:
    """`args` with each `-N` that Click would take for an option made a value."""
    takes: dict[str, int] = {}  # option -> how many values follow it
    for param in params:
        if param.param_type_name == "option":
            count = 0 if param.is_flag or param.count else param.nargs
            for name in (*param.opts, *param.secondary_opts):
                takes[name] = count
    out: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":  # the rest are values already
            out += args[i - 1 :]
            break
        if NEGATIVE.fullmatch(arg):
            shielded.add(" " + arg)
            out.append(" " + arg)
            continue
        out.append(arg)
        values = 0
        if arg.startswith("--"):
            values = 0 if "=" in arg else takes.get(arg, 0)
        elif arg.startswith("-") and len(arg) > 1:
            for at, letter in enumerate(arg[1:], start=2):  # -ay, -d7: flags, then a value
                values = takes.get("-" + letter, 0)
                if values:
                    values -= at < len(arg)  # the rest of the word is its first value
                    break
        out += args[i : i + values]
        i += values
    return out


def _bare(value: Any, shielded: set[str]) -> Any:
    if isinstance(value, str) and value in shielded:
        return value[1:]
    if isinstance(value, list | tuple):
        return type(value)(_bare(v, shielded) for v in value)
    return value


def _unshield(params: dict[str, Any], shielded: set[str]) -> None:
    for key, value in params.items():
        params[key] = _bare(value, shielded)
