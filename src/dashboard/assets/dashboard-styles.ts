/** The dashboard's stylesheet. */
export const DASHBOARD_STYLES = `
:root { --fg: #1f2430; --muted: #6b7280; --line: #e5e7eb; --bg: #f7f8fa; --accent: #2f5bea; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.topbar { display: flex; align-items: center; gap: 12px; padding: 10px 24px; background: #141a2a; }
.topbar .brand { color: #fff; font-weight: 600; font-size: 16px; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0 12px; display: flex; align-items: center; gap: 10px; }
h2 { font-size: 15px; margin: 22px 0 8px; }
.muted { color: var(--muted); }
.badge { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: #fde68a; color: #713f12; }
.toolbar { display: flex; gap: 10px; align-items: center; margin: 8px 0 12px; flex-wrap: wrap; }
.toolbar input[type=search] { flex: 1; min-width: 220px; }
input, select, textarea, button { font: inherit; }
input, select, textarea { padding: 6px 8px; border: 1px solid #cfd4dc; border-radius: 6px; background: #fff; }
button { padding: 6px 12px; border: 1px solid #cfd4dc; border-radius: 6px; background: #fff; cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); }
button:disabled { opacity: .5; cursor: default; }
button.danger { border-color: #f1b5b5; color: #a11d1d; }
button.small { padding: 2px 8px; font-size: 12px; }
table.grid { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.grid th, .grid td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.grid th { background: #f1f3f6; font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: #4b5563; }
.grid td.clip { max-width: 260px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.grid td.details { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
.empty { text-align: center; padding: 24px; }
.pager { display: flex; gap: 12px; align-items: center; justify-content: flex-end; margin-top: 10px; }
.status { font-size: 11px; font-weight: 600; padding: 2px 8px; border-radius: 10px; background: #e5e7eb; letter-spacing: .03em; }
.status-running { background: #dbeafe; color: #1e40af; }
.status-pending { background: #ede9fe; color: #5b21b6; }
.status-suspended { background: #fef3c7; color: #92400e; }
.status-completed { background: #dcfce7; color: #166534; }
.status-failed { background: #fee2e2; color: #991b1b; }
.status-terminated { background: #e5e7eb; color: #374151; }
.facts { display: grid; grid-template-columns: 140px 1fr; gap: 4px 12px; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.children { margin: 0; padding-left: 18px; }
pre { background: #0f172a; color: #e2e8f0; padding: 10px 12px; border-radius: 8px; overflow: auto; max-height: 320px; margin: 0; font-size: 12px; }
.failure pre { background: #2a0f12; color: #fecaca; }
.failure p { color: #991b1b; }
.actions { display: flex; gap: 8px; margin: 4px 0 14px; flex-wrap: wrap; }
.flash { padding: 8px 12px; border-radius: 6px; margin: 8px 0; }
.flash.hidden { display: none; }
.flash.ok { background: #dcfce7; color: #14532d; }
.flash.info { background: #dbeafe; }
.flash.error { background: #fee2e2; color: #7f1d1d; }
.timeline { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.timeline-scale { display: flex; justify-content: space-between; font-size: 11px; margin-left: 260px; }
.timeline-row { display: flex; align-items: center; height: 24px; }
.timeline-label { width: 260px; flex: none; font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; padding-right: 8px; }
.timeline-track { position: relative; flex: 1; height: 14px; background: #f3f4f6; border-radius: 4px; }
.bar { position: absolute; top: 0; height: 14px; border-radius: 4px; min-width: 4px; }
.bar-activity { background: #3b82f6; }
.bar-child { background: #8b5cf6; }
.bar-timer { background: #f59e0b; }
.bar-retry { background: repeating-linear-gradient(45deg, #9ca3af, #9ca3af 4px, #d1d5db 4px, #d1d5db 8px); }
.bar-wait { background: #14b8a6; }
.bar.outcome-failed { background: #ef4444; }
.bar.outcome-open { opacity: .55; }
.dialog { border: none; border-radius: 10px; padding: 18px 20px; min-width: 420px; box-shadow: 0 20px 50px rgba(0,0,0,.25); }
.dialog::backdrop { background: rgba(15, 23, 42, .45); }
.dialog h2 { margin-top: 0; }
.field { display: flex; flex-direction: column; gap: 4px; margin: 10px 0; }
.field textarea { font-family: ui-monospace, monospace; }
.dialog-error { color: #b91c1c; min-height: 1em; }
.dialog-buttons { display: flex; justify-content: flex-end; gap: 8px; }
.live { display: flex; align-items: center; gap: 4px; }
`;
