/**
 * The chat header's profile and model pickers (Ctrl/Cmd+Shift+P, Ctrl+M): switching where the
 * chat goes, or which model answers, without a trip to Settings. The model list is asked of the
 * selected profile's server when it changes (and when the chat shows again, after Settings); a
 * server that lists none (a kha backend) shows no model picker at all. When a chosen model's list
 * could not be loaded, a warning button beside the picker opens why and what to do (ErrorAdvice):
 * a small popover, so the header keeps its one row at 800 px.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '@shared/errors'
import { ErrorAdvice } from '../../components/ErrorAdvice'
import { Icon } from '../../components/Icon'
import { errorText } from '../../i18n'
import { useAppStore } from '../../store'
import { selectActiveProfile } from '../../store/selectors'

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
  const profile = useAppStore(selectActiveProfile)
  const [loaded, setLoaded] = useState<Models | null>(null)
  /** Bumped by the advice's Retry: ask the server again. */
  const [attempt, setAttempt] = useState(0)
  const problemId = useId()
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
  }, [key, attempt])

  if (!profile || !loaded || loaded.profileId !== profile.id) return null
  const current = profile.contract.model
  // A server without a model list (the kha routes) has nothing to pick; a chosen model stays visible.
  if ('error' in loaded && !current) return null
  const models = 'models' in loaded ? loaded.models : []
  if (models.length === 0 && !current) return null
  const options = current && !models.includes(current) ? [current, ...models] : models
  return (
    <div className="model-picker">
      <select
        id={MODEL_PICKER_ID}
        className="header-picker"
        aria-label={t('picker.model')}
        // A screen reader hears why the list is short when it reaches the picker.
        aria-describedby={'error' in loaded ? problemId : undefined}
        title={`${t('picker.model')} (Ctrl+M)`}
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
      {'error' in loaded && (
        <ModelsProblem
          id={problemId}
          error={loaded.error}
          profileId={profile.id}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      )}
    </div>
  )
}

/**
 * Why the model list is missing: a warning button (named for what went wrong) that opens the
 * reason and its advice below it. Esc or the button closes it, and the cursor returns to the button.
 */
function ModelsProblem({
  id,
  error,
  profileId,
  onRetry
}: {
  /** The sentence's id: the picker is described by it. */
  id: string
  error: AppError
  profileId: string
  onRetry: () => void
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const sentence = t('picker.modelsFailed', { reason: errorText(error) })
  const close = () => {
    setOpen(false)
    button.current?.focus()
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return
    // The composer's and dialogs' Esc are not this one's.
    e.stopPropagation()
    close()
  }
  return (
    <span className="picker-problem" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="icon-btn picker-warning"
        aria-label={t('picker.modelsProblem')}
        aria-expanded={open}
        aria-controls={panelId}
        title={t('picker.modelsProblem')}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="warning" />
      </button>
      <span id={id} className="visually-hidden">
        {sentence}
      </span>
      {open && (
        <div
          id={panelId}
          className="picker-popover"
          role="group"
          aria-label={t('picker.modelsProblem')}
        >
          <p>{sentence}</p>
          <ErrorAdvice
            error={error}
            profileId={profileId}
            on={{
              retry: () => {
                close()
                onRetry()
              }
            }}
          />
        </div>
      )}
    </span>
  )
}
