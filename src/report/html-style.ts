/** The HTML report's only stylesheet, inlined: the file must open offline and fetch nothing. */
export const HTML_STYLE = `
:root { --fg: #1a202c; --muted: #5a6474; --line: #d8dde6; --bg: #ffffff; --soft: #f5f7fa;
  --high: #c53030; --medium: #b7791f; --low: #2f855a; --unknown: #718096; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
  max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 21px; margin-top: 36px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 24px 0 4px; }
.meta, .explain { color: var(--muted); } .explain { margin: 0 0 8px; font-size: 14px; }
.verdict { font-weight: 600; padding: 10px 14px; border-radius: 6px; background: var(--soft); border-left: 4px solid var(--low); }
.verdict.failed { border-left-color: var(--high); } .verdict.incomplete { border-left-color: var(--unknown); }
.quiet, .sources { color: var(--muted); font-size: 14px; } .legend { color: var(--muted); font-size: 13px; }
.ratings { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 12px; margin: 16px 0; }
.rating { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; border-top: 5px solid var(--unknown); }
.rating.high { border-top-color: var(--high); } .rating.medium { border-top-color: var(--medium); } .rating.low { border-top-color: var(--low); }
.rating .name { font-weight: 600; } .rating .value { font-size: 20px; } .rating .summary { font-size: 14px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
td.val { overflow-wrap: anywhere; min-width: 6em; } th, .risk { white-space: nowrap; }
th { background: var(--soft); font-weight: 600; }
td code, li code { font-size: 13px; background: var(--soft); padding: 1px 4px; border-radius: 4px; }
.aspect { color: var(--muted); font-size: 13px; }
.risk { font-weight: 600; text-transform: uppercase; font-size: 12px; } .risk.high { color: var(--high); }
.risk.medium { color: var(--medium); } .risk.low, .risk.none { color: var(--unknown); }
section.undeclared h3, section.open-high-impact h3 { color: var(--high); } section.probe-error h3, section.unreadable h3 { color: #805ad5; }
section.stale h3 { color: var(--medium); }
.entry { color: var(--muted); font-size: 13px; }
.chart { border: 1px solid var(--line); border-radius: 8px; padding: 12px; margin: 12px 0; overflow-x: auto; }
.chart h4 { margin: 0 0 8px; }
.latency-chart { max-width: 100%; height: auto; }
.status-error { color: #805ad5; font-weight: 600; } .status-skipped { color: var(--unknown); }
table.matrix td, table.matrix th { white-space: nowrap; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
`;
