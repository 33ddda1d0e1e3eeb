/**
 * Attached files as chips: name, size and how much text was extracted (what the server will get).
 * In the composer each has a remove button; under a sent message they are a record of what went.
 */
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatBytes, type Attachment } from '@shared/attachments'
import { Icon } from '../../components/Icon'
import type { ComposerFile } from '../../store/types'

function detail(t: TFunction, size: number, attachment: Attachment | null): string {
  if (!attachment) return `${formatBytes(size)} · ${t('attachments.reading')}`
  if (attachment.kind === 'image') return `${formatBytes(size)} · ${t('attachments.image')}`
  return `${formatBytes(size)} · ${t('attachments.chars', { count: attachment.text.length, formatted: attachment.text.length.toLocaleString() })}`
}

export function ComposerChips({
  files,
  onRemove
}: {
  files: ComposerFile[]
  onRemove: (id: string) => void
}) {
  const { t } = useTranslation()
  if (files.length === 0) return null
  return (
    <ul className="attachment-chips" aria-label={t('attachments.list')}>
      {files.map((f) => (
        <li
          key={f.id}
          className={`attachment-chip${f.attachment ? '' : ' attachment-reading'}`}
          aria-busy={!f.attachment}
        >
          <span className="attachment-name" title={f.name}>
            {f.name}
          </span>
          <span className="attachment-detail">{detail(t, f.size, f.attachment)}</span>
          <button
            type="button"
            className="btn-ghost btn-icon"
            aria-label={t('attachments.remove', { name: f.name })}
            onClick={() => onRemove(f.id)}
          >
            <Icon name="close" size={14} />
          </button>
        </li>
      ))}
    </ul>
  )
}

export function MessageAttachments({ attachments }: { attachments: Attachment[] | undefined }) {
  const { t } = useTranslation()
  if (!attachments?.length) return null
  return (
    <ul className="attachment-chips attachment-sent" aria-label={t('attachments.list')}>
      {attachments.map((a, i) => (
        <li key={`${a.name}-${i}`} className="attachment-chip">
          <span className="attachment-name" title={a.name}>
            {a.name}
          </span>
          <span className="attachment-detail">{detail(t, a.size, a)}</span>
        </li>
      ))}
    </ul>
  )
}
