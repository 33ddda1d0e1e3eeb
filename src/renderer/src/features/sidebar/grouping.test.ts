import { describe, expect, it } from 'vitest'
import type { ConversationSummary } from '@shared/conversation'
import { groupRows, monthLabel, type GroupKey } from './grouping'

const now = new Date(2026, 11, 1, 15, 0).getTime() // 1 Dec 2026, 15:00 local
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime()
const conv = (id: string, updatedAt: number, pinned = false): ConversationSummary => ({
  id,
  title: id,
  createdAt: updatedAt,
  updatedAt,
  messageCount: 2,
  ...(pinned ? { pinned } : {})
})
const label = (key: GroupKey) =>
  key.startsWith('ym:') ? monthLabel(key as `ym:${number}-${number}`, 'ko-KR') : key

describe('sidebar groups', () => {
  it('groups newest first by today, yesterday, 7 days, 30 days, then month; pinned on top', () => {
    const rows = groupRows(
      [
        conv('this morning', at(2026, 12, 1, 0)),
        conv('late yesterday', at(2026, 11, 30, 23)),
        conv('pinned old', at(2025, 3, 4), true),
        conv('five days ago', at(2026, 11, 26)),
        conv('three weeks ago', at(2026, 11, 10)),
        conv('october', at(2026, 10, 15)),
        conv('october too', at(2026, 10, 2)),
        conv('last year', at(2025, 12, 31))
      ],
      now,
      label
    )
    expect(rows.map((r) => (r.kind === 'header' ? `# ${r.label}` : r.summary.id))).toEqual([
      '# pinned',
      'pinned old',
      '# today',
      'this morning',
      '# yesterday',
      'late yesterday',
      '# week',
      'five days ago',
      '# month',
      'three weeks ago',
      '# 2026년 10월',
      'october',
      'october too',
      '# 2025년 12월',
      'last year'
    ])
  })

  it('names months in the UI language', () => {
    expect(monthLabel('ym:2026-10', 'en-US')).toBe('October 2026')
    expect(monthLabel('ym:2026-10', 'ko-KR')).toBe('2026년 10월')
  })

  it('has no header for an empty list', () => {
    expect(groupRows([], now, label)).toEqual([])
  })
})
