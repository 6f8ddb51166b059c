"""backstride: the command line (`coach ...`; `python app.py` is `coach serve`). Wiring only:
the browser page is `chains/ui.py`, what it shows `chains/page.py`, one turn `chains/coach.py`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from chains.config import Settings, go_offline, log_to_stderr
from chains.session import Session
from knowledge.errors import CoachError, UsageError


def _parser() -> argparse.ArgumentParser:
    # SUPPRESS: an option not given leaves no default, so it may come before or after the command
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--llm", help="LangChain init_chat_model spec, e.g. ollama:llama3.2")
    common.add_argument("--data-dir", help="where the embedded index lives")
    common.add_argument("--chroma-url", help="use a Chroma server, e.g. http://127.0.0.1:8000")
    common.add_argument("--embedding-model", help="sentence-transformers name or path")
    common.add_argument("-v", "--verbose", action="store_true", help="log events to stderr")
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="JSON on stdout, one per line")

    parser = argparse.ArgumentParser(prog="coach", description=__doc__, parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve = sub.add_parser("serve", parents=[common], help="the browser UI")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=7860)
    # fmt: off
    for name, text in (("ask", "one turn in a new conversation"),
                       ("triage", "the red-flag guard alone (rules and meaning), no index")):
        cmd = sub.add_parser(name, parents=[common, as_json], help=text)
        cmd.add_argument("message", nargs="?", help="without it: one per stdin line")
    sub.add_parser("chat", parents=[common, as_json], help="one conversation over stdin lines")
    index = sub.add_parser("index", parents=[common, as_json], help="build or check the index")
    index.add_argument("--rebuild", action="store_true")
    sub.add_parser("eval", parents=[common, as_json], help="quality figures against their bars")
    bench = sub.add_parser("bench", parents=[common, as_json], help="speed and memory figures")
    bench.add_argument("--load", type=int, nargs="?", const=32, metavar="N",
                       help="instead: N concurrent conversations against the server (32)")
    bench.add_argument("--think", type=float, default=3.0, metavar="S",
                       help="with --load: mean seconds a runner takes to read a reply and type "
                       "(3; 0 = none)")
    # fmt: on
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(vars(args), os.environ)


def _lines(stream: TextIO) -> Iterator[str]:
    return (line.rstrip("\n") for line in stream)


def _emit(obj: dict[str, Any] | str, as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    else:
        out.write((obj if isinstance(obj, str) else json.dumps(obj, indent=2)) + "\n")
    out.flush()


def _show_turn(turn: Any, as_json: bool, out: TextIO) -> None:
    _emit(turn.to_dict() if as_json else turn.to_text() + "\n", as_json, out)


def _messages(args: argparse.Namespace) -> Iterable[str]:
    return [args.message] if args.message is not None else _lines(sys.stdin)


def _coach(args: argparse.Namespace, frozen: bool = False) -> Any:
    from chains.factory import build_coach  # heavy: the model and the index

    return build_coach(_settings(args), frozen)


def cmd_ask(args: argparse.Namespace, out: TextIO) -> int:
    coach = _coach(args)
    for message in _messages(args):
        _show_turn(coach.turn(Session(), message), args.json, out)
    return 0


def cmd_chat(args: argparse.Namespace, out: TextIO) -> int:
    coach = _coach(args)
    session = Session()
    interactive = sys.stdin.isatty() and not args.json
    while True:
        try:
            message = input("you> ") if interactive else next(_lines(sys.stdin))
        except (EOFError, StopIteration):
            return 0
        _show_turn(coach.turn(session, message), args.json, out)


def cmd_triage(args: argparse.Namespace, out: TextIO) -> int:
    from chains.factory import build_net
    from chains.guard.net import judge

    net = build_net(_settings(args))  # the rules, raised by the meaning-based net; no index
    for verdict in (judge(message, net=net) for message in _messages(args)):
        _emit(verdict.to_dict() if args.json else verdict.line(), args.json, out)
    return 0


def cmd_index(args: argparse.Namespace, out: TextIO) -> int:
    from chains.factory import build_index

    index, _ = build_index(_settings(args), rebuild=args.rebuild)
    if index.info.where.startswith("memory"):  # serving works so; a stored index does not
        full = index.info.where.removeprefix("memory (").rstrip(")")
        raise CoachError(f"The index was not stored, as {full}: free some space, then run again.")
    _emit(index.info.to_dict() if args.json else index.info.line(), args.json, out)
    return 0


def cmd_eval(args: argparse.Namespace, out: TextIO) -> int:
    from eval.run import run_eval

    report = run_eval(_settings(args))
    return _report(report, report["passed"], args.json, out)


def cmd_bench(args: argparse.Namespace, out: TextIO) -> int:
    # Timed as `coach serve` runs: one torch thread, set before torch loads (cmd_serve).
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if args.load is not None:
        if args.load < 1:
            raise UsageError("--load takes the number of conversations, 1 or more.")
        from eval.load import run_load

        report = run_load(_settings(args), args.load, args.think)
    else:
        from eval.bench import run_bench

        report = run_bench(_settings(args))
    return _report(report, report["bars_met"], args.json, out)


def _report(report: dict[str, Any], met: bool, as_json: bool, out: TextIO) -> int:
    """Figures as JSON or as their table; exit 1 when any is under its bar."""
    _emit(report if as_json else report["table"], as_json, out)
    if not met:
        sys.stderr.write("coach: some figures are under their bar (marked in the table above).\n")
    return 0 if met else 1


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    # Many sessions at once, one forward pass at a time (knowledge/embeddings.py): one thread
    # a pass. Set before torch loads: set_num_threads(1) after it leaves a second OpenMP
    # thread spinning beside every pass (measured: 47 ms of CPU a turn instead of 21).
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    coach = _coach(args, frozen=True)
    import torch  # loaded with the model above

    from chains.ui import serve

    torch.set_num_threads(1)
    try:
        demo = serve(coach, args.host, args.port, block=False)
    except OSError as err:  # Gradio raises OSError when it cannot bind the port
        raise CoachError(
            f"Cannot serve on {args.host}:{args.port}: stop whatever uses that port or pass "
            "--port with a free one."
        ) from err
    out.write(f"Serving the coach on http://{args.host}:{args.port} (Ctrl+C to stop)\n")
    out.flush()
    return _until_stopped(demo)


def _until_stopped(demo: Any) -> int:
    """Serve until SIGINT or SIGTERM, then shut down cleanly (the queue, the server, Gradio's
    cache, the downloads held in memory): 130 after SIGINT (CONTRACT.md), 0 after SIGTERM."""
    import signal
    import time

    got: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, _frame: got.append(signum))
    while demo.is_running and not got:
        time.sleep(0.2)
    demo.close(verbose=False)
    demo.downloads.clear()
    return 130 if got and got[0] == signal.SIGINT else 0


# `coach NAME` runs cmd_NAME
COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    name.removeprefix("cmd_"): fn for name, fn in list(globals().items()) if name.startswith("cmd_")
}


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    go_offline()
    if hasattr(sys.stdin, "reconfigure"):  # undecodable bytes on stdin become U+FFFD, not a crash
        sys.stdin.reconfigure(errors="replace")
    out = out or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    log_to_stderr(verbose := getattr(args, "verbose", False))
    try:
        return COMMANDS[args.command](args, out)
    except CoachError as err:
        sys.stderr.write(f"coach: {err}\n")
        return 2 if isinstance(err, UsageError) else 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`coach ... | head`): nothing left to say
        return 0
    except Exception as err:  # a bug, not the user's doing: one sentence, details with -v
        if verbose:
            traceback.print_exc()
        sys.stderr.write(
            f"coach: unexpected {type(err).__name__}; run again with -v for details and "
            "report it if it persists.\n"
        )
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["serve"]))
