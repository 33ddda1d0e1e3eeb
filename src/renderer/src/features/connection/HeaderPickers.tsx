/**
 * The chat header's profile and model pickers (Ctrl/Cmd+Shift+P, Ctrl+M): switching where the
 * chat goes, or which model answers, without a trip to Settings. The model list is asked of the
 * selected profile's server when it changes; a server that lists none (a kha backend) shows no
 * model picker at all, and one that could not be asked says why in the picker's title.
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '@shared/errors'
import { errorText } from '../../i18n'
import { useAppStore } from '../../store'

export const PROFILE_PICKER_ID = 'profile-picker'
export const MODEL_PICKER_ID = 'model-picker'

/** The header pickers live in the chat view: go there first when Settings shows. */
export function focusPicker(id: string) {
  const state = useAppStore.getState()
  if (state.view !== 'chat') state.setView('chat')
  requestAnimationFrame(() => document.getElementById(id)?.focus())
}

export function HeaderPickers() {
  return (
    <div className="header-pickers">
      <ProfilePicker />
      <ModelPicker />
    </div>
  )
}

function ProfilePicker() {
  const { t } = useTranslation()
  const profiles = useAppStore((s) => s.profiles)
  const activeId = useAppStore((s) => s.activeProfileId)
  if (profiles.length === 0) return null
  return (
    <select
      id={PROFILE_PICKER_ID}
      className="header-picker"
      aria-label={t('picker.profile')}
      title={`${t('picker.profile')} (Ctrl/⌘+Shift+P)`}
      value={activeId ?? ''}
      onChange={(e) => void useAppStore.getState().selectProfile(e.target.value)}
    >
      {profiles.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  )
}

type Models = { profileId: string; models: string[] } | { profileId: string; error: AppError }

function ModelPicker() {
  const { t } = useTranslation()
  const profile = useAppStore((s) => s.profiles.find((p) => p.id === s.activeProfileId))
  const [loaded, setLoaded] = useState<Models | null>(null)
  const profileId = profile?.id
  const key = profile
    ? JSON.stringify([
        profile.id,
        profile.connection,
        profile.contract.auth,
        profile.contract.headers
      ])
    : ''

  useEffect(() => {
    if (!profileId) return
    let live = true
    void useAppStore
      .getState()
      .listModels({ profileId })
      .then((res) => {
        if (live)
          setLoaded(res.ok ? { profileId, models: res.data } : { profileId, error: res.error })
      })
    return () => {
      live = false
    }
    // Asked again when where or how the profile connects changes, not when only its model does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  if (!profile || !loaded || loaded.profileId !== profile.id) return null
  const current = profile.contract.model
  // A server without a model list (the kha routes) has nothing to pick; a chosen model stays visible.
  if ('error' in loaded && !current) return null
  const models = 'models' in loaded ? loaded.models : []
  if (models.length === 0 && !current) return null
  const options = current && !models.includes(current) ? [current, ...models] : models
  const failed =
    'error' in loaded ? t('picker.modelsFailed', { reason: errorText(loaded.error) }) : ''
  return (
    <select
      id={MODEL_PICKER_ID}
      className="header-picker"
      aria-label={t('picker.model')}
      title={failed || `${t('picker.model')} (Ctrl+M)`}
      value={current}
      onChange={async (e) => {
        const model = e.target.value
        if (await useAppStore.getState().setModel(profile.id, model))
          useAppStore.getState().notify({
            tone: 'info',
            key: 'picker.modelSaved',
            params: { model: model || t('picker.modelDefault') }
          })
      }}
    >
      {!current && <option value="">{t('picker.modelDefault')}</option>}
      {options.map((m) => (
        <option key={m} value={m}>
          {m}
        </option>
      ))}
    </select>
  )
}
