/**
 * Import a profile file IT handed out (first start, Settings) and export the profiles to one
 * (Settings). The file is read here, in the renderer, as text the user picked; main checks it
 * whole before anything is saved, and never writes a secret into an exported one.
 */
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'

export function ImportProfilesButton({ className = 'btn btn-small' }: { className?: string }) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const picked = async (file: File | undefined) => {
    if (!file) return
    await useAppStore.getState().importProfiles(await file.text())
    // The same file can be picked again (after fixing it): clear the input.
    if (input.current) input.current.value = ''
  }
  return (
    <>
      <button type="button" className={className} onClick={() => input.current?.click()}>
        {t('profileFile.import')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label={t('profileFile.import')}
        onChange={(e) => void picked(e.target.files?.[0])}
      />
    </>
  )
}

export function ExportProfilesButton() {
  const { t } = useTranslation()
  const hasProfiles = useAppStore((s) => s.profiles.length > 0)
  return (
    <button
      type="button"
      className="btn btn-small"
      disabled={!hasProfiles}
      onClick={() => void useAppStore.getState().exportProfiles()}
    >
      {t('profileFile.export')}
    </button>
  )
}
