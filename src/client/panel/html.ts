/**
 * The panel's HTML: a strict Content Security Policy with a fresh nonce (no remote
 * resources, no inline handlers), the theme's CSS variables, and dist/webview.js.
 * Pure: takes the webview's cspSource and the script's URI as strings.
 */

export function makeNonce(): string {
  // Web Crypto: in the extension host's Node and in a browser's web worker alike.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** Colours come from VS Code's theme variables only: light, dark and high contrast alike. */
export const PANEL_CSS = `
:root { color-scheme: light dark; }
body { margin: 0; padding: 0 16px 24px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.4; }
.page-head { display: flex; flex-wrap: wrap; align-items: flex-start; justify-content: space-between; gap: 8px 16px;
  position: sticky; top: 0; z-index: 2; padding: 12px 0 8px; background: var(--vscode-editor-background);
  border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); }
h1 { font-size: 1.35em; font-weight: 600; margin: 0; overflow-wrap: anywhere; }
h2 { font-size: 1.1em; font-weight: 600; margin: 0; }
.summary { margin: 4px 0 0; color: var(--vscode-descriptionForeground); }
.tools { display: flex; gap: 6px; flex-wrap: wrap; }
.section { margin-top: 20px; }
.section-head { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 6px; }
.section-head h2 { margin-right: auto; }
button.tool { font: inherit; padding: 3px 10px; border-radius: 2px; cursor: pointer;
  color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
  border: 1px solid var(--vscode-button-border, transparent); }
button.tool:hover { background: var(--vscode-button-secondaryHoverBackground); }
.filter { font: inherit; min-width: 18em; padding: 3px 6px; color: var(--vscode-input-foreground); background: var(--vscode-input-background);
  border: 1px solid var(--vscode-input-border, var(--vscode-contrastBorder, transparent)); border-radius: 2px; }
.filter::placeholder { color: var(--vscode-input-placeholderForeground); }
.counts { margin: 0 0 6px; color: var(--vscode-descriptionForeground); }
.message { padding: 12px; border-left: 3px solid var(--vscode-textLink-foreground); background: var(--vscode-textBlockQuote-background); }
/* A narrow panel (the default split is about 500 px): the table scrolls sideways inside its
   holder, its first column (the name of the row) stays in view, and no column is cut off. */
.table-holder { overflow-x: auto; max-width: 100%; }
table.grid { border-collapse: separate; border-spacing: 0; width: 100%; }
.grid th:first-child, .grid td:first-child { position: sticky; left: 0; z-index: 1;
  background: var(--vscode-editor-background); box-shadow: 1px 0 0 var(--vscode-editorWidget-border, var(--vscode-panel-border, transparent)); }
.grid th:first-child { background: var(--vscode-editorWidget-background, var(--vscode-editor-background)); }
.grid th, .grid td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border, transparent));
  vertical-align: top; overflow-wrap: break-word; }
.grid th { font-weight: 600; white-space: nowrap; background: var(--vscode-editorWidget-background, transparent); }
.grid tbody tr:hover { background: var(--vscode-list-hoverBackground); }
.grid tbody tr:focus { background: var(--vscode-list-focusBackground, var(--vscode-list-hoverBackground)); }
button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
button.link { font: inherit; color: var(--vscode-textLink-foreground); background: none; border: 0; padding: 0; cursor: pointer;
  text-align: left; overflow-wrap: break-word; }
button.link:hover { text-decoration: underline; color: var(--vscode-textLink-activeForeground); }
:focus-visible, tr:focus, g.clickable:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
g.clickable:focus { outline-offset: 2px; }
.tone-muted { color: var(--vscode-descriptionForeground); }
.tone-ok { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
.tone-warn { color: var(--vscode-editorWarning-foreground); }
.tone-bad { color: var(--vscode-errorForeground); }
button.link.tone-plain, button.link.tone-ok, button.link.tone-warn { color: var(--vscode-textLink-foreground); }
.badge { display: inline-block; margin: 0 4px 2px 0; padding: 0 6px; border-radius: 8px; font-size: 0.85em; font-family: var(--vscode-editor-font-family);
  color: var(--vscode-badge-foreground); background: var(--vscode-badge-background); border: 1px solid var(--vscode-contrastBorder, transparent); }
.badge.sev-error { color: var(--vscode-editor-background); background: var(--vscode-editorError-foreground); }
.badge.sev-warning { color: var(--vscode-editor-background); background: var(--vscode-editorWarning-foreground); }
.badge.sev-information, .badge.sev-hint { color: var(--vscode-editor-background); background: var(--vscode-editorInfo-foreground); }
td.empty { color: var(--vscode-descriptionForeground); font-style: italic; }
.diagram-holder { overflow-x: auto; }
svg.diagram { display: block; font-family: var(--vscode-font-family); font-size: 12px; }
.group rect { fill: var(--vscode-sideBar-background, var(--vscode-editorWidget-background)); stroke: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, currentColor)); }
.group.azure rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-textLink-foreground); stroke-dasharray: 0; }
.group-label { fill: var(--vscode-foreground); font-weight: 600; }
.node rect { fill: var(--vscode-editor-background); stroke: var(--vscode-textLink-foreground); stroke-width: 1.2; }
.node.unmapped rect { stroke: var(--vscode-descriptionForeground); stroke-dasharray: 4 3; }
.node-label { fill: var(--vscode-foreground); }
.node.unmapped .node-label { fill: var(--vscode-descriptionForeground); }
.edge-line { fill: none; stroke-width: 1.6; stroke: var(--vscode-textLink-foreground); }
.edge-label { font-size: 11px; fill: var(--vscode-textLink-foreground); paint-order: stroke; stroke: var(--vscode-editor-background); stroke-width: 3px; }
.arrowhead.state-available { fill: var(--vscode-textLink-foreground); }
.edge.state-unavailable .edge-line { stroke: var(--vscode-errorForeground); stroke-dasharray: 5 3; }
.edge.state-unavailable .edge-label, .arrowhead.state-unavailable { fill: var(--vscode-errorForeground); }
.edge.state-partly-unavailable .edge-line { stroke: var(--vscode-editorWarning-foreground); stroke-dasharray: 5 3; }
.edge.state-partly-unavailable .edge-label, .arrowhead.state-partly-unavailable { fill: var(--vscode-editorWarning-foreground); }
g.clickable { cursor: pointer; }
g.node.clickable:hover rect { stroke-width: 2.2; }
g.edge.clickable:hover .edge-line { stroke-width: 2.6; }
.legend { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
body.vscode-high-contrast .grid th, body.vscode-high-contrast .grid td { border-bottom-color: var(--vscode-contrastBorder); }
body.vscode-high-contrast .node rect, body.vscode-high-contrast .group rect { stroke: var(--vscode-contrastBorder); }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }
`;

export function panelHtml(cspSource: string, scriptUri: string, nonce: string): string {
  const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Network mapping</title>
<style nonce="${attr(nonce)}">${PANEL_CSS}</style>
</head>
<body>
<div id="root"></div>
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>`;
}
