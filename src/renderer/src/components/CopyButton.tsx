import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { copyRich, copyText } from '../api'
import { Icon } from './Icon'

/** A button that copies text and says so for a moment (visible text and accessible name stay put). */
/** `html`: also put formatted HTML on the clipboard (read when clicked), with `text` as the plain alternative. */
export function CopyButton({
  text,
  label,
  className,
  html
}: {
  text: string
  label: string
  className?: string
  html?: () => string | null
}) {
  const { t } = useTranslation()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  const onClick = async () => {
    const rich = html?.()
    const ok = rich ? await copyRich(text, rich) : await copyText(text)
    setState(ok ? 'copied' : 'failed')
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setState('idle'), 1500)
  }

  return (
    <button
      type="button"
      className={`btn-ghost btn-small ${className ?? ''}`}
      onClick={() => void onClick()}
      aria-label={label}
    >
      {state === 'copied' && <Icon name="check" size={14} />}
      {state === 'idle' ? label : state === 'copied' ? t('common.copied') : t('common.copyFailed')}
      {/* Announce the outcome without renaming the button. */}
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </button>
  )
}
