/** Transient notices (bottom): the Undo of a deleted conversation, saved/exported/error messages. */
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText, i18n } from '../i18n'
import { useAppStore } from '../store'
import { ErrorAdvice } from './ErrorAdvice'
import { Icon } from './Icon'

const NOTICE_MS = 6000
const UNDO_MS = 10000

export function Toasts() {
  return (
    <div className="toasts">
      <UndoToast />
      <NoticeToast />
    </div>
  )
}

function UndoToast() {
  const { t } = useTranslation()
  const undo = useAppStore((s) => s.undo)
  useEffect(() => {
    if (!undo) return
    const timer = setTimeout(() => useAppStore.getState().dismissUndo(), UNDO_MS)
    return () => clearTimeout(timer)
  }, [undo])
  if (!undo) return null
  return (
    <div className="toast" role="status">
      <span>{t('sidebar.deleted', { title: undo.title || t('sidebar.untitled') })}</span>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => void useAppStore.getState().undoRemove()}
      >
        {t('sidebar.undo')}
      </button>
    </div>
  )
}

function NoticeToast() {
  const { t } = useTranslation()
  const notice = useAppStore((s) => s.notice)
  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => useAppStore.getState().dismissNotice(), NOTICE_MS)
    return () => clearTimeout(timer)
  }, [notice])
  if (!notice) return null
  const text = notice.error
    ? errorText(notice.error)
    : notice.key && i18n.exists(notice.key)
      ? i18n.t(notice.key as 'app.loading', notice.params ?? {})
      : ''
  return (
    <div
      className={`toast toast-${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      <span className="toast-text">
        {text}
        {notice.error && <ErrorAdvice error={notice.error} />}
      </span>
      <button
        type="button"
        className="icon-btn"
        aria-label={t('common.close')}
        onClick={() => useAppStore.getState().dismissNotice()}
      >
        <Icon name="close" />
      </button>
    </div>
  )
}
