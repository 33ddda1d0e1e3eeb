/**
 * All conversations, newest first, virtualized: with 10,000 of them only the visible rows exist.
 * Rows have a fixed height, so nothing needs measuring.
 */
import { useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'
import { ConversationItem } from './ConversationItem'

const ROW_HEIGHT = 40

export function ConversationList() {
  const { t } = useTranslation()
  const summaries = useAppStore((s) => s.summaries)
  const activeId = useAppStore((s) => s.activeId)
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: summaries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => summaries[i]?.id ?? i,
    overscan: 10
  })

  if (summaries.length === 0) return <p className="sidebar-empty">{t('sidebar.empty')}</p>

  return (
    <div ref={scrollRef} className="conv-scroll">
      <ul className="conv-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const summary = summaries[item.index]!
          return (
            <li key={item.key} className="conv-row" style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
              <ConversationItem summary={summary} active={summary.id === activeId} />
            </li>
          )
        })}
      </ul>
    </div>
  )
}
