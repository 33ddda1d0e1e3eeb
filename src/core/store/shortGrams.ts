/**
 * What the short-query index (migration 3) stores for a message: its distinct pairs of adjacent
 * letters or digits within a word, plus each word's last character, lower-cased and separated by
 * spaces. "회의록 요약" → "회의 의록 록 요약 약". A two-character query is then one indexed word
 * ("회의"), a one-character query a prefix ("회"*), however large the history.
 */
const WORD = /[\p{L}\p{N}]+/gu

export function shortGrams(text: string): string {
  const grams = new Set<string>()
  for (const match of text.toLocaleLowerCase().matchAll(WORD)) {
    const chars = Array.from(match[0])
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!)
    grams.add(chars[chars.length - 1]!)
  }
  return [...grams].join(' ')
}

/** Can the short-query index answer `needle` (one or two letters or digits)? */
export function shortQueryFor(needle: string): string | undefined {
  const chars = Array.from(needle.toLocaleLowerCase())
  if (chars.length < 1 || chars.length > 2 || !chars.every((c) => /[\p{L}\p{N}]/u.test(c)))
    return undefined
  return chars.length === 2 ? `"${chars.join('')}"` : `"${chars[0]}"*`
}
