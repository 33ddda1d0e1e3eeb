/**
 * The conversation, virtualized (TanStack Virtual, end-anchored as its chat guide describes): only
 * the rows on screen exist in the DOM, so 10,000 messages open as fast as 10. Rows are measured
 * as they render; while the reader is at the bottom the list follows a growing reply, and when
 * they have scrolled up to read, it leaves them there.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import type { Message } from '@shared/conversation'
import { useAppStore } from '../../store'
import { isStreaming } from '../../store/selectors'
import { Icon } from '../../components/Icon'
import { MessageItem } from './MessageItem'
import { clearHighlight, highlightMatches } from './searchHighlight'

const noMessages: Message[] = []

const estimates = new WeakMap<Message, number>()

/**
 * A rough height from the text, so the scrollbar is close to right before rows are measured.
 * Cached per message object: the virtualizer asks for all 10,000 again whenever the list changes.
 */
function estimate(message: Message | undefined): number {
  if (!message) return 80
  let size = estimates.get(message)
  if (size === undefined) {
    let lines = 1
    for (
      let i = message.text.indexOf('\n');
      i !== -1 && lines < 400;
      i = message.text.indexOf('\n', i + 1)
    )
      lines++
    size = 56 + Math.min(lines + Math.floor(message.text.length / 90), 400) * 22
    estimates.set(message, size)
  }
  return size
}

export function MessageList({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation()
  const messages = useAppStore((s) => s.threads[conversationId]?.messages ?? noMessages)
  const streaming = useAppStore((s) => isStreaming(s, conversationId))
  const busy = useAppStore((s) => streaming || s.pending[conversationId] === true)
  const focusMessageId = useAppStore((s) => s.focusMessageId)
  const editingId = useAppStore((s) =>
    s.editing?.conversationId === conversationId ? s.editing.messageId : null
  )
  const searchHit = useAppStore((s) => s.searchHit)
  const scrollRef = useRef<HTMLDivElement>(null)

  const getItemKey = useCallback((i: number) => messages[i]?.id ?? i, [messages])
  const estimateSize = useCallback((i: number) => estimate(messages[i]), [messages])

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 6,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 80
  })

  // The list is keyed by conversation, so this runs once per opened conversation: start at the end.
  useLayoutEffect(() => {
    if (!useAppStore.getState().focusMessageId) virtualizer.scrollToEnd()
  }, [virtualizer])

  // A search hit asks for one message: show it in the middle.
  useEffect(() => {
    if (!focusMessageId) return
    const index = messages.findIndex((m) => m.id === focusMessageId)
    if (index < 0) return
    virtualizer.scrollToIndex(index, { align: 'center' })
    useAppStore.getState().clearFocusMessage()
  }, [focusMessageId, messages, virtualizer])

  // ArrowUp edits the last message, which may be off screen.
  useEffect(() => {
    if (!editingId) return
    const index = messages.findIndex((m) => m.id === editingId)
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' })
  }, [editingId, messages, virtualizer])

  const items = virtualizer.getVirtualItems()
  // The searched words, highlighted in the hit once its row is on screen (and again when the row
  // is rebuilt after scrolling away and back).
  const hitShown =
    searchHit !== null && items.some((item) => messages[item.index]?.id === searchHit.messageId)
  useEffect(() => {
    if (!searchHit || !hitShown) return
    const row = scrollRef.current?.querySelector(
      `[data-message-id="${CSS.escape(searchHit.messageId)}"]`
    )
    if (row) highlightMatches(row, searchHit.query)
    return () => clearHighlight()
  }, [searchHit, hitShown])

  // The virtualizer re-renders this component on scroll, so this stays current.
  const awayFromEnd = messages.length > 0 && !virtualizer.isAtEnd(200)
  return (
    <div className="message-area">
      <div
        ref={scrollRef}
        className="message-scroll"
        role="log"
        aria-live="polite"
        aria-label={t('chat.log')}
        tabIndex={0}
      >
        <div className="message-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const message = messages[item.index]!
            const previous = messages[item.index - 1]
            return (
              <div
                key={item.key}
                data-index={item.index}
                data-message-id={message.id}
                ref={virtualizer.measureElement}
                className={`message-row${searchHit?.messageId === message.id ? ' is-search-hit' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <MessageItem
                  conversationId={conversationId}
                  message={message}
                  isLast={item.index === messages.length - 1}
                  questionId={
                    message.role === 'assistant' && previous?.role === 'user'
                      ? previous.id
                      : undefined
                  }
                  busy={busy}
                />
              </div>
            )
          })}
        </div>
      </div>
      {awayFromEnd && (
        <div className="jump-strip">
          <button
            type="button"
            className="btn btn-small jump-latest"
            onClick={() => virtualizer.scrollToEnd({ behavior: 'smooth' })}
          >
            <Icon name="arrowDown" size={14} />
            {t('chat.jumpToLatest')}
          </button>
        </div>
      )}
    </div>
  )
}
