"""The browser page, in Gradio: its layout, the events that wire it to the coach, and its
launch (the download and article routes, the queue). What it shows is `chains/page.py`, pure;
one turn is `chains/coach.py`. The only module of `chains/` that imports Gradio.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any


def build_ui(coach: Any, exports: Any) -> Any:
    """The page: chat beside the runner's week. One `PageState` per browser session
    (`gr.State`, dropped after SESSION_IDLE_S without a change); the coach (model, index) is
    shared read-only. Downloads are links to files built from memory (`exports`) at the
    click, never written to disk."""
    import gradio as gr

    from chains import page, style, wording
    from chains.week import export

    today = dt.date.today

    def links(state: page.PageState | None, p: page.Panel) -> str:
        """The week's links: this session's own once it has one, else the sample's."""
        adapted = exports.adapted(p.week)
        if state is None:
            return export.download_links(exports.sample_token(p.monday), p.week, p.monday, adapted)
        exports.offer(state.token, p.week, p.monday)  # the files start on the Monday shown
        return export.download_links(state.token, p.week, p.monday, adapted)

    def show(state: page.PageState, p: page.Panel) -> list[Any]:
        """The panel as plain values. What shows and hides follows the marker, through the
        CSS: a `gr.update` or `gr.skip` makes Gradio copy the component for the session,
        which cost more of the server's CPU a turn than the coach."""
        return [page.marker(p), p.banner, p.caption, p.table, p.chart, p.changes, p.sources,
                links(state, p)]  # fmt: skip

    def answer(state: page.PageState):  # type: ignore[no-untyped-def]
        said = False  # yield nothing before the reply: until then the chat shows typing dots
        for shown in page.answer(coach, state, today()):
            panel = show(state, shown) if shown else [gr.skip()] * (len(outputs) - 3)
            said = True
            yield ["", state.history, state, *panel]
        if not said:  # nothing to answer (blank, or refused at the edge): the chat says why
            yield [gr.skip(), state.history, state, *[gr.skip()] * (len(outputs) - 3)]

    def accept(message: str, state: page.PageState | None):  # type: ignore[no-untyped-def]
        state = state or page.PageState()
        if page.blank(message):  # nothing to read: not sent, and the box keeps what it has
            return [gr.skip(), gr.skip(), state]
        page.accept(state, message)  # cleaned, or refused at the edge when too long
        return ["", state.history, state]

    def respond(message: str, state: page.PageState | None):  # type: ignore[no-untyped-def]
        state = state or page.PageState()  # the HTTP API: one call answers any message
        page.accept(state, message or "")
        yield from answer(state)

    # No model streams: one update, not a generator's (a generator costs the server CPU).
    streams = getattr(coach, "voice", None) is not None

    def answer_once(state: page.PageState):  # type: ignore[no-untyped-def]
        *_, last = answer(state)
        return last

    def respond_once(message: str, state: page.PageState | None):  # type: ignore[no-untyped-def]
        *_, last = respond(message, state)
        return last

    answer_fn = answer if streams else answer_once
    respond_fn = respond if streams else respond_once

    def restart(old: page.PageState | None = None):  # type: ignore[no-untyped-def]
        if old is not None:  # the old conversation's downloads go with it
            exports.forget(old.token)
        state = page.PageState()
        shown = page.panel(state, None, coach.sample, coach.titles, today())
        return ["", [], state, *show(state, shown), gr.update(visible=False), ""]

    def expire(state: page.PageState | None) -> None:
        if state is not None:
            exports.forget(state.token)

    def redate(state: page.PageState | None) -> list[Any]:
        if state is not None:  # the runner has begun: the turns draw the panel from now on
            return [gr.skip()] * 4
        p = page.panel(page.PageState(), None, coach.sample, coach.titles, today())
        return [p.caption, p.table, p.chart, links(None, p)]

    def ask_restart(state: page.PageState | None):  # type: ignore[no-untyped-def]
        lose = page.to_lose(state, coach.sample) if state else None
        if state is None or lose is None:
            return restart(state)
        # the trash icon has already emptied the chat on screen: show it again while asking
        skips = [gr.skip()] * (len(outputs) - 2)
        return [gr.skip(), state.history, *skips, gr.update(visible=True), lose]

    # the sample week comes with the page itself, before the load event redraws it for today
    first = page.panel(page.PageState(), None, coach.sample, coach.titles, today())
    # fmt: off
    with gr.Blocks(title="backstride — back to running after low back pain",
                   delete_cache=(page.CACHE_SWEEP_S, page.CACHE_SWEEP_S)) as demo:
        state = gr.State(None, time_to_live=page.SESSION_IDLE_S, delete_callback=expire)
        gr.Markdown(wording.HEADER, elem_id="header")
        marker = gr.HTML(page.marker(first), elem_id="page-state-slot", padding=False)
        banner = gr.Markdown(elem_id="red-flag")
        with gr.Row(equal_height=False, elem_id="main"):
            with gr.Column(scale=5, min_width=340, elem_id="chat-column"):
                with gr.Column(visible=False, elem_id="confirm-new") as confirm:
                    confirm_text = gr.Markdown()
                    with gr.Row():
                        drop = gr.Button("Start over", size="sm", variant="stop",
                                         elem_id="confirm-start-over")
                        keep = gr.Button("Keep my conversation", size="sm", elem_id="keep")
                chat = gr.Chatbot(placeholder=wording.GREETING_MD, show_label=False, height=560,
                                  elem_id="chat", sanitize_html=True, render_markdown=True,
                                  buttons=["copy"], autoscroll=False,
                                  label="Conversation with the coach")
                with gr.Row(equal_height=True):
                    box = gr.Textbox(label="Your message to the coach", max_lines=6, scale=6,
                                     placeholder="Ask about your running, or tell me your week…",
                                     autofocus=True, elem_id="message")
                    send = gr.Button("Send", variant="primary", scale=1, min_width=90,
                                     elem_id="send")
                with gr.Row(elem_id="starters"):
                    starters = [gr.Button(text, size="sm",
                                          elem_classes=["starter", *["asks-week"] * asks])
                                for text, asks in wording.STARTERS]
                new = gr.Button("New conversation", size="sm", variant="secondary",
                                elem_id="new-conversation")
                gr.Markdown(wording.PRIVACY, elem_id="privacy")
            with gr.Column(scale=6, min_width=340, elem_id="week"):
                gr.Markdown("## Your week")
                caption = gr.Markdown(first.caption, elem_id="week-caption")
                gr.Markdown(wording.WITHHELD_MD, elem_id="week-withheld")
                table = gr.HTML(first.table, elem_id="week-table", padding=False)
                chart = gr.HTML(first.chart, elem_id="week-chart", padding=False)
                with gr.Accordion("Why these changes", open=True, elem_id="why"):
                    changes = gr.Markdown(elem_id="changes")
                with gr.Accordion("Sources", open=False, elem_id="cited"):
                    sources = gr.Markdown(elem_id="sources")
                downloads = gr.HTML(links(None, first), elem_id="downloads", padding=False)
        gr.Markdown(wording.FOOTER, elem_classes=["disclaimer"])
        api = gr.Button(visible=False)

        panels = [marker, banner, caption, table, chart, changes, sources, downloads]
        outputs = [box, chat, state, *panels]
        quiet: dict[str, Any] = {"show_progress": "hidden", "api_visibility": "private"}
        for event, text in [(box.submit, box), (send.click, box),
                            *[(b.click, b) for b in starters]]:
            (event(accept, [text, state], [box, chat, state], **quiet)
             .then(None, js=style.SCROLL_END_JS)
             .then(answer_fn, [state], outputs, show_progress="minimal", show_progress_on=[chat],
                   api_visibility="private")
             .then(None, js=style.SCROLL_REPLY_JS))
        api.click(respond_fn, [box, state], outputs, api_name="chat")
        resets = [*outputs, confirm, confirm_text]
        new.click(ask_restart, [state], resets, **quiet)
        drop.click(restart, [state], resets, api_name="new_conversation")
        chat.clear(ask_restart, [state], resets, **quiet)  # the chat's trash icon
        keep.click(lambda: gr.update(visible=False), None, confirm, **quiet)
        # A page left open past midnight would date the week wrongly: redraw it for today, but
        # never the chat or the state, so a message sent while this runs is not lost.
        demo.load(redate, [state], [caption, table, chart, downloads], **quiet)
    # fmt: on
    return demo


