"""followup: never miss the follow-ups after a job interview.

The package is in four layers; a module may import from its own layer and the
layers below it, never from a layer above::

    cli/        the command line: the Typer app, which knows the commands by
                name (app.py), one module per command, named for it
                (commands/done.py), the error boundary (boundary.py), the
                environment (environment.py), the date policy (dates.py), the
                options commands share (options.py), what a command returns and
                its one printer (result.py), tables and styled text (render.py,
                views.py, days.py), advice that names commands (advice.py),
                usage errors (usage.py), shell completion (completion.py).
                The only layer that imports Typer or Rich, prints, reads the
                clock and the environment, or spells `followup ...` in advice.
       |
    features/   what the commands do: actions on interviews (actions; the
                rounds of an application, rounds; --topic, topics), marking
                their steps (marking), drafts (drafts), fitting them into
                their limits (fitting) and their templates, settings, export
                and import (a file's text and format: file_text), reminders,
                replies, the season's numbers (stats).
       |
    storage/    where data lives (locations), the one module that writes files
                (files; its temporary files, temps; the lock, locks; OS errors
                in words, os_problems), what lies where in the data folder
                (layout), the store with its lock and undo, schema migrations,
                the doctor that examines a damaged store (doctor) and the
                repairs it makes (repairs).
       |
    core/       pure logic and data: the step kinds, the pydantic models, the
                text checks, the span of accepted times (limits), the checklist
                engine, reading times (when; English phrases, phrases; time
                zones, zones), finding an interview, the JSON shapes,
                merging two copies of an interview (sync).
                No I/O, no clock: time is passed in.

`errors.py` (the project's exceptions) may be imported by every layer.
`__main__.py` is the console entry point; it dispatches the fast shell-prompt
line before anything above `core/` is imported.
"""

__version__ = "0.1.0"
