import { useTranslation } from 'react-i18next'
import type { Settings } from '@shared/ipc/contract'
import { useAppStore } from '../../store'

/** Language and theme. Language names are shown in their own language, as is customary. */
export function Preferences() {
  const { t } = useTranslation()
  const settings = useAppStore((s) => s.settings)
  const update = (patch: Partial<Settings>) => void useAppStore.getState().updateSettings(patch)
  return (
    <div className="grid-2">
      <div className="field">
        <label htmlFor="setting-language" className="field-label">
          {t('settings.language')}
        </label>
        <select
          id="setting-language"
          value={settings.language}
          onChange={(e) => update({ language: e.target.value as Settings['language'] })}
        >
          <option value="system">{t('settings.languageSystem')}</option>
          <option value="ko" lang="ko">
            한국어
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="setting-theme" className="field-label">
          {t('settings.theme')}
        </label>
        <select
          id="setting-theme"
          value={settings.theme}
          onChange={(e) => update({ theme: e.target.value as Settings['theme'] })}
        >
          <option value="system">{t('settings.themeSystem')}</option>
          <option value="light">{t('settings.themeLight')}</option>
          <option value="dark">{t('settings.themeDark')}</option>
        </select>
      </div>
    </div>
  )
}
