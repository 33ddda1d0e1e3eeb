/**
 * "Copy diagnostics": asks main for the diagnostics block (version, OS, profile without secrets,
 * last check, recent redacted log lines) and puts it on the clipboard. The hook keeps the outcome
 * so that the host (the check dialog, the Settings card) shows a failure where it has room.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '@shared/errors'
import { copyText } from '../../api'
import { Icon } from '../../components/Icon'
import { useAppStore } from '../../store'

export interface CopyDiagnostics {
  state: 'idle' | 'working' | 'copied' | 'failed'
  /** Why main could not build the text (a clipboard refusal has no AppError). */
  error: AppError | null
  copy(): Promise<void>
}

export function useCopyDiagnostics(): CopyDiagnostics {
  const [state, setState] = useState<CopyDiagnostics['state']>('idle')
  const [error, setError] = useState<AppError | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      clearTimeout(timer.current)
    }
  }, [])

  const copy = useCallback(async () => {
    clearTimeout(timer.current)
    setState('working')
    setError(null)
    const res = await useAppStore.getState().diagnostics()
    const copied = res.ok ? await copyText(res.data.text) : false
    if (!mounted.current) return
    setError(res.ok ? null : res.error)
    setState(copied ? 'copied' : 'failed')
    // "Copied" goes back to the label after a moment; a failure stays until the next try.
    if (copied) timer.current = setTimeout(() => setState('idle'), 2000)
  }, [])

  return { state, error, copy }
}

/** The button: its accessible name stays "Copy diagnostics"; the outcome is shown and announced. */
export function CopyDiagnosticsButton({
  copy,
  className = 'btn'
}: {
  copy: CopyDiagnostics
  className?: string
}) {
  const { t } = useTranslation()
  const outcome =
    copy.state === 'copied'
      ? t('common.copied')
      : copy.state === 'failed'
        ? t('common.copyFailed')
        : ''
  return (
    <button
      type="button"
      className={className}
      aria-label={t('doctor.copyDiagnostics')}
      disabled={copy.state === 'working'}
      onClick={() => void copy.copy()}
    >
      {copy.state === 'copied' && <Icon name="check" size={14} />}
      {outcome || t('doctor.copyDiagnostics')}
      <span className="visually-hidden" aria-live="polite">
        {outcome}
      </span>
    </button>
  )
}
