/**
 * All conversations, grouped by date (pinned first), virtualized: with 10,000 of them only the
 * visible rows exist. Rows have fixed heights (a group heading or a conversation), so nothing
 * needs measuring. Keys: ↑/↓ (and Home/End) move between conversations, F2 renames, Delete
 * deletes (Undo is offered), Enter opens.
 */
import { useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'
import { ConversationItem } from './ConversationItem'
import { groupRows, monthLabel, type GroupKey } from './grouping'
import { useToday } from './useToday'

const ROW_HEIGHT = 40
const HEADER_HEIGHT = 30

function focusConversation(id: string) {
  document.querySelector<HTMLElement>(`[data-conv-id="${CSS.escape(id)}"]`)?.focus()
}

export function ConversationList() {
  const { t, i18n } = useTranslation()
  const summaries = useAppStore((s) => s.summaries)
  const activeId = useAppStore((s) => s.activeId)
  const scrollRef = useRef<HTMLDivElement>(null)
  // Regrouped when the day changes too: a window left open past midnight moves today's
  // conversations under "Yesterday" without waiting for the list to change.
  const today = useToday()
  const rows = useMemo(() => {
    const label = (key: GroupKey) =>
      key.startsWith('ym:')
        ? monthLabel(key as `ym:${number}-${number}`, i18n.language)
        : t(`sidebar.group.${key as Exclude<GroupKey, `ym:${string}`>}`)
    return groupRows(summaries, today, label)
  }, [summaries, today, t, i18n.language])
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'header' ? HEADER_HEIGHT : ROW_HEIGHT),
    getItemKey: (i) => {
      const row = rows[i]
      return row ? (row.kind === 'header' ? `h:${row.key}` : row.summary.id) : i
    },
    overscan: 10
  })

  // React moves a row's element when the list re-sorts (a rename or a new message lifts it to the
  // top), and a moved element loses focus: give it back, so the keyboard stays where it was.
  const focusedId = useRef<string | null>(null)
  useLayoutEffect(() => {
    const id = focusedId.current
    if (id && document.activeElement === document.body) focusConversation(id)
  }, [rows])

  if (summaries.length === 0) return <p className="sidebar-empty">{t('sidebar.empty')}</p>

  const itemIndexes = rows.flatMap((r, i) => (r.kind === 'item' ? [i] : []))

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const target = e.target as HTMLElement
    const id = target.dataset.convId
    if (!id || e.altKey || e.ctrlKey || e.metaKey) return
    const at = rows.findIndex((r) => r.kind === 'item' && r.summary.id === id)
    const pos = itemIndexes.indexOf(at)
    let next: number | undefined
    if (e.key === 'ArrowDown') next = itemIndexes[Math.min(pos + 1, itemIndexes.length - 1)]
    else if (e.key === 'ArrowUp') next = itemIndexes[Math.max(pos - 1, 0)]
    else if (e.key === 'Home') next = itemIndexes[0]
    else if (e.key === 'End') next = itemIndexes[itemIndexes.length - 1]
    else if (e.key === 'F2') {
      e.preventDefault()
      useAppStore.getState().startRename(id)
      return
    } else if (e.key === 'Delete') {
      e.preventDefault()
      // The keyboard stays in the list: on the row that takes this one's place.
      const after = itemIndexes[pos + 1] ?? itemIndexes[pos - 1]
      const neighbour = after !== undefined ? rows[after] : undefined
      void useAppStore
        .getState()
        .removeConversation(id)
        .then((removed) => {
          if (removed && neighbour?.kind === 'item')
            requestAnimationFrame(() => focusConversation(neighbour.summary.id))
        })
      return
    }
    if (next === undefined) return
    e.preventDefault()
    const row = rows[next]
    if (row?.kind !== 'item') return
    virtualizer.scrollToIndex(next, { align: 'auto' })
    // The row may only exist after the scroll has rendered it.
    requestAnimationFrame(() => focusConversation(row.summary.id))
  }

  return (
    <div ref={scrollRef} className="conv-scroll">
      <ul
        className="conv-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={(e) => (focusedId.current = (e.target as HTMLElement).dataset.convId ?? null)}
        onBlur={(e) => {
          // Leaving the list for somewhere else (not a re-sort, which leaves focus nowhere).
          if (e.relatedTarget) focusedId.current = null
        }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!
          if (row.kind === 'header') {
            return (
              <li
                key={item.key}
                className="conv-group"
                role="presentation"
                style={{ height: HEADER_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <h2 className="conv-group-title">{row.label}</h2>
              </li>
            )
          }
          return (
            <li
              key={item.key}
              className="conv-row"
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              <ConversationItem summary={row.summary} active={row.summary.id === activeId} />
            </li>
          )
        })}
      </ul>
    </div>
  )
}
