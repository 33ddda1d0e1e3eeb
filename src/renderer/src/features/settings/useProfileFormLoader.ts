import { useCallback } from 'react'
import type { Profile } from '@shared/profile'
import { useAppStore } from '../../store'
import { formFromDraft, type ProfileFormState } from './profileDraft'

/**
 * A form for a new profile (from main's direct template) or an existing one. The tunnel template
 * is fetched too, so switching a direct profile to "SSH tunnel" starts from main's defaults.
 */
export function useProfileFormLoader() {
  return useCallback(async (profile?: Profile): Promise<ProfileFormState | null> => {
    const store = useAppStore.getState()
    const [direct, tunnel] = await Promise.all([
      profile ? Promise.resolve(null) : store.profileTemplate('direct'),
      store.profileTemplate('tunnel')
    ])
    const base = profile ?? direct
    if (!base) return null
    return formFromDraft(base, tunnel?.connection)
  }, [])
}
