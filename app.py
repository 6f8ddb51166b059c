"""backstride: the command line (`coach ...`) and the browser UI. Wiring only.

`python app.py` is the same as `coach serve`.
"""

from __future__ import annotations

import argparse
import atexit
import json
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from chains.config import Settings, go_offline
from knowledge.errors import CoachError

log = logging.getLogger("backstride")


def _parser() -> argparse.ArgumentParser:
    # SUPPRESS: an option the runner did not give leaves no default behind, so it may stand
    # before or after the command ("coach --data-dir D ask" and "coach ask --data-dir D").
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
    for name, text in (
        ("ask", "one turn in a new conversation"),
        ("triage", "the red-flag guard alone, no model loaded"),
    ):
        cmd = sub.add_parser(name, parents=[common, as_json], help=text)
        cmd.add_argument("message", nargs="?", help="without it: one per stdin line")
    sub.add_parser("chat", parents=[common, as_json], help="one conversation over stdin lines")
    index = sub.add_parser("index", parents=[common, as_json], help="build or check the index")
    index.add_argument("--rebuild", action="store_true")
    sub.add_parser("eval", parents=[common, as_json], help="quality figures against their bars")
    bench = sub.add_parser("bench", parents=[common, as_json], help="speed and memory figures")
    bench.add_argument(
        "--load",
        type=int,
        nargs="?",
        const=32,
        metavar="N",
        help="instead: N concurrent conversations against the server (32)",
    )
    bench.add_argument(
        "--think",
        type=float,
        default=3.0,
        metavar="S",
        help="with --load: mean seconds a runner takes to read a reply and type (3; 0 = none)",
    )
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(vars(args), os.environ)


