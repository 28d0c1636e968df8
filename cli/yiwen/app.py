"""The Typer app: registers every command module and is the ONE place errors become exit codes."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import typer

from yiwen import __version__
from yiwen.errors import ExitCode, YiwenError

app = typer.Typer(
    name="yiwen",
    help=(
        "Translate and edit bilingual Chinese ⇄ English hospital news.\n\n"
        "Example: yiwen check draft.md --glossary glossaries/shanghai-general-hospital.toml"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": bool(os.environ.get("YIWEN_DEBUG"))}


def _version(value: bool) -> None:
    if value:
        print(f"yiwen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
) -> None:
    """Translate and edit bilingual Chinese ⇄ English hospital news."""
    if debug:
        _state["debug"] = True


_registered: set[str] = set()


def _command_modules() -> list[str]:
    import yiwen.commands as pkg

    names = (m.name for m in pkgutil.iter_modules(pkg.__path__))
    return sorted(n for n in names if not n.startswith("_"))


def register_commands(command: str | None = None) -> typer.Typer:
    """Register the command modules `command` needs (all of them when None) and return the app.

    A run imports and builds only its own command ("batch" -> commands/batch.py; "glossary"
    -> glossary.py and glossary_names.py): Typer turns every registered function into a click
    command on each call, and the other modules' imports are start-up a command should not pay.
    """
    modules = _command_modules()
    wanted = [m for m in modules if command is None or m == command or m.startswith(f"{command}_")]
    for name in wanted or modules:  # an unknown command: register all, click says what exists
        if name not in _registered:
            importlib.import_module(f"yiwen.commands.{name}").register(app)
            _registered.add(name)
    return app


def _command_of(args: list[str]) -> str | None:
    """Return the command word of `args` (the first one that is not a root option)."""
    for a in args:
        if not a.startswith("-"):
            return a
        if a in ("-h", "--help", "--version"):
            return None
    return None


def run(argv: list[str] | None = None) -> int:
    """Run the CLI with `argv` and return its exit code, turning every error into one line."""
    args = sys.argv[1:] if argv is None else argv
    # Per run, not per process: one `--debug` run must not leave tracebacks on for the next.
    _state["debug"] = bool(os.environ.get("YIWEN_DEBUG")) or "--debug" in args
    try:
        register_commands(_command_of(args))
        rv = app(args=args, prog_name="yiwen", standalone_mode=False)
    except YiwenError as exc:
        if _state["debug"]:
            raise
        _error(str(exc))
        return int(exc.exit_code)
    except KeyboardInterrupt:
        _error("interrupted")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        return int(ExitCode.OK)
    except Exception as exc:
        # Typer vendors click in recent releases (typer._click), so click's usage errors and
        # Abort are recognised by shape rather than by importing one particular click.
        if type(exc).__name__ == "Abort":
            _error("interrupted")
            return int(ExitCode.INTERRUPTED)
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            return int(ExitCode.USAGE)
        if _state["debug"]:  # the last resort: a bug in yiwen
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        return int(ExitCode.INTERNAL)
    return rv if isinstance(rv, int) else 0


def _error(message: str) -> None:
    from yiwen.render.console import stderr

    stderr().print(f"[error]yiwen: error:[/error] {message}", markup=True, highlight=False)


def main() -> None:
    """Console-script entry point."""
    code = run()
    sys.stdout.flush()
    # The interpreter's last garbage collections walk every object the run left (typer, rich,
    # the rules: about 20 ms of a 0.13 s command). The process is ending and its files are
    # written and closed: freeze those objects so the collections at exit skip them.
    import gc

    gc.freeze()
    sys.exit(code)
