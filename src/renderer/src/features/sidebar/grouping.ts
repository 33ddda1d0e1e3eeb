/**
 * The sidebar's rows: conversations grouped by when they last changed (pinned first, then today,
 * yesterday, the last 7 days, the last 30 days, then one group per month), as Chatbox and
 * ChatGPT group them. Pure, so it is tested without a DOM; days are the user's local days.
 */
import type { ConversationSummary } from '@shared/conversation'

export type GroupKey =
  'pinned' | 'today' | 'yesterday' | 'week' | 'month' | `ym:${number}-${number}`

export type Row =
  | { kind: 'header'; key: GroupKey; label: string }
  | { kind: 'item'; summary: ConversationSummary; group: GroupKey }

export function startOfDay(at: number): number {
  const d = new Date(at)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}

/** The local midnight after `at` (a calendar day: a DST change makes one 23 or 25 hours long). */
export function nextMidnight(at: number): number {
  const d = new Date(startOfDay(at))
  d.setDate(d.getDate() + 1)
  return d.getTime()
}

export function groupOf(summary: ConversationSummary, now: number): GroupKey {
  if (summary.pinned) return 'pinned'
  const today = startOfDay(now)
  const day = 24 * 60 * 60 * 1000
  const at = summary.updatedAt
  if (at >= today) return 'today'
  // Calendar days, not 24-hour steps (a DST change makes one day 23 or 25 hours long).
  const yesterday = new Date(today)
  yesterday.setDate(yesterday.getDate() - 1)
  if (at >= yesterday.getTime()) return 'yesterday'
  if (at >= today - 7 * day) return 'week'
  if (at >= today - 30 * day) return 'month'
  const d = new Date(at)
  return `ym:${d.getFullYear()}-${d.getMonth() + 1}`
}

/**
 * Rows in display order. `summaries` come newest first; pinned ones are lifted to the top in
 * that order. `label` names a group in the UI language (a month by Intl in `locale`).
 */
export function groupRows(
  summaries: readonly ConversationSummary[],
  now: number,
  label: (key: GroupKey) => string
): Row[] {
  const pinned = summaries.filter((s) => s.pinned)
  const rest = summaries.filter((s) => !s.pinned)
  const rows: Row[] = []
  let current: GroupKey | null = null
  for (const summary of [...pinned, ...rest]) {
    const group = groupOf(summary, now)
    if (group !== current) {
      rows.push({ kind: 'header', key: group, label: label(group) })
      current = group
    }
    rows.push({ kind: 'item', summary, group })
  }
  return rows
}

/** "2026년 10월" / "October 2026" for a `ym:` group. */
export function monthLabel(key: `ym:${number}-${number}`, locale: string): string {
  const [year, month] = key.slice(3).split('-').map(Number) as [number, number]
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long' }).format(
    new Date(year, month - 1, 1)
  )
}
