/**
 * The HTML that "Copy reply" puts on the clipboard: the reply as rendered, minus the app's own
 * controls (code toolbars), with the table borders and spacing written inline, because Outlook,
 * Word and 한글 ignore our stylesheet and would paste a table without lines.
 */
const cell = 'border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top'

export function replyHtml(body: HTMLElement): string {
  const copy = body.cloneNode(true) as HTMLElement
  for (const el of copy.querySelectorAll('.code-toolbar, button, .visually-hidden')) el.remove()
  // Highlighting spans carry class names only: keep their text, drop the wrappers' classes.
  for (const el of copy.querySelectorAll('[class]')) el.removeAttribute('class')
  for (const table of copy.querySelectorAll('table'))
    table.setAttribute('style', 'border-collapse:collapse')
  for (const td of copy.querySelectorAll('th, td')) td.setAttribute('style', cell)
  for (const pre of copy.querySelectorAll('pre'))
    pre.setAttribute(
      'style',
      'font-family:Consolas,D2Coding,monospace;background:#f6f8fa;padding:8px;white-space:pre-wrap'
    )
  for (const a of copy.querySelectorAll('a')) a.removeAttribute('rel')
  return `<meta charset="utf-8"><div>${copy.innerHTML}</div>`
}
