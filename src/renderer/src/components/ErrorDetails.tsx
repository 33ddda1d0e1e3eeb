/**
 * The engineer's side of an error, folded under "Details" (자세히): the technical reason, the
 * server's host and port, the HTTP status and the error code. The plain sentence (errorSummary)
 * goes first, where the error is shown; support asks for what is in here.
 */
import { useTranslation } from 'react-i18next'
import type { AppError } from '@shared/errors'
import { errorFacts } from '../i18n'

export function ErrorDetails({ error }: { error: AppError }) {
  const { t } = useTranslation()
  const facts = errorFacts(error)
  if (facts.length === 0) return null
  return (
    <details className="error-details">
      <summary>{t('plain.details')}</summary>
      <dl className="facts">
        {facts.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  )
}
