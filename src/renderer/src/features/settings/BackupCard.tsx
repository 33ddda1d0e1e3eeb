import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'

/** Settings → Conversations: every conversation to one backup file, and back (duplicates skipped). */
export function BackupCard() {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  return (
    <section className="card" aria-labelledby="settings-backup">
      <h2 id="settings-backup">{t('backup.title')}</h2>
      <p className="muted card-text">{t('backup.body')}</p>
      <div className="card-actions">
        <button
          type="button"
          className="btn"
          onClick={() => void useAppStore.getState().backupAll()}
        >
          {t('backup.export')}
        </button>
        <button type="button" className="btn" onClick={() => input.current?.click()}>
          {t('backup.import')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          aria-label={t('backup.file')}
          tabIndex={-1}
          onChange={async (e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) await useAppStore.getState().importBackup(await file.text())
          }}
        />
      </div>
    </section>
  )
}
