/**
 * A saved direct profile as the core stores it (the first-start draft with every default filled
 * in, by the same schema the core validates with), for tests of the profile form's model and of
 * components that only display a profile. Tests that save or select one give it to the core
 * (realCore.ts: addProfile), which assigns its own id.
 */
import { defaultDirectDraft, ProfileSchema, type Profile } from '@shared/profile'

export const directProfile: Profile = ProfileSchema.parse({ ...defaultDirectDraft(), id: 'p1' })
