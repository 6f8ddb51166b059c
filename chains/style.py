"""How the page looks and the two small scripts it runs in the browser: the CSS (the week's
table and chart, the banner by urgency, contrast and sizes) and where the chat scrolls.

Plain strings, no logic; `ui.py` hands them to Gradio.
"""

CSS = """
.gradio-container { max-width: 1500px !important; }
#header h1 { margin: 0; font-size: 1.6rem; }
#header p { margin: 2px 0 0; }
/* What shows follows the page's state (#page-state's data attributes, page.marker) */
#page-state-slot { display: none !important; }
body:not(:has(#page-state[data-flagged="true"])) :is(#red-flag, #week-withheld)
  { display: none !important; }
body:has(#page-state[data-flagged="true"]) :is(#week-table, #week-chart, #downloads, #why,
  .asks-week) { display: none !important; }
body:has(#page-state[data-sources="false"]) #cited { display: none !important; }
#red-flag { border-radius: 10px; padding: 6px 18px; border: 2px solid #b3261e;
  background: #fdecea; }
#red-flag * { color: #5f1410 !important; }
body:has(#page-state[data-level="emergency"]) #red-flag { background: #b3261e;
  border-color: #7f1d1d; }
body:has(#page-state[data-level="emergency"]) #red-flag * { color: #fff !important;
  border-color: #fff !important; }
body:has(#page-state[data-level="emergency"]) #red-flag h3 { font-size: 1.5rem; }
body:has(#page-state[data-level="soon"]) #red-flag { background: #fff4e5; border-color: #b35c00; }
body:has(#page-state[data-level="soon"]) #red-flag * { color: #4d2800 !important; }
#week-withheld { background: #fff7f5; border-radius: 8px; padding: 8px 14px; }
#message textarea::placeholder { color: #595f69 !important; opacity: 1; }
#message label span { font-size: 0.95rem; }
.starter { font-size: 14px !important; }
#send, #send:hover { background: #b93c0a !important; border-color: #b93c0a !important; }
#privacy { font-size: 0.9rem; color: #3d434c; }
.disclaimer { font-size: 0.85em; color: #3d434c; }
#chat [data-testid=status-tracker] { display: none !important; }  /* no "processing 0.3s" */
.downloads { margin-top: 6px; }
.downloads a.download { display: inline-block; padding: 3px 10px; margin: 2px 2px;
  border: 1px solid #8a9099; border-radius: 6px; font-size: 0.9rem; color: #1a4a9c;
  text-decoration: none; }
.downloads a.download:hover { background: #f3f6fd; }
#confirm-new { border: 2px solid #b3261e; border-radius: 10px; padding: 8px 12px; }
table.week { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
table.week th, table.week td { padding: 5px 7px; border-bottom: 1px solid #e4e7eb;
  text-align: left; vertical-align: top; }
table.week thead th { white-space: nowrap; font-size: 0.8rem; text-transform: uppercase;
  letter-spacing: 0.03em; color: #3d434c; }
table.week tbody th { white-space: nowrap; font-weight: 600; }
table.week .date { display: block; font-weight: 400; font-size: 0.8rem; color: #4a5059; }
table.week .session { display: block; font-weight: 600; }
table.week .amount { white-space: nowrap; }
table.week .details { font-size: 0.85rem; }
table.week tr.today th:first-child { box-shadow: inset 4px 0 0 #1f5fbf; }
table.week tr.adapted { background: #f3f6fd; }
table.week tr.fresh { background: #fff3c4; }
table.week .mark { color: #1f5fbf; }
/* one badge a line: "Today" and "Just changed" side by side widened a phone's table */
table.week .badge { display: block; width: fit-content; font-size: 0.7rem; font-weight: 600;
  border-radius: 6px; padding: 0 5px; margin-top: 2px; }
table.week .today-badge { background: #1f5fbf; color: #fff; }
table.week .fresh-badge { background: #7a5900; color: #fff; }
table.week tfoot td { font-weight: 600; border-bottom: none; }
.chip { display: inline-block; font-size: 0.72rem; font-weight: 600; border-radius: 8px;
  padding: 0 6px; color: #fff; }
.chip.rest, .swatch.rest, .bar.rest { background: #e4e7eb; color: #2b2f36; }
.chip.easy, .swatch.easy, .bar.easy { background: #2e7d4f; }
.chip.moderate, .swatch.moderate, .bar.moderate { background: #b35c00; }
.chip.hard, .swatch.hard, .bar.hard { background: #b3261e; }
.week-chart { margin-top: 8px; }
.week-chart .chart-title { font-size: 0.85rem; font-weight: 600; color: #3d434c; }
.week-chart .bars { display: flex; gap: 6px; align-items: flex-end; }
.week-chart .col { flex: 1; display: flex; flex-direction: column; align-items: center; }
.week-chart .plot { height: 110px; width: 100%; display: flex; align-items: flex-end;
  justify-content: center; border-bottom: 1px solid #8a9099; }
.week-chart .bar { width: 70%; border-radius: 4px 4px 0 0; position: relative; }
.week-chart .bar-value { position: absolute; top: -1.2em; width: 100%; text-align: center;
  font-size: 0.72rem; color: #2b2f36; }
.week-chart .bar-rest { font-size: 0.72rem; color: #4a5059; }
.week-chart .x { font-size: 0.75rem; }
.week-chart .legend { display: flex; gap: 12px; flex-wrap: wrap; font-size: 0.78rem;
  margin-top: 4px; }
.week-chart .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
  margin-right: 4px; }
@media (max-width: 700px) {
  #chat { height: auto !important; max-height: none !important; }
  #chat .bubble-wrap { max-height: none !important; overflow: visible !important; }
  table.week .details, table.week thead th:nth-child(4) { display: none; }
}
"""
# After the runner's message: the chat's end; after the reply: the reply's first line.
SCROLL_END_JS = """() => requestAnimationFrame(() => {
  const log = document.querySelector('#chat [role=log]');
  if (log) log.scrollTop = log.scrollHeight;
})"""
SCROLL_REPLY_JS = """() => requestAnimationFrame(() => {
  const log = document.querySelector('#chat [role=log]');
  const bots = document.querySelectorAll('#chat [data-testid=bot]');
  const last = bots[bots.length - 1];
  if (!log || !last) return;
  const gap = last.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
  if (log.scrollHeight > log.clientHeight + 1) log.scrollTop += gap;
  else if (last.getBoundingClientRect().top < 0 || gap > window.innerHeight / 2)
    last.scrollIntoView({block: 'start'});
})"""
