/**
 * Why the first-start check failed, in the words a person needs: which step, the reason, what to
 * do about it, and every step under "Details". The form stays as it was; Try again runs the
 * check again, Save anyway keeps the profile (IT may set one up before the server is reachable).
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { failedStep, type DoctorReport, type DoctorStepId } from '@shared/doctor'
import { ErrorAdvice, type AdviceHandlers } from '../../components/ErrorAdvice'
import type { AppError } from '@shared/errors'
import { errorText } from '../../i18n'
import { reportStepName, StepList } from '../connection/DoctorDialog'

type Advice = 'network' | 'ssh' | 'tls' | 'detect' | 'server' | 'hostKey'

const adviceByStep: Record<DoctorStepId, Advice> = {
  resolve: 'network',
  proxy: 'network',
  tcp: 'network',
  ssh_handshake: 'ssh',
  ssh_auth: 'ssh',
  forward: 'ssh',
  target: 'ssh',
  tls: 'tls',
  detect: 'detect',
  health: 'server',
  chat: 'server'
}

/** What to do after the check failed at a step (a new SSH host key has its own advice). */
export function adviceFor(report: DoctorReport): Advice {
  const failed = failedStep(report)
  if (!failed) return 'server'
  if (failed.error?.code === 'ssh.hostkey_unknown') return 'hostKey'
  return adviceByStep[failed.id]
}

export function CheckFailure({
  report,
  busy,
  onRetry,
  onSaveAnyway,
  advice
}: {
  report: DoctorReport
  busy: boolean
  onRetry: () => void
  onSaveAnyway: () => void
  /** What the advice's buttons do in the form that shows this. */
  advice: (error: AppError) => AdviceHandlers
}) {
  const { t } = useTranslation()
  const failed = failedStep(report)
  // The person pressed Stop: say so, not that the server failed, and skip the network advice.
  const stopped = failed?.error?.code === 'backend.aborted'
  const title = t(stopped ? 'setup.stoppedAt' : 'setup.failedAt', {
    step: failed ? reportStepName(report, failed) : ''
  })
  const box = useRef<HTMLElement>(null)
  // On a small window the answer may be below the fold: bring it into view.
  // (Braces: newer Chromium returns a Promise from scrollIntoView, which React would call as a cleanup.)
  useEffect(() => {
    void box.current?.scrollIntoView?.({ block: 'nearest' })
  }, [report])
  return (
    <section ref={box} className="check-failure" role="alert" aria-label={title}>
      <p className="check-failure-title">{title}</p>
      {failed?.error && (
        <p>
          {errorText(failed.error)}
          <ErrorAdvice error={failed.error} on={advice(failed.error)} />
        </p>
      )}
      {!stopped && <p className="check-failure-advice">{t(`setup.advice.${adviceFor(report)}`)}</p>}
      {report.detected && (
        <p className="muted">
          {t('setup.detected', { preset: t(`setup.kinds.${report.detected.preset}`) })}
        </p>
      )}
      <details className="check-failure-details">
        <summary>{t('setup.details')}</summary>
        <StepList steps={report.steps} />
      </details>
      <div className="inline">
        <button type="button" className="btn" disabled={busy} onClick={onRetry}>
          {t('setup.tryAgain')}
        </button>
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={onSaveAnyway}>
          {t('setup.saveAnyway')}
        </button>
      </div>
    </section>
  )
}
