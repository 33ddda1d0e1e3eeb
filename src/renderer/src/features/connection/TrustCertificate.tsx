/**
 * "Trust this certificate": shown under a `tls.*` error that carries a certificate (a failed reply,
 * the doctor's tls step). It lays out the facts a person compares with what the server's
 * administrator gave them (subject, issuer, validity, SHA-256 fingerprint) and pins exactly that
 * certificate for the selected profile. A pinned certificate that changed (`tls.pin_mismatch`) is
 * a warning only, never a button: like a changed SSH host key.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorCategory, type AppError } from '@shared/errors'
import { useAppStore } from '../../store'

/** The certificate facts of a tls.* error, or null when it has none (a handshake or CA-file error). */
export function certificateOf(error: AppError | undefined | null): {
  fingerprint: string
  subject: string
  issuer: string
  validFrom: string
  validTo: string
} | null {
  if (!error || errorCategory(error.code) !== 'tls') return null
  const p = error.params ?? {}
  const text = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '')
  if (!text('fingerprint')) return null
  return {
    fingerprint: text('fingerprint'),
    subject: text('subject'),
    issuer: text('issuer'),
    validFrom: text('validFrom'),
    validTo: text('validTo')
  }
}

function date(iso: string, lang: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang)
}

export function TrustCertificate({ error }: { error: AppError | undefined | null }) {
  const { t, i18n } = useTranslation()
  const [state, setState] = useState<'idle' | 'busy' | 'trusted'>('idle')
  const cert = certificateOf(error)
  if (!cert) return null
  const changed = error?.code === 'tls.pin_mismatch'
  const trust = async () => {
    setState('busy')
    setState((await useAppStore.getState().trustCertificate(cert.fingerprint)) ? 'trusted' : 'idle')
  }
  return (
    <section className="trust-cert" aria-label={t('network.trust.title')}>
      <dl className="facts">
        {cert.subject && (
          <>
            <dt>{t('network.trust.subject')}</dt>
            <dd>{cert.subject}</dd>
          </>
        )}
        {cert.issuer && (
          <>
            <dt>{t('network.trust.issuer')}</dt>
            <dd>{cert.issuer}</dd>
          </>
        )}
        {cert.validFrom && cert.validTo && (
          <>
            <dt>{t('network.trust.validity')}</dt>
            <dd>
              {t('network.trust.validRange', {
                from: date(cert.validFrom, i18n.language),
                to: date(cert.validTo, i18n.language)
              })}
            </dd>
          </>
        )}
        <dt>{t('network.trust.fingerprint')}</dt>
        <dd>
          <code className="fingerprint">{cert.fingerprint}</code>
        </dd>
      </dl>
      {changed ? (
        <p className="warning-text">{t('network.trust.changed')}</p>
      ) : state === 'trusted' ? (
        <p role="status">{t('network.trust.trusted')}</p>
      ) : (
        <>
          <p className="field-hint">{t('network.trust.explain')}</p>
          <button
            type="button"
            className="btn btn-small"
            disabled={state === 'busy'}
            onClick={() => void trust()}
          >
            {t('network.trust.button')}
          </button>
        </>
      )}
    </section>
  )
}
