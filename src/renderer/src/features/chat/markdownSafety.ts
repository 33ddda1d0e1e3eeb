/**
 * What may leave a reply as a link: http and https only. Everything else (javascript:, data:,
 * file:, vbscript:, custom app protocols, relative paths that would navigate the app window)
 * becomes '' so the renderer shows the link text without a target.
 */
import { defaultUrlTransform } from 'react-markdown'

export function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url.trim())
  if (!cleaned) return ''
  try {
    const parsed = new URL(cleaned)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : ''
  } catch {
    // Relative or malformed: there is no page of ours it could sensibly open.
    return ''
  }
}

/**
 * Split Markdown into blocks at blank lines outside code fences. While a reply streams, each
 * finished block is rendered by its own memoized component, so a new token re-parses only the
 * last block instead of the whole reply. The final message is rendered in one piece.
 */
export function splitBlocks(text: string): string[] {
  const lines = text.split('\n')
  const blocks: string[] = []
  let current: string[] = []
  let fence: string | null = null
  for (const line of lines) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker) {
      if (fence === null) fence = marker[0]!.repeat(marker.length)
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null
    }
    if (fence === null && line.trim() === '' && current.length > 0) {
      blocks.push(current.join('\n'))
      current = []
      continue
    }
    if (line.trim() === '' && current.length === 0) continue
    current.push(line)
  }
  if (current.length > 0) blocks.push(current.join('\n'))
  return blocks
}