def serve(coach: Any, host: str, port: int, block: bool = True) -> Any:
    """Launch the page. Uploads are refused (the page has none: `max_file_size=0`), and the
    downloads are one route that builds each file in memory when it is asked for."""
    from starlette.routing import Route

    from chains import page, style
    from chains.week import export

    exports = export.Downloads(cap=page.SESSION_CAP, sample=coach.sample)

    def week_file(request: Any) -> Any:
        from starlette.responses import PlainTextResponse, Response

        ext = str(request.path_params["name"]).rsplit(".", 1)[-1]
        made = exports.file(str(request.path_params["token"]), ext, dt.datetime.now(dt.UTC))
        if made is None:
            return PlainTextResponse(export.DOWNLOAD_GONE, status_code=404)
        name, data = made
        headers = {"Content-Disposition": f'attachment; filename="{name}"',
                   "Cache-Control": "no-store"}  # fmt: skip
        return Response(data, media_type=export.MEDIA_TYPES[ext], headers=headers)

    demo = build_ui(coach, exports)
    demo.downloads = exports
    # subtle: after every event Gradio's queue rebuilds a pandas summary of its last 10,000
    # events for a monitoring page this app does not show; it was most of a turn's CPU
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(10**9))
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "64")
    demo.queue(default_concurrency_limit=8)
    # subtle: when idle, Gradio's queue looks for work every 1 ms and for progress every 10:
    # 78 ms of CPU a second with nobody there. Every 4 and 100 ms: 24 ms a second, and a turn
    # waits at most 4 ms more (10 ms cut the throughput at 48 runners by a tenth).
    demo._queue.sleep_when_free, demo._queue.progress_update_sleep_when_free = 0.004, 0.1
    route = Route(f"/{export.DOWNLOAD_ROUTE}/{{token}}/{{name}}", week_file, methods=["GET"])
    article = Route(f"/{page.ARTICLE_ROUTE}", _article_route(), methods=["GET"])
    # fmt: off
    demo.launch(server_name=host, server_port=port, css=style.CSS, show_error=False, quiet=True,
                prevent_thread_lock=not block, footer_links=[], max_file_size=0,
                state_session_capacity=page.SESSION_CAP,
                app_kwargs={"routes": [route, article]})
    # fmt: on
    return demo


def _article_route() -> Callable[[Any], Any]:
    """The article as one page, each section under its id: where the sources' links lead."""
    from markdown_it import MarkdownIt  # Gradio's own Markdown renderer
    from starlette.responses import HTMLResponse

    from knowledge.article import article_page

    body = article_page(MarkdownIt("commonmark", {"html": False}).render)
    return lambda request: HTMLResponse(body, headers={"Cache-Control": "no-cache"})