def _lines(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\n")


def _emit(obj: dict[str, Any] | str, as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    else:
        out.write((obj if isinstance(obj, str) else json.dumps(obj, indent=2)) + "\n")
    out.flush()


def _show_turn(turn: Any, as_json: bool, out: TextIO) -> None:
    if as_json:
        _emit(turn.to_dict(), True, out)
        return
    text = turn.reply
    if turn.sources:
        cited = dict.fromkeys(f"{p.title} ({p.section})" for p in turn.sources)
        text += "\n\nSources: " + "; ".join(cited)
    _emit(text + "\n", False, out)


def cmd_ask(args: argparse.Namespace, out: TextIO) -> int:
    from chains.factory import build_coach
    from chains.session import Session

    coach = build_coach(_settings(args))
    messages = [args.message] if args.message is not None else _lines(sys.stdin)
    for message in messages:
        _show_turn(coach.turn(Session(), message), args.json, out)
    return 0


def cmd_chat(args: argparse.Namespace, out: TextIO) -> int:
    from chains.factory import build_coach
    from chains.session import Session

    coach = build_coach(_settings(args))
    session = Session()
    interactive = sys.stdin.isatty() and not args.json
    while True:
        try:
            message = input("you> ") if interactive else next(_lines(sys.stdin))
        except (EOFError, StopIteration):
            return 0
        _show_turn(coach.turn(session, message), args.json, out)


def cmd_triage(args: argparse.Namespace, out: TextIO) -> int:
    from chains.guard import triage

    messages = [args.message] if args.message is not None else _lines(sys.stdin)
    for message in messages:
        verdict = triage(message).to_dict()
        if args.json:
            _emit(verdict, True, out)
        else:
            reasons = ", ".join(verdict["reasons"]) or "-"
            _emit(f"{verdict['level']}\t{verdict['rule'] or '-'}\t{reasons}", False, out)
    return 0


def cmd_index(args: argparse.Namespace, out: TextIO) -> int:
    from chains.factory import build_index

    index, _ = build_index(_settings(args), rebuild=args.rebuild)
    info = index.info
    report = {
        "chunks": info.chunks,
        "model": info.model,
        "fingerprint": info.fingerprint,
        "where": info.where,
        "rebuilt": info.rebuilt,
        "reason": info.reason or "up to date",
        "build_seconds": round(info.build_seconds, 3),
    }
    if args.json:
        _emit(report, True, out)
    else:
        state = f"rebuilt ({info.reason})" if info.rebuilt else "up to date"
        _emit(
            f"index {state}: {info.chunks} chunks, model {info.model}, "
            f"fingerprint {info.fingerprint}, at {info.where}",
            False,
            out,
        )
    return 0


def cmd_eval(args: argparse.Namespace, out: TextIO) -> int:
    from eval.run import run_eval

    report = run_eval(_settings(args))
    _emit(report if args.json else report["table"], args.json, out)
    return _verdict(report["passed"])


def cmd_bench(args: argparse.Namespace, out: TextIO) -> int:
    if args.load is not None:
        if args.load < 1:
            raise UsageError("--load takes the number of conversations, 1 or more.")
        from eval.load import run_load

        report = run_load(_settings(args), args.load, args.think)
    else:
        from eval.bench import run_bench

        report = run_bench(_settings(args))
    _emit(report if args.json else report["table"], args.json, out)
    return _verdict(report["bars_met"])


def _verdict(met: bool) -> int:
    if not met:
        sys.stderr.write("coach: some figures are under their bar (marked in the table above).\n")
    return 0 if met else 1


class UsageError(CoachError):
    """Bad usage that argparse cannot see; exits 2."""


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from chains.factory import build_coach

    coach = build_coach(_settings(args))
    try:
        demo = serve(coach, args.host, args.port, block=False)
    except OSError as err:  # Gradio raises OSError when it cannot bind the port
        raise CoachError(
            f"Cannot serve on {args.host}:{args.port}: stop whatever uses that port or pass "
            "--port with a free one."
        ) from err
    out.write(f"Serving the coach on http://{args.host}:{args.port} (Ctrl+C to stop)\n")
    out.flush()
    demo.block_thread()
    return 0


UNEXPECTED = "Something went wrong on my side; your conversation is kept, so please try again."
STARTERS = (
    "Why should I run more often?",
    "I can only run 4 days a week",
    "There are no stairs near me",
    "Why no hill repeats?",
)
CSS = """
#red-flag { background: #fdecea; border: 2px solid #c62828; border-radius: 10px;
            padding: 6px 18px; }
#red-flag * { color: #7f1d1d !important; border-color: #c62828 !important; }
#week-table, #week-table * { font-family: inherit !important; }
#week-withheld { background: #fff7f5; border-radius: 8px; padding: 8px 14px; }
.disclaimer { font-size: 0.85em; opacity: 0.8; }
"""
INTENSITY_COLOURS = {"rest": "#c8ccd2", "easy": "#4c9f70", "moderate": "#e3a33b", "hard": "#c0504d"}
GREETING_MD = (
    "**Hi! Ask me about running with a sore back** — how often to run, speed work, long runs, "
    "hills and stairs — or tell me about your week and I'll adapt the article's sample week."
)
WITHHELD_MD = (
    "**No running program for now.** What you told me needs a clinician's look first; "
    "the banner above says where to go and how soon."
)
HEADER = (
    "# backstride\n"
    "A coach for getting back to running after low back pain. It answers from one physiotherapy "
    "article, names the section behind every answer, and adapts the article's sample week to "
    "your days, time and what you have nearby."
)
FOOTER = (
    "General guidance from one article, not a diagnosis or a substitute for your physiotherapist "
    "or doctor. Source: *Return to running after lower back pain*, a physiotherapy article; "
    "every answer names its section."
)


def _week_outputs(week: Any, changed: set[str]) -> tuple[Any, Any]:
    """The week as table rows and as a chart frame (minutes per day by intensity)."""
    import pandas as pd

    columns = ["Day", "Session", "Min", "What to do"]
    if week is None:
        return pd.DataFrame(columns=columns), pd.DataFrame(
            {"Day": [], "Minutes": [], "Intensity": []}
        )
    rows = [
        [f"✎ {d.day}" if d.day in changed else d.day, d.title, d.minutes or 0, d.details]
        for d in week.days
    ]
    table = pd.DataFrame(rows, columns=columns)
    chart = pd.DataFrame(
        {
            "Day": [d.day[:3] for d in week.days],
            "Minutes": [d.minutes or 0 for d in week.days],
            "Intensity": [d.intensity for d in week.days],
        }
    )
    return table, chart


def _exports(week: Any, folder: Path) -> list[str | None]:
    """Write the week (never the conversation) for the download buttons. Files are named by
    their content, so the same week is written once, into one folder per process."""
    import datetime as dt
    import hashlib

    from chains.week.export import to_csv, to_ics, to_markdown

    if week is None:
        return [None, None, None]
    today = dt.date.today()
    monday = today + dt.timedelta(days=(7 - today.weekday()) % 7)
    files = {
        "md": to_markdown(week).encode(),
        "csv": to_csv(week).encode(),
        "ics": to_ics(week, monday),
    }
    paths: list[str | None] = []
    for ext, data in files.items():
        path = folder / hashlib.sha256(data).hexdigest()[:16] / f"backstride-week.{ext}"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        paths.append(str(path))
    return paths


def build_ui(coach: Any) -> Any:
    """The page: chat beside the runner's week. One `Session` per browser session (`gr.State`);
    the coach (model, index) is shared read-only."""
    import gradio as gr

    from chains.answer.replies import change_lines
    from chains.session import Session

    exports = Path(tempfile.mkdtemp(prefix="backstride-weeks-"))
    atexit.register(shutil.rmtree, exports, ignore_errors=True)

    def fresh() -> dict[str, Any]:
        return {"session": Session(), "history": [], "changes": "", "sources": ""}

    def panel(state: dict[str, Any], turn: Any) -> list[Any]:
        """Outputs beside the chat; the week's parts are sent only when they changed."""
        session: Session = state["session"]
        week = None if session.flagged else (session.week or coach.sample)
        if turn is not None and turn.intent == "week":
            lines = change_lines(turn.changes, coach.titles)
            state["changes"] = "\n".join(lines) or "No changes: the week already fits."
        if session.flagged:
            state["changes"] = ""
        if turn is not None and turn.sources:
            state["sources"] = "\n\n".join(
                f"**{p.title}** (`{p.section}`, score {p.score:.2f})\n> {p.text}"
                for p in turn.sources
            )
        texts = [
            state["changes"] or "_No changes yet._",
            state["sources"] or "_No sources yet._",
        ]
        shown = (session.flagged, week)
        if state.get("shown") == shown and turn is not None:
            return [*[gr.skip()] * 5, *texts, *[gr.skip()] * 3]
        state["shown"] = shown
        changed = {c.day for c in turn.changes} if turn is not None else set()
        table, chart = _week_outputs(week, changed)
        banner = gr.update(
            visible=session.flagged, value=_banner(session) if session.flagged else ""
        )
        if session.flagged:
            caption = "Withheld until a clinician has seen you."
        elif session.week:
            caption = "Your adapted week (✎ marks what changed)."
        else:
            caption = "The article's sample week — tell me about your week to adapt it."
        downloads = _exports(week, exports)
        on_hold = session.flagged
        return [
            banner,
            caption,
            gr.update(visible=on_hold),
            gr.update(value=table, visible=not on_hold),
            gr.update(value=chart, visible=not on_hold),
            *texts,
            *[gr.update(value=p, visible=p is not None) for p in downloads],
        ]

    def _banner(session: Session) -> str:
        from chains.guard import reminder

        return f"### ⚠️ Please get checked before you run\n{reminder(session.triage)}"

    def take_turn(state: dict[str, Any], message: str, on_text: Any = None) -> tuple[Any, str]:
        try:
            turn = coach.turn(state["session"], message, on_text)
            return turn, turn.reply
        except CoachError as err:  # e.g. the Chroma server went away: keep the conversation
            return None, f"⚠️ {err}"
        except Exception as err:  # never lose the conversation; log the kind, not the message
            log.error("turn failed: %s", type(err).__name__)
            return None, f"⚠️ {UNEXPECTED}"

    def respond(message: str, state: dict[str, Any] | None):  # type: ignore[no-untyped-def]
        state = state or fresh()
        history = state["history"]
        history += [
            {"role": "user", "content": message or ""},
            {"role": "assistant", "content": ""},
        ]
        if coach.voice is None:  # the whole reply is ready at once
            turn, reply = take_turn(state, message or "")
        else:  # stream the model's checked sentences while the turn runs
            import queue
            import threading

            parts: queue.Queue[str | None] = queue.Queue()
            done: dict[str, Any] = {}

            def run() -> None:
                done["turn"], done["reply"] = take_turn(state, message or "", parts.put)
                parts.put(None)

            threading.Thread(target=run, daemon=True).start()
            while (part := parts.get()) is not None:
                history[-1]["content"] = part
                yield ["", history, state, *[gr.skip()] * 10]
            turn, reply = done["turn"], done["reply"]
        history[-1]["content"] = reply
        yield ["", history, state, *panel(state, turn)]

    def restart():  # type: ignore[no-untyped-def]
        state = fresh()
        return ["", [], state, *panel(state, None)]

    with gr.Blocks(title="backstride — back to running after low back pain") as demo:
        state = gr.State(None)
        gr.Markdown(HEADER)
        banner = gr.Markdown(visible=False, elem_classes=["red-flag"], elem_id="red-flag")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=360):
                chat = gr.Chatbot(
                    placeholder=GREETING_MD,
                    label="Coach",
                    height=540,
                    elem_id="chat",
                    sanitize_html=True,
                    render_markdown=True,
                )
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="Ask about your running, or tell me your week…",
                        show_label=False,
                        scale=6,
                        max_lines=6,
                        autofocus=True,
                        elem_id="message",
                    )
                    send = gr.Button("Send", variant="primary", scale=1, min_width=90)
                with gr.Row():
                    starters = [gr.Button(text, size="sm") for text in STARTERS]
                new = gr.Button(
                    "New conversation", size="sm", variant="secondary", elem_id="new-conversation"
                )
            with gr.Column(scale=2, min_width=360):
                gr.Markdown("### Your week")
                caption = gr.Markdown(elem_id="week-caption")
                withheld = gr.Markdown(WITHHELD_MD, visible=False, elem_id="week-withheld")
                table = gr.Dataframe(
                    interactive=False,
                    wrap=True,
                    elem_id="week-table",
                    column_widths=["19%", "24%", "9%", "48%"],
                )
                chart = gr.BarPlot(
                    x="Day",
                    y="Minutes",
                    color="Intensity",
                    y_lim=[0, None],
                    sort=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                    height=220,
                    color_map=INTENSITY_COLOURS,
                    label="Minutes per day",
                    elem_id="week-chart",
                )
                with gr.Accordion("Why these changes", open=True):
                    changes = gr.Markdown(elem_id="changes")
                with gr.Accordion("Sources", open=False):
                    sources = gr.Markdown(elem_id="sources")
                with gr.Row():
                    downloads = [
                        gr.DownloadButton(label, size="sm", elem_id=f"download-{ext}")
                        for label, ext in (
                            ("Week (.md)", "md"),
                            ("Week (.csv)", "csv"),
                            ("Calendar (.ics)", "ics"),
                        )
                    ]
        gr.Markdown(FOOTER, elem_classes=["disclaimer"])

        panels = [banner, caption, withheld, table, chart, changes, sources, *downloads]
        outputs = [box, chat, state, *panels]
        box.submit(respond, [box, state], outputs, api_name="chat")
        send.click(respond, [box, state], outputs, api_visibility="private")
        for button in starters:
            button.click(respond, [button, state], outputs, api_visibility="private")
        new.click(restart, None, outputs, api_name="new_conversation")
        demo.load(restart, None, outputs, api_visibility="private")
    return demo


def serve(coach: Any, host: str, port: int, block: bool = True) -> Any:
    demo = build_ui(coach)
    demo.queue(default_concurrency_limit=8)
    demo.launch(
        server_name=host,
        server_port=port,
        css=CSS,
        show_error=False,
        quiet=True,
        prevent_thread_lock=not block,
    )
    return demo


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "serve": cmd_serve,
    "ask": cmd_ask,
    "chat": cmd_chat,
    "triage": cmd_triage,
    "index": cmd_index,
    "eval": cmd_eval,
    "bench": cmd_bench,
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
    verbose = getattr(args, "verbose", False)
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
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
            import traceback

            traceback.print_exc()
        sys.stderr.write(
            f"coach: unexpected {type(err).__name__}; run again with -v for details and "
            "report it if it persists.\n"
        )
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["serve"]))
