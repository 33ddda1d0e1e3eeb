/**
 * "Import from SSH config": the hosts of ~/.ssh/config (read by main; on Windows also each WSL
 * distribution's, labelled with it) with what could not be carried over. Importing one only fills a new profile form; nothing is saved until Save.
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '@shared/errors'
import type { InvokeResult } from '@shared/ipc/contract'
import type { ProfileDraft } from '@shared/profile'
import { Dialog } from '../../components/Dialog'
import { ErrorAdvice } from '../../components/ErrorAdvice'
import { errorText } from '../../i18n'
import { useAppStore } from '../../store'

export type ImportedHost = InvokeResult<'profiles:importSshConfig'>[number]

type Loaded = { hosts: ImportedHost[]; error: null } | { hosts: null; error: AppError } | null

export function SshImportDialog({
  onImport,
  onClose
}: {
  onImport: (draft: ProfileDraft) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [loaded, setLoaded] = useState<Loaded>(null)

  useEffect(() => {
    let live = true
    void useAppStore
      .getState()
      .importSshConfig()
      .then((res) => {
        if (live)
          setLoaded(res.ok ? { hosts: res.data, error: null } : { hosts: null, error: res.error })
      })
    return () => {
      live = false
    }
  }, [])

  return (
    <Dialog
      title={t('sshImport.title')}
      wide
      onCancel={onClose}
      actions={
        <button type="button" className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {!loaded && (
        <p role="status">
          <span className="spinner" aria-hidden="true" />
          {t('sshImport.loading')}
        </p>
      )}
      {loaded?.error && (
        <p className="form-error" role="alert">
          {errorText(loaded.error)}
          <ErrorAdvice error={loaded.error} />
        </p>
      )}
      {loaded?.hosts?.length === 0 && <p role="status">{t('sshImport.empty')}</p>}
      {loaded?.hosts && loaded.hosts.length > 0 && (
        <>
          <p className="muted">{t('sshImport.intro')}</p>
          <ul className="import-list" aria-label={t('sshImport.hosts')}>
            {loaded.hosts.map((host) => (
              <HostItem
                key={`${host.source?.distro ?? ''}/${host.source?.user ?? ''}/${host.alias}`}
                host={host}
                onImport={() => onImport(host.draft)}
              />
            ))}
          </ul>
        </>
      )}
    </Dialog>
  )
}

function HostItem({ host, onImport }: { host: ImportedHost; onImport: () => void }) {
  const { t } = useTranslation()
  const { address, jump } = describe(host.draft)
  const from = host.source
    ? t('sshImport.fromWsl', { distro: host.source.distro, user: host.source.user })
    : ''
  const label = from ? `${host.alias} · ${from}` : host.alias
  return (
    <li className="import-item">
      <div className="import-info">
        <span className="profile-name">{label}</span>
        {address && (
          <span className="profile-where">
            <code>{address}</code>
            {jump && ` · ${t('settings.via', { host: jump })}`}
          </span>
        )}
        {host.warnings.length > 0 && (
          // Main writes these in English (they quote ssh_config keywords).
          <ul className="import-warnings" lang="en">
            {host.warnings.map((w) => (
              <li key={w}>
                <span className="import-warning-label">{t('sshImport.warning')}</span> {w}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button
        type="button"
        className="btn btn-small"
        aria-label={t('sshImport.importHost', { alias: label })}
        onClick={onImport}
      >
        {t('sshImport.import')}
      </button>
    </li>
  )
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {})

function endpoint(e: unknown, withPort: boolean): string {
  const o = obj(e)
  const host = typeof o.host === 'string' ? o.host : ''
  if (!host) return ''
  const user = typeof o.username === 'string' && o.username ? `${o.username}@` : ''
  return withPort ? `${user}${host}:${String(o.port ?? 22)}` : `${user}${host}`
}

/** `user@host:port` and the jump host of a draft (read loosely: a draft is not validated yet). */
function describe(draft: ProfileDraft): { address: string; jump: string } {
  const c = obj(draft.connection)
  if (c.kind !== 'tunnel') return { address: typeof c.url === 'string' ? c.url : '', jump: '' }
  return { address: endpoint(c.ssh, true), jump: endpoint(c.jump, false) }
}
