/**
 * What the person can do about an error, read from the one error table (`errorTable` in
 * src/shared/errors.ts): its advice sentence (`errorAction.*`) under the plain message, and where
 * the action has an obvious button, that button. Every screen that shows an AppError puts this
 * under it; no screen decides by code.
 *
 * A screen passes only what it alone knows: how to retry here (`on.retry`), and `false` for an
 * action whose button it already shows next to the message (so no button appears twice). The
 * other buttons do the same thing everywhere: check the connection (the doctor), open Settings on
 * the profile, ask for the secret again (the waiting prompt, or the profile's field), focus the
 * profile picker.
 */
import { useTranslation } from 'react-i18next'
import { errorInfo, type AppError, type ErrorAction, type ErrorInfo } from '@shared/errors'
import { errorActionKey } from '@shared/i18n/errorText'
import type { Profile } from '@shared/profile'
import { focusPicker, PROFILE_PICKER_ID } from '../features/connection/HeaderPickers'
import { fieldId } from '../features/settings/profileDraft'
import { useAppStore } from '../store'

/** Per action: this screen's handler, or `false` when the screen shows that button already. */
export type AdviceHandlers = Partial<Record<ErrorAction, (() => void) | false>>

const buttonKeys = {
  retry: 'chat.retry',
  checkConnection: 'connection.check',
  editProfile: 'errorButton.editProfile',
  enterSecret: 'errorButton.enterSecret',
  chooseProfile: 'errorButton.chooseProfile'
} as const satisfies Partial<Record<ErrorAction, string>>

type ButtonAction = keyof typeof buttonKeys

/**
 * Where a secret for a failed step is typed in the profile form (the first one on screen gets the
 * cursor): the backend's API key, the proxy's password; an SSH login is asked by the tunnel, so
 * its form field is the login method.
 */
const secretFields: Partial<Record<NonNullable<ErrorInfo['step']>, string[]>> = {
  chat: ['profile-api-key', fieldId('contract.auth')],
  health: ['profile-api-key', fieldId('contract.auth')],
  proxy: ['profile-proxy-password', fieldId('proxy.mode')],
  ssh_auth: ['profile-ssh-password', fieldId('connection.ssh.auth')]
}

/**
 * The profile form's fields where the secret an error asks for is typed, best first. A credential
 * header's missing value is typed in that header's row, found in `profile` by the error's name.
 */
export function secretFieldIds(error: AppError, profile?: Pick<Profile, 'contract'>): string[] {
  if (error.code === 'profile.secret_missing' && profile) {
    const row = profile.contract.headers.findIndex((h) => h.name === error.params?.header)
    if (row >= 0) return [fieldId(`contract.headers.${row}.value`)]
  }
  const step = errorInfo(error.code).step
  return (step && secretFields[step]) ?? []
}

/** Put the cursor in the first of these elements that is on screen (after React has rendered). */
export function focusFirst(ids: string[]): void {
  requestAnimationFrame(() => {
    const el = ids.map((id) => document.getElementById(id)).find((e) => e !== null)
    el?.focus()
  })
}

/** The same action from every screen: what the button does when the screen does not say. */
function defaultHandler(
  action: ErrorAction,
  error: AppError,
  profileId: string | null
): (() => void) | null {
  const store = useAppStore.getState
  switch (action) {
    case 'checkConnection':
      return () => store().openDoctor(profileId ?? undefined)
    case 'editProfile':
      return profileId ? () => store().openProfileSettings(profileId) : null
    case 'chooseProfile':
      return () => {
        store().closeDoctor()
        focusPicker(PROFILE_PICKER_ID)
      }
    case 'enterSecret':
      return () => {
        const s = store()
        // The tunnel is waiting for it: show its prompt again.
        if (s.connection.secretPrompt) return s.reopenPrompt()
        const profile = s.profiles.find((p) => p.id === profileId)
        if (profileId) s.openProfileSettings(profileId, secretFieldIds(error, profile))
      }
    default:
      return null
  }
}

export function ErrorAdvice({
  error,
  profileId,
  on = {},
  className = 'error-advice'
}: {
  error: AppError
  /** The profile the error is about; the selected one when not given. */
  profileId?: string | null
  on?: AdviceHandlers
  className?: string
}) {
  const { t } = useTranslation()
  const selected = useAppStore((s) => s.activeProfileId)
  const key = errorActionKey(error.code)
  if (!key) return null
  const action = errorInfo(error.code).action
  const given = on[action]
  const handler =
    given === false
      ? null
      : (given ?? defaultHandler(action, error, profileId === undefined ? selected : profileId))
  return (
    // A span (shown as a block): it goes inside the paragraphs and alerts that show the error.
    <span className={className} data-action={action}>
      <span className="error-advice-text">{t(key as 'errorAction.retry')}</span>
      {handler && action in buttonKeys && (
        <button type="button" className="btn btn-small" onClick={handler}>
          {t(buttonKeys[action as ButtonAction])}
        </button>
      )}
    </span>
  )
}
