import { describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { inject } from 'vitest'
import '../../i18n'
import { coreForEachTest } from '../../test/realCore'
import { directProfile } from '../../test/profiles'
import { ProfileForm } from './ProfileForm'
import { formFromDraft } from './profileDraft'

describe('ProfileForm, against the reference backend', () => {
  const core = coreForEachTest()

  it('with verify, saves the contract of the server type found', async () => {
    const onSaved = vi.fn()
    const { id: _id, ...draft } = directProfile
    // A contract the server does not speak as its best: the check finds out what it is.
    render(
      <ProfileForm
        initial={formFromDraft({
          ...draft,
          connection: { kind: 'direct', url: inject('backendUrl') },
          contract: { ...draft.contract, method: 'GET', replyFormat: 'json' }
        })}
        title="Create profile"
        verify
        onSaved={onSaved}
      />
    )
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Connect' }))
    })
    await waitFor(() => expect(onSaved).toHaveBeenCalled(), { timeout: 15_000 })
    const [saved] = (await core.ok('profiles:list')).profiles
    expect(saved!.contract).toMatchObject({ method: 'POST', replyFormat: 'sse' })
  })
})
