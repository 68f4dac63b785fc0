"""The `trustquest` command line.

Heavy modules (Textual, Rich, the position pass) are imported inside the
commands that need them, so `run`, `validate` and `list` start fast and never
load Textual. Exit codes: 0 success, 1 content errors, 2 usage errors. No user
error ever prints a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from trustquest import __version__
from trustquest.errors import ChoiceError, SaveError, ScenarioError, TrustQuestError, UsageError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors: usage, exit 2, no traceback
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a seed is a whole number, not {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("a seed is between 0 and 2**63 - 1")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("expected a number of at least 1")
    return value


def _choices(text: str) -> list[int]:
    out = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit() or int(part) < 1:
            raise argparse.ArgumentTypeError(
                f"answers are choice numbers from 1, separated by commas (like 1,2,1), not {part!r}"
            )
        out.append(int(part))
    if not out:
        raise argparse.ArgumentTypeError("give at least one answer, like 1,2,1")
    return out


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--saves", metavar="DIR", default=argparse.SUPPRESS, help="where saves and the profile live"
    )
    parser = _Parser(
        prog="trustquest",
        description="A terminal game about trust between partners.",
        parents=[common],
        epilog="With no command, opens the game at its title screen.",
    )
    parser.add_argument("--version", action="version", version=f"trustquest {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    players = argparse.ArgumentParser(add_help=False)
    group = players.add_argument_group("players")
    group.add_argument(
        "--names",
        metavar="A,B",
        help="both names: yours and your partner's; in hot-seat player one's and player two's "
        "(default: the scenario's)",
    )
    group.add_argument(
        "--pronouns",
        metavar="P[,P]",
        help="they, she or he: one for your partner (player two in hot-seat), or two for "
        "player one and player two, like she,they",
    )
    group.add_argument("--name", metavar="NAME", help="your name, or player one's in hot-seat")
    group.add_argument(
        "--partner", metavar="NAME", help="your partner's name, or player two's in hot-seat"
    )

    p = sub.add_parser(
        "play", parents=[common, players], help="play a built-in scenario id or a file"
    )
    p.add_argument(
        "scenario", metavar="SCENARIO", help="a built-in id (see `trustquest list`) or a .toml file"
    )
    p.add_argument("--hotseat", action="store_true", help="two players on one keyboard")
    p.add_argument(
        "--plain", action="store_true", help="numbered lines of text; answers read from stdin"
    )
    p.add_argument(
        "--seed",
        type=_seed,
        default=None,
        help="fixes the order choices are shown in (default: a new order every game)",
    )
    p.add_argument(
        "--watch", action="store_true", help="reload the file when it changes, keeping your place"
    )
    p = sub.add_parser(
        "continue", parents=[common], help="resume the last autosave, a named save or a backup"
    )
    p.add_argument(
        "--plain", action="store_true", help="numbered lines of text; answers read from stdin"
    )
    p.add_argument(
        "--slot", metavar="NAME", help="resume the save called NAME instead of the autosave"
    )
    p.add_argument(
        "--backup",
        action="store_true",
        help="resume the previous version of that save (NAME.bak.toml), e.g. when it is damaged",
    )

    sub.add_parser(
        "list", parents=[common], help="list the scenarios found, and where each came from"
    )

    p = sub.add_parser("validate", parents=[common], help="check scenario files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("text", "concise", "json", "github"), default="text")

    p = sub.add_parser(
        "profile", parents=[common], help="your patterns across the stories you finished"
    )
    p.add_argument("--clear", action="store_true", help="forget them (the endings gallery stays)")

    p = sub.add_parser(
        "run",
        parents=[common, players],
        help="play a fixed list of answers and print the transcript",
    )
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument(
        "--choices",
        type=_choices,
        required=True,
        metavar="1,2,1",
        help="answers in the order the game asks for them",
    )
    p.add_argument("--hotseat", action="store_true")
    p.add_argument(
        "--seed",
        type=_seed,
        default=1,
        help="the seed of the order choices are shown in, so --choices numbers mean the "
        "same every run (default 1)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("simulate", parents=[common], help="random playthroughs, with a report")
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--runs", type=_positive, default=1000)
    p.add_argument("--seed", type=_seed, default=0)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if a scene or ending is never reached, or a run dead-ends or never ends",
    )

    p = sub.add_parser(
        "paths", parents=[common], help="prove which scenes and endings can be reached, and how"
    )
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--hotseat", action="store_true", help="explore hot-seat play")
    p.add_argument(
        "--seed", type=_seed, default=1, help="the seed `run` will be given (default 1, as for run)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--max-states",
        type=_positive,
        default=200_000,
        metavar="N",
        help="states to explore at most (default 200000)",
    )
    p.add_argument(
        "--max-seconds",
        type=_positive,
        default=10,
        metavar="S",
        help="seconds to search at most (default 10)",
    )

    p = sub.add_parser("graph", parents=[common], help="the scene graph as Mermaid or Graphviz dot")
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")

    p = sub.add_parser("new", parents=[common], help="start a new, well-commented scenario file")
    p.add_argument("name", metavar="NAME", help="a lowercase-kebab id, or a path ending in .toml")
    p.add_argument("--hotseat", action="store_true", help="include hot-seat scenes (both, predict)")

    sub.add_parser("schema", parents=[common], help="print the JSON Schema of the scenario format")

    p = sub.add_parser(
        "lsp", parents=[common], help="the language server for editors (LSP over stdin/stdout)"
    )
    p.add_argument("--stdio", action="store_true", help="accepted for editors that pass it")
    return parser


def main(argv: list[str] | None = None) -> int:
    from trustquest.output import clean_output

    with clean_output():  # nothing printed below can drive the terminal
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return _dispatch(args)
    except UsageError as exc:
        print(f"trustquest: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ScenarioError as exc:
        _print_scenario_error(exc)
        return EXIT_CONTENT
    except (ChoiceError, SaveError, TrustQuestError) as exc:
        print(f"trustquest: error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("\ninterrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_pipe()
        return EXIT_OK
    except Exception as exc:  # a bug: log it, keep the screen clean
        log = _crash_log(args, exc)
        print(f"trustquest: internal error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        if log:
            print(f"details were written to {log}", file=sys.stderr)
        return EXIT_CONTENT


def _quiet_pipe() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def _crash_log(args, exc: BaseException) -> Path | None:
    import traceback

    from trustquest.saves import saves_dir

    try:
        folder = saves_dir(getattr(args, "saves", None))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)))
            fh.write("\n")
        return path
    except OSError:
        return None


def _print_scenario_error(exc: ScenarioError) -> None:
    from trustquest.engine.diagnostics import format_text, summary

    print(f"trustquest: {exc}", file=sys.stderr)
    errors = [d for d in exc.diagnostics if d.is_error]
    for d in errors[:20]:
        print(format_text(d), file=sys.stderr)
    if len(errors) > 20:
        print(
            f"... and {len(errors) - 20} more; run `trustquest validate` for all of them",
            file=sys.stderr,
        )
    files = len({d.file for d in exc.diagnostics}) or 1
    print(summary(exc.diagnostics, files), file=sys.stderr)


def _dispatch(args) -> int:
    from trustquest.saves import saves_dir

    saves = saves_dir(getattr(args, "saves", None))
    command = args.command
    if command in (None, "play", "continue", "profile"):
        from trustquest.files import remove_stale_temporaries

        remove_stale_temporaries(saves)  # left by writes that were killed
    if command is None:
        return _tui(saves)
    if command == "play":
        from trustquest.catalog import resolve

        players = _players(args)
        entry = resolve(args.scenario)
        if args.plain:
            if args.watch:
                raise UsageError(
                    "--watch reloads the full-screen game; it cannot be combined with --plain"
                )
            from trustquest.plain import play

            return play(
                entry,
                saves,
                hotseat=args.hotseat,
                seed=args.seed,
                players=players,
            )
        return _tui(
            saves,
            entry=entry,
            hotseat=args.hotseat,
            seed=args.seed,
            watch=args.watch,
            players=players,
        )
    if command == "continue":
        from trustquest.saves import AUTOSAVE, slot_name

        try:
            slot = slot_name(args.slot) if args.slot is not None else AUTOSAVE
        except SaveError as exc:
            raise UsageError(f"--slot: {exc}") from None
        if args.plain:
            from trustquest.plain import resume

            return resume(saves, slot=slot, backup=args.backup)
        return _tui(saves, resume=True, slot=slot, backup=args.backup)
    if command == "list":
        from trustquest.commands import list_scenarios

        return list_scenarios()
    if command == "validate":
        from trustquest.commands import validate

        return validate(args.paths, args.format)
    if command == "profile":
        from trustquest.commands import profile

        return profile(saves, clear=args.clear)
    if command == "run":
        from trustquest.commands import run

        return run(
            args.scenario,
            args.choices,
            hotseat=args.hotseat,
            seed=args.seed,
            as_json=args.json,
            players=_players(args),
        )
    if command == "simulate":
        from trustquest.tools.simulate import main as simulate_main

        return simulate_main(args)
    if command == "paths":
        from trustquest.tools.paths import main as paths_main

        return paths_main(args)
    if command == "graph":
        from trustquest.tools.graph import main as graph_main

        return graph_main(args)
    if command == "new":
        from trustquest.tools.scaffold import main as new_main

        return new_main(args)
    if command == "schema":
        from trustquest.tools.schema import main as schema_main

        return schema_main(args)
    if command == "lsp":
        from trustquest.lsp.server import main as lsp_main

        return lsp_main()
    raise UsageError(f"unknown command {command!r}")


def _players(args):
    from trustquest.players import players_from_options

    return players_from_options(
        args.names, args.pronouns, args.name, args.partner, hotseat=args.hotseat
    )


def _tui(saves: Path, **kwargs) -> int:
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UsageError("the full-screen game needs a terminal; use --plain to play over a pipe")
    from trustquest.tui.app import run as run_app

    return run_app(saves=saves, **kwargs)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
