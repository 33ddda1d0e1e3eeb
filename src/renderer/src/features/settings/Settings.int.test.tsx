import { beforeEach, describe, expect, inject, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import '../../i18n'
import type { Profile } from '@shared/profile'
import { addProfile, coreForEachTest } from '../../test/realCore'
import { directProfile } from '../../test/profiles'
import { useAppStore } from '../../store'
import { ProfileForm } from './ProfileForm'
import { formFromDraft } from './profileDraft'

const { id: _id, ...directDraft } = directProfile

describe('model picker, with the reference backend’s list (GET /v1/models)', () => {
  const core = coreForEachTest()
  let profile: Profile
  beforeEach(async () => {
    profile = await addProfile(core, {
      ...directDraft,
      connection: { kind: 'direct', url: inject('backendUrl') },
      contract: {
        ...directDraft.contract,
        method: 'POST',
        path: '/v1/chat/completions',
        model: 'old-model'
      }
    })
    await useAppStore.getState().loadProfiles()
  })

  const renderForm = (initial = formFromDraft(profile), onSaved = vi.fn()) =>
    render(<ProfileForm initial={initial} title="Edit profile" onSaved={onSaved} />)
  const loadButton = () => screen.getByRole('button', { name: 'Load models' }) as HTMLButtonElement

  it('fills the Model field from the server’s list and saves the pick', async () => {
    const onSaved = vi.fn()
    renderForm(formFromDraft(profile), onSaved)
    expect(loadButton().disabled).toBe(false)
    await act(async () => {
      fireEvent.click(loadButton())
    })
    const select = (await screen.findByRole('combobox', { name: 'Model' })) as HTMLSelectElement
    expect(core.callsTo('backend:models')).toHaveLength(1)
    // The current value stays a choice even though the server does not list it.
    expect([...select.options].map((o) => o.value)).toEqual([
      'old-model',
      'kha-echo-1',
      'kha-echo-2'
    ])
    expect(select.value).toBe('old-model')
    expect(screen.getByText('Models found: 2')).toBeTruthy()
    fireEvent.change(select, { target: { value: 'kha-echo-2' } })
    // Picking a model is not an unsaved change that would switch the button off.
    expect(loadButton().disabled).toBe(false)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    await waitFor(() => expect(onSaved).toHaveBeenCalled())
    expect((await core.ok('profiles:list')).profiles[0]!.contract.model).toBe('kha-echo-2')

    // Back to typing a name the server does not list.
    fireEvent.click(screen.getByRole('button', { name: 'Type a name instead' }))
    expect((screen.getByRole('textbox', { name: 'Model' }) as HTMLInputElement).value).toBe(
      'kha-echo-2'
    )
  })

  it('loads for a draft not saved, with what the form shows and the key typed in it', async () => {
    const { id: _saved, ...draft } = profile
    renderForm(
      formFromDraft({ ...draft, connection: { kind: 'direct', url: 'http://127.0.0.1:9' } })
    )
    // The address typed in the form, not the one saved, is asked.
    fireEvent.change(screen.getByLabelText('Backend URL'), {
      target: { value: inject('backendUrl') }
    })
    fireEvent.change(screen.getByLabelText('Backend authentication'), {
      target: { value: 'bearer' }
    })
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'sk-typed' } })
    expect(loadButton().disabled).toBe(false)
    await act(async () => {
      fireEvent.click(loadButton())
    })
    const select = (await screen.findByRole('combobox', { name: 'Model' })) as HTMLSelectElement
    const [arg] = core.callsTo('backend:models')
    expect(arg).toMatchObject({
      draft: { connection: { url: inject('backendUrl') } },
      apiKey: 'sk-typed'
    })
    expect(select.value).toBe('old-model')
    expect([...select.options].map((o) => o.value)).toContain('kha-echo-1')
  })
})
