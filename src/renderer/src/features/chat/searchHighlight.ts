/**
 * Marks the words of a search in a rendered message with the CSS Custom Highlight API: no DOM
 * changes inside the memoized Markdown, nothing to undo but the highlight itself.
 */
export const HIGHLIGHT_NAME = 'search-hit'

type HighlightRegistry = { set(name: string, h: unknown): void; delete(name: string): void }
type HighlightCtor = new (...ranges: Range[]) => unknown

function registry(): { highlights: HighlightRegistry; Highlight: HighlightCtor } | null {
  const css = (globalThis as unknown as { CSS?: { highlights?: HighlightRegistry } }).CSS
  const Highlight = (globalThis as unknown as { Highlight?: HighlightCtor }).Highlight
  return css?.highlights && Highlight ? { highlights: css.highlights, Highlight } : null
}

/** Highlight every occurrence of each word of `query` under `root`; returns how many were found. */
export function highlightMatches(root: Element, query: string): number {
  const reg = registry()
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)
  if (!reg || terms.length === 0) return 0
  const ranges: Range[] = []
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.nodeValue ?? '').toLowerCase()
    for (const term of terms) {
      for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + term.length)
        ranges.push(range)
      }
    }
  }
  if (ranges.length) reg.highlights.set(HIGHLIGHT_NAME, new reg.Highlight(...ranges))
  return ranges.length
}

export function clearHighlight(): void {
  registry()?.highlights.delete(HIGHLIGHT_NAME)
}
