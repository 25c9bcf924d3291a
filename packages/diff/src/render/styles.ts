/**
 * Default stylesheets of the HTML renderers. The class names are stable (the
 * editor styles them too, see docs/diff.md): `pt-ins` insertion (underlined,
 * green), `pt-del` deletion (struck, red), `pt-minor` typographic-only
 * change (discreet grey), `pt-field` a structured field change,
 * `pt-fiche` one fiche, `pt-section`, `pt-block`, `pt-moved`, `pt-summary`,
 * `pt-classement` (classement changes, highlighted).
 */
export const REDLINE_CSS = `
.pt-redline { font-family: system-ui, "Segoe UI", Arial, sans-serif; line-height: 1.5; color: #1d1d1f; }
.pt-ins { text-decoration: underline; text-decoration-thickness: 2px; color: #0b5d2a; background: #e3f4e8; }
.pt-del { text-decoration: line-through; color: #a4161a; background: #fde7e7; }
.pt-minor { color: #777; background: none; text-decoration-thickness: 1px; text-decoration-style: dotted; }
.pt-summary { border: 1px solid #ccd; border-radius: 6px; padding: .5em 1em; margin-bottom: 1em; background: #f7f8fb; }
.pt-summary ul { margin: .2em 0; padding-left: 0; }
.pt-summary ul li { display: inline-block; margin-right: 1.2em; }
.pt-summary h2 { margin: .3em 0; font-size: 1.2em; } .pt-summary h3 { font-size: 1em; margin: .6em 0 .2em; }
.pt-classement { background: #fff6cc; }
table.pt-classement-table { border-collapse: collapse; margin: .5em 0; }
table.pt-classement-table td, table.pt-classement-table th { border: 1px solid #ddd; padding: .2em .6em; text-align: left; }
.pt-fiche { border-top: 1px solid #ddd; padding: .5em 0; }
.pt-fiche h3 { margin: .3em 0; }
.pt-badge { font-size: .75em; font-weight: normal; padding: .1em .5em; border-radius: 1em; background: #eee; margin-left: .5em; }
.pt-fiche-added .pt-badge { background: #e3f4e8; } .pt-fiche-removed .pt-badge { background: #fde7e7; }
.pt-section h4 { margin: .4em 0 .2em; font-size: .95em; color: #444; }
.pt-field { list-style: none; }
.pt-fields { padding-left: 0; margin: .2em 0; }
.pt-block { margin: .2em 0; }
.pt-group-title { font-weight: 600; }
.pt-item::before { content: "– "; }
.pt-move { font-size: .8em; color: #5a4a8a; margin-left: .5em; }
.pt-moved { border-left: 3px solid #8a7ac8; padding-left: .4em; }
.pt-replaced { outline: 1px dashed #c99; }
`

export const TABLEAU_CSS = `
${REDLINE_CSS}
body { margin: 1.5em; }
.pt-redline h1 { font-size: 1.4em; margin: 0 0 .2em; }
.pt-subtitle { color: #555; margin: 0 0 1em; }
table.pt-tableau { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.pt-tableau th, table.pt-tableau td { border: 1px solid #999; padding: .35em .5em; vertical-align: top; }
table.pt-tableau thead th { background: #e8ebf3; }
table.pt-tableau col.pt-col-section { width: 13%; }
tr.pt-fiche-row th { background: #f1f1f6; text-align: left; font-size: 1.05em; }
td.pt-comment { background: #fcfcfc; }
td.pt-proposers ul { margin: 0; padding-left: 1em; font-size: .9em; }
tr.pt-classement td { background: #fff6cc; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  .pt-ins, .pt-del { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`

/**
 * The redline and tableau stylesheets as one `<style>` element for a
 * fragment embedded in a page (the editor's screens): without their
 * page-level rules (body margins, @page), which are for standalone documents.
 */
export function embeddedStyles(): string {
  const css = `${REDLINE_CSS}${TABLEAU_CSS}`.replace(/(^|[\s}])body\s*\{[^}]*\}/g, '$1').replace(/@page\s*\{[^}]*\}/g, '')
  return `<style>${css}</style>`
}
