import { describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import '../../i18n'
import { coreForEachTest } from '../../test/realCore'
import { directProfile } from '../../test/profiles'
import { ProfileForm } from './ProfileForm'
import { visiblePaths } from './formPaths'
import { fieldId, formFromDraft, type ProfileFormState } from './profileDraft'

describe('formPaths', () => {
  coreForEachTest()
  const { id: _id, ...newDraft } = directProfile

  it('names every input the form shows for an error path, with every optional part open', () => {
    const base = formFromDraft(newDraft)
    const form: ProfileFormState = {
      ...base,
      kind: 'tunnel',
      ssh: { ...base.ssh, auth: 'key' },
      useJump: true,
      jump: { ...base.jump, auth: 'key' },
      headers: [{ name: 'X-Team', value: 'a' }],
      extraParams: [{ name: 'lang', value: 'ko', json: false }],
      proxyMode: 'manual'
    }
    render(<ProfileForm initial={form} title="Edit profile" onSaved={vi.fn()} advancedOpen />)
    const inputs = [...document.querySelectorAll('input, select, textarea')]
      .map((el) => el.id)
      .filter((id) => id.startsWith('pf-'))
    expect(inputs.length).toBeGreaterThan(40)
    const named = new Set([...visiblePaths(form)].map(fieldId))
    expect(inputs.filter((id) => !named.has(id))).toEqual([])
  })

  it('shows an error next to its input only, not again in the list at the top', async () => {
    render(
      <ProfileForm
        initial={formFromDraft(newDraft)}
        title="New profile"
        onSaved={vi.fn()}
        advancedOpen
      />
    )
    const limit = screen.getByLabelText('Attached text per message (characters)')
    fireEvent.change(limit, { target: { value: '-5' } })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    await waitFor(() => expect(limit.getAttribute('aria-invalid')).toBe('true'))
    expect(screen.getByRole('alert').textContent).toContain('Some fields need attention.')
    expect(screen.queryByRole('list', { name: 'Other problems' })).toBeNull()
  })
})
