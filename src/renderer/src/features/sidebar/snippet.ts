/**
 * A search snippet as plain words: the store cuts it out of the raw Markdown, so it can start
 * mid-table (`| a | b |`) or carry `**`, `#`, backticks and link syntax. A person reads text.
 */
export function plainSnippet(snippet: string): string {
  return (
    snippet
      // [text](url) → text; ![alt](src) → alt
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      // a link the snippet cut: `[text](https://intra.…` and `text](url)` at the edges
      .replace(/!?\[([^\]]*)\]\([^)]*$/, '$1')
      .replace(/^([^[]*)\]\([^)]*\)/, '$1')
      // table separator rows and cell bars
      .replace(/\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?/g, ' ')
      .replace(/\s*\|\s*/g, ' · ')
      // fences, inline code, emphasis, headings, quotes, list bullets
      .replace(/`{1,3}/g, '')
      .replace(/(\*\*|__|~~)/g, '')
      .replace(/(^|\s)[*_](\S)/g, '$1$2')
      .replace(/(\S)[*_](?=\s|$|[.,!?…])/g, '$1')
      .replace(/(^|\n)\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/g, '$1')
      .replace(/\s+/g, ' ')
      .replace(/(\s*·\s*){2,}/g, ' · ')
      .replace(/^(…?)\s*·\s*/, '$1')
      .replace(/\s*·\s*(…?)$/, '$1')
      .trim()
  )
}
