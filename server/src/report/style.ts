/**
 * The report's inline style sheet. Colours are CSS variables: light defaults, dark under
 * `prefers-color-scheme: dark`, and VS Code theme variables (`--vscode-*`) first when the page is in a webview.
 * System font stacks only (no web fonts: the page loads nothing).
 */
export const REPORT_CSS = `
:root{color-scheme:light dark;
--bg:var(--vscode-editor-background,#ffffff);--fg:var(--vscode-editor-foreground,#1f2328);--muted:var(--vscode-descriptionForeground,#59636e);
--border:var(--vscode-panel-border,#d1d9e0);--card:var(--vscode-editorWidget-background,#f6f8fa);--accent:var(--vscode-charts-blue,#0969da);
--link:var(--vscode-textLink-foreground,#0969da);--heat:var(--vscode-charts-red,#cf222e);
--error:var(--vscode-errorForeground,#cf222e);--warning:var(--vscode-editorWarning-foreground,#9a6700);--info:var(--vscode-editorInfo-foreground,#0969da);--hint:var(--muted)}
@media (prefers-color-scheme: dark){:root{
--bg:var(--vscode-editor-background,#0d1117);--fg:var(--vscode-editor-foreground,#e6edf3);--muted:var(--vscode-descriptionForeground,#9198a1);
--border:var(--vscode-panel-border,#3d444d);--card:var(--vscode-editorWidget-background,#151b23);--accent:var(--vscode-charts-blue,#4493f8);
--link:var(--vscode-textLink-foreground,#4493f8);--heat:var(--vscode-charts-red,#f85149);
--error:var(--vscode-errorForeground,#f85149);--warning:var(--vscode-editorWarning-foreground,#d29922);--info:var(--vscode-editorInfo-foreground,#4493f8)}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 12px;border-bottom:1px solid var(--border);padding-bottom:4px}h3{font-size:15px;margin:16px 0 4px}
a{color:var(--link)}code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.meta,.note,footer{color:var(--muted)}footer{margin-top:40px;font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
.card{background:var(--card);border:1px solid var(--border);border-radius:6px;padding:10px 16px;min-width:120px}
.card .n{display:block;font-size:26px;font-weight:600}.card .l{color:var(--muted)}
.card.error .n{color:var(--error)}.card.warning .n{color:var(--warning)}.card.info .n{color:var(--info)}
svg.chart text{fill:var(--fg);font-size:12px}svg.chart .col{font-weight:600}
svg .bar{fill:var(--accent)}svg .heat{fill:var(--heat)}svg .heat-bg{fill:var(--card);stroke:var(--border)}
.scroll{overflow-x:auto}
.legend{columns:2;font-size:12px;color:var(--muted);padding-left:18px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--border);vertical-align:top}
th{font-weight:600}.num{text-align:right}td.msg{overflow-wrap:anywhere;min-width:24em}a.loc{overflow-wrap:anywhere}
.sev{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;border:1px solid currentColor}
.sev.error{color:var(--error)}.sev.warning{color:var(--warning)}.sev.info{color:var(--info)}.sev.hint{color:var(--hint)}
details.file{margin:8px 0;border:1px solid var(--border);border-radius:6px;padding:4px 8px}
details.file summary{cursor:pointer;padding:4px 0}details.file .count{color:var(--muted)}
.rule{border-left:3px solid var(--accent);padding-left:12px;margin:12px 0}.rule h3{margin:0}.rule p{margin:2px 0}
.start{background:var(--card);border:2px solid var(--accent);border-radius:8px;padding:4px 18px 12px;margin-top:16px}
.start h2{border:0;margin:12px 0 0}.start ol{padding-left:20px;margin:8px 0 0}.start li{margin:8px 0;font-size:15px}
.machine{color:var(--muted);font-size:11px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.card .machine{display:block}
.inv-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:12px}.inv-grid>div{background:var(--card);border:1px solid var(--border);border-radius:6px;padding:4px 12px}
.inv-grid h3 .count{color:var(--muted);font-weight:400}.inv-grid ul{padding-left:18px;margin:4px 0 8px}.inv-grid li{overflow-wrap:anywhere;margin:2px 0}
details.group{margin:10px 0;border:1px solid var(--border);border-radius:6px;padding:4px 8px}
details.group summary{cursor:pointer;padding:4px 0;font-size:15px}details.group .kind,details.group .count{color:var(--muted);font-size:13px}
.file-line{margin:2px 0 6px;color:var(--muted);font-size:12.5px;overflow-wrap:anywhere}.also{font-size:12px}
td.sevcell{white-space:nowrap}td.where{font-size:12.5px;overflow-wrap:anywhere;min-width:8em}td.cat{font-size:12.5px;min-width:10em}
.rule .why,.rule .how{margin:6px 0}.rule h4{margin:8px 0 2px;font-size:13.5px}.rule pre{background:var(--card);padding:8px;overflow-x:auto;border-radius:4px}
.rule .more{font-size:12.5px}
`;
