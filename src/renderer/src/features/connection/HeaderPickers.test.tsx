import { beforeEach, describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import '../../i18n'
import type { ProfileDraft } from '@shared/profile'
import { addProfile, answered, coreForEachTest, directDraft } from '../../test/realCore'
import { useAppStore } from '../../store'
import { HeaderPickers, MODEL_PICKER_ID } from './HeaderPickers'

describe("the header's model picker when the model list cannot be loaded", () => {
  const core = coreForEachTest()
  beforeEach(async () => {
    // A chosen model, and a server that is not there (nothing listens on the discard port).
    const template = await core.ok('profiles:template', { kind: 'direct' })
    await addProfile(core, {
      ...directDraft(),
      contract: { ...template.contract, model: 'gpt-chosen' }
    } as ProfileDraft)
    await useAppStore.getState().loadProfiles()
  })

  it('says why beside the picker, for the keyboard and a screen reader, with what to do', async () => {
    render(<HeaderPickers />)
    const warning = await screen.findByRole(
      'button',
      { name: 'The model list could not be loaded' },
      answered
    )
    const picker = screen.getByRole('combobox', { name: 'Model' })
    expect(picker.id).toBe(MODEL_PICKER_ID)
    expect((picker as HTMLSelectElement).value).toBe('gpt-chosen')
    // What the picker is described by: the reason, not only a tooltip.
    const described = document.getElementById(picker.getAttribute('aria-describedby')!)
    expect(described?.textContent).toBe(
      'Could not load the models: Nothing is answering at 127.0.0.1:9. Is the backend running?'
    )
    expect(warning.getAttribute('aria-expanded')).toBe('false')

    warning.focus()
    fireEvent.click(warning)
    expect(warning.getAttribute('aria-expanded')).toBe('true')
    const panel = screen.getByRole('group', { name: 'The model list could not be loaded' })
    expect(warning.getAttribute('aria-controls')).toBe(panel.id)
    expect(panel.textContent).toContain(
      'Could not load the models: Nothing is answering at 127.0.0.1:9.'
    )
    // The error table's advice for a server that does not answer, with its button.
    const check = within(panel).getByRole('button', { name: 'Check connection' })
    expect(panel.querySelector('[data-action="checkConnection"]')).toBeTruthy()

    // Esc closes it and gives the cursor back to the warning.
    fireEvent.keyDown(check, { key: 'Escape' })
    expect(screen.queryByRole('group', { name: 'The model list could not be loaded' })).toBeNull()
    expect(document.activeElement).toBe(warning)

    fireEvent.click(warning)
    await act(async () => {
      fireEvent.click(
        within(screen.getByRole('group', { name: 'The model list could not be loaded' })).getByRole(
          'button',
          { name: 'Check connection' }
        )
      )
    })
    expect(useAppStore.getState().doctor.open).toBe(true)
  })
})
