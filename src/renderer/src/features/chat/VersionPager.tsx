/**
 * ‹ 2/3 ›: pages through the versions of a message (regenerated replies, edited questions), as
 * ChatGPT, LobeChat and Open WebUI do. Shown only on a message that has more than one; the choice
 * is stored by main, so the conversation opens on it next time and the next question follows it.
 */
import { useTranslation } from 'react-i18next'
import type { Message } from '@shared/conversation'
import { useAppStore } from '../../store'

export function VersionPager({
  conversationId,
  message,
  disabled
}: {
  conversationId: string
  message: Message
  disabled: boolean
}) {
  const { t } = useTranslation()
  const v = message.versions
  if (!v || v.count < 2) return null
  const go = (version: number) =>
    void useAppStore.getState().selectVersion(conversationId, message.id, version)
  return (
    <span className="version-pager" role="group" aria-label={t('chat.versions')}>
      <button
        type="button"
        className="btn-ghost btn-small"
        aria-label={t('chat.previousVersion')}
        disabled={disabled || v.index <= 1}
        onClick={() => go(v.index - 1)}
      >
        ‹
      </button>
      <span
        className="version-pager-label"
        aria-label={t('chat.versionOf', { n: String(v.index), total: String(v.count) })}
      >
        {v.index}/{v.count}
      </span>
      <button
        type="button"
        className="btn-ghost btn-small"
        aria-label={t('chat.nextVersion')}
        disabled={disabled || v.index >= v.count}
        onClick={() => go(v.index + 1)}
      >
        ›
      </button>
    </span>
  )
}
