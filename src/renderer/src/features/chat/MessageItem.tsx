/**
 * One message. Memoized on the message object: a finished message never re-renders while another
 * streams. The streaming reply reads its growing text from `live` by id, so only that row updates.
 */
import { memo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { Message } from '@shared/conversation'
import { CopyButton } from '../../components/CopyButton'
import { errorSummary } from '../../i18n'
import { ErrorDetails } from '../../components/ErrorDetails'
import { ErrorAdvice } from '../../components/ErrorAdvice'
import { TrustCertificate } from '../connection/TrustCertificate'
import { useAppStore } from '../../store'
import { CheckConnectionButton } from '../connection/CheckConnectionButton'
import { isConnectionError } from '../connection/connectionErrors'
import { MessageAttachments } from './AttachmentChips'
import { Markdown, StreamingMarkdown } from './Markdown'
import { MessageEditor } from './MessageEditor'
import { replyHtml } from './richCopy'
import { VersionPager } from './VersionPager'

export interface MessageItemProps {
  conversationId: string
  message: Message
  /** The last message of the conversation (regenerate, retry and "retry a lone question" live there). */
  isLast: boolean
  /** The user message this reply answers, for retry/regenerate. */
  questionId: string | undefined
  /** A reply is streaming or a call is in flight in this conversation. */
  busy: boolean
}

export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  return props.message.role === 'user' ? (
    <UserMessage {...props} />
  ) : (
    <AssistantMessage {...props} />
  )
})

function UserMessage({ conversationId, message, isLast, busy }: MessageItemProps) {
  const { t } = useTranslation()
  const editing = useAppStore((s) => s.editing?.messageId === message.id)
  if (editing) {
    return (
      <article className="msg msg-user" aria-label={t('chat.you')}>
        <MessageEditor conversationId={conversationId} message={message} hasFollowing={!isLast} />
      </article>
    )
  }
  return (
    <article className="msg msg-user" aria-label={t('chat.you')}>
      <MessageAttachments attachments={message.attachments} />
      {message.text && <div className="msg-bubble">{message.text}</div>}
      <div className="msg-actions">
        <VersionPager conversationId={conversationId} message={message} disabled={busy} />
        <CopyButton text={message.text} label={t('common.copy')} />
        <button
          type="button"
          className="btn-ghost btn-small"
          disabled={busy}
          onClick={() => useAppStore.getState().startEdit(conversationId, message.id)}
        >
          {t('chat.edit')}
        </button>
        {/* A question left without any reply (the app closed mid-send) can be asked again. */}
        {isLast && !busy && (
          <button
            type="button"
            className="btn-ghost btn-small"
            onClick={() => void useAppStore.getState().retry(conversationId, message.id)}
          >
            {t('chat.retry')}
          </button>
        )}
      </div>
    </article>
  )
}

function AssistantMessage({ conversationId, message, isLast, questionId, busy }: MessageItemProps) {
  const { t } = useTranslation()
  const streaming = message.status === 'streaming'
  const live = useAppStore((s) => (streaming ? s.live[message.id] : undefined))
  const text = streaming ? (live ?? message.text) : message.text
  // Armed by secretRetrySlice: the person is told the question will go again once the secret is in.
  const retriesAfterSecret = useAppStore((s) => s.secretRetry?.replyId === message.id)
  const bodyRef = useRef<HTMLDivElement>(null)
  const retry = () => {
    if (questionId) void useAppStore.getState().retry(conversationId, questionId)
  }

  return (
    // aria-busy while streaming: a screen reader reads the reply once, when it is complete.
    <article
      className={`msg msg-assistant msg-${message.status}`}
      aria-label={t('chat.assistant')}
      aria-busy={streaming}
    >
      <div ref={bodyRef} className="msg-body markdown">
        {streaming ? <StreamingMarkdown text={text} /> : <Markdown text={text} />}
      </div>
      {streaming && (
        <p className="msg-streaming">
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="visually-hidden">{t('chat.streaming')}</span>
        </p>
      )}
      {message.status === 'stopped' && (
        <span className="badge badge-muted">{t('chat.stopped')}</span>
      )}
      {message.status === 'failed' && (
        <div className="msg-error" role="alert">
          <span className="badge badge-danger">{t('chat.failed')}</span>
          <span className="msg-error-text">
            {message.error ? errorSummary(message.error) : t('errors.internal')}
          </span>
          {/* Retry and Check connection already sit next to a failed reply. */}
          {message.error && (
            <ErrorAdvice error={message.error} on={{ retry: false, checkConnection: false }} />
          )}
          {retriesAfterSecret && (
            <span className="msg-error-note">{t('chat.retriesAfterSecret')}</span>
          )}
          {isConnectionError(message.error) && <CheckConnectionButton />}
          <TrustCertificate error={message.error} />
          {message.error && <ErrorDetails error={message.error} />}
        </div>
      )}
      {!streaming && (
        <div className="msg-actions">
          <VersionPager conversationId={conversationId} message={message} disabled={busy} />
          {text && (
            <CopyButton
              text={text}
              label={t('chat.copyReply')}
              html={() => (bodyRef.current ? replyHtml(bodyRef.current) : null)}
            />
          )}
          {isLast && questionId && message.status === 'failed' && (
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={busy}
              onClick={retry}
            >
              {t('chat.retry')}
            </button>
          )}
          {isLast && questionId && message.status !== 'failed' && (
            <button type="button" className="btn-ghost btn-small" disabled={busy} onClick={retry}>
              {t('chat.regenerate')}
            </button>
          )}
        </div>
      )}
    </article>
  )
}
