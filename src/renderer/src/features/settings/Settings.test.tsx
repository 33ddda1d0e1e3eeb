import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import '../../i18n'
import type { ProfileDraft } from '@shared/profile'
import { directProfile, err, installFakeApi, ok, type FakeApi } from '../../test/fakeApi'
import { useAppStore } from '../../store'
import { ProfileForm } from './ProfileForm'
import { formFromDraft } from './profileDraft'
import { SettingsView } from './SettingsView'

const openaiProfile = {
  ...directProfile,
  contract: {
    ...directProfile.contract,
    method: 'POST' as const,
    path: '/v1/chat/completions',
    model: 'old-model'
  }
}

describe('model picker', () => {
  let fake: FakeApi
  beforeEach(() => {
    fake = installFakeApi({ profiles: [openaiProfile] })
    useAppStore.setState(useAppStore.getInitialState(), true)
    useAppStore.setState({ profiles: fake.profiles, activeProfileId: 'p1' })
  })
  afterEach(cleanup)

  const renderForm = (initial = formFromDraft(openaiProfile)) =>
    render(<ProfileForm initial={initial} title="Edit profile" onSaved={vi.fn()} />)
  const loadButton = () => screen.getByRole('button', { name: 'Load models' }) as HTMLButtonElement

  it('fills the Model field from the server’s list and saves the pick', async () => {
    fake.fns['backend:models']!.mockResolvedValueOnce(ok(['llama-3.1-8b', 'qwen2.5-7b']))
    renderForm()
    expect(loadButton().disabled).toBe(false)
    await act(async () => {
      fireEvent.click(loadButton())
    })
    expect(fake.fns['backend:models']).toHaveBeenCalledTimes(1)
    const select = screen.getByRole('combobox', { name: 'Model' }) as HTMLSelectElement
    // The current value stays a choice even though the server does not list it.
    expect([...select.options].map((o) => o.value)).toEqual([
      'old-model',
      'llama-3.1-8b',
      'qwen2.5-7b'
    ])
    expect(select.value).toBe('old-model')
    expect(screen.getByText('Models found: 2')).toBeTruthy()
    fireEvent.change(select, { target: { value: 'qwen2.5-7b' } })
    // Picking a model is not an unsaved change that would switch the button off.
    expect(loadButton().disabled).toBe(false)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    const sent = fake.fns['profiles:save']!.mock.calls[0]![0] as {
      draft: { contract: { model: string } }
    }
    expect(sent.draft.contract.model).toBe('qwen2.5-7b')

    // Back to typing a name the server does not list.
    fireEvent.click(screen.getByRole('button', { name: 'Type a name instead' }))
    expect((screen.getByRole('textbox', { name: 'Model' }) as HTMLInputElement).value).toBe(
      'qwen2.5-7b'
    )
  })

  it('shows why the list could not be loaded, translated', async () => {
    fake.fns['backend:models']!.mockResolvedValueOnce(
      err('backend.unauthorized', { params: { status: 401 } })
    )
    renderForm()
    await act(async () => {
      fireEvent.click(loadButton())
    })
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not load the models: The backend refused the credentials (HTTP 401). Check the API key in the profile.' +
        'Enter the password or key again.Enter password or key'
    )
    expect(screen.getByRole('textbox', { name: 'Model' })).toBeTruthy()
  })

  it('says so when the server lists no models, and keeps the text field', async () => {
    renderForm()
    await act(async () => {
      fireEvent.click(loadButton())
    })
    expect(screen.getByText('The server listed no models. Type the model name.')).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'Model' })).toBeTruthy()
  })

  it('loads for a draft not saved, with what the form shows and the key typed in it', async () => {
    fake.fns['backend:models']!.mockResolvedValueOnce(ok(['qwen2.5-7b']))
    const { id: _id, ...draft } = openaiProfile
    renderForm(formFromDraft(draft))
    fireEvent.change(screen.getByLabelText('Backend URL'), {
      target: { value: 'http://10.0.0.9:8000' }
    })
    fireEvent.change(screen.getByLabelText('Backend authentication'), {
      target: { value: 'bearer' }
    })
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'sk-typed' } })
    expect(loadButton().disabled).toBe(false)
    await act(async () => {
      fireEvent.click(loadButton())
    })
    const arg = fake.fns['backend:models']!.mock.calls[0]![0] as {
      draft: { connection: { url: string } }
      apiKey: string
    }
    expect(arg.draft.connection.url).toBe('http://10.0.0.9:8000')
    expect(arg.apiKey).toBe('sk-typed')
    expect((screen.getByRole('combobox', { name: 'Model' }) as HTMLSelectElement).value).toBe(
      'old-model'
    )
  })
})

const imported: Array<{ alias: string; draft: ProfileDraft; warnings: string[] }> = [
  {
    alias: 'serverb',
    warnings: ['ProxyJump has 2 hops; only the first (bastion) was imported'],
    draft: {
      name: 'serverb',
      connection: {
        kind: 'tunnel',
        ssh: {
          host: 'serverb.internal',
          port: 2222,
          username: 'kha',
          auth: 'key',
          keyPath: '~/.ssh/id_serverb'
        },
        jump: {
          host: 'bastion.example',
          port: 22,
          username: 'jump',
          auth: 'agent',
          keyPath: '~/.ssh/id_ed25519'
        },
        target: { host: 'localhost', port: 8030 }
      },
      contract: { method: 'GET', path: '/api_chat' },
      timeouts: { connectSec: 15, idleSec: 60 }
    }
  },
  {
    alias: 'gpu',
    warnings: [],
    draft: {
      name: 'gpu',
      connection: {
        kind: 'tunnel',
        ssh: { host: '192.168.0.20', port: 22, username: 'me' },
        target: { host: 'localhost', port: 8000 }
      }
    }
  }
]

describe('import from ~/.ssh/config', () => {
  let fake: FakeApi
  beforeEach(() => {
    fake = installFakeApi()
    useAppStore.setState(useAppStore.getInitialState(), true)
    useAppStore.setState({ profiles: fake.profiles, activeProfileId: 'p1' })
  })
  afterEach(cleanup)

  async function openImport() {
    render(<SettingsView />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Import from SSH config' }))
    })
    return screen.getByRole('dialog', { name: 'Import from SSH config' })
  }

  it('lists the hosts with their warnings, and prefills a new profile without saving it', async () => {
    fake.fns['profiles:importSshConfig']!.mockResolvedValueOnce(ok(imported))
    const dialog = await openImport()
    // One item per host (each may hold its own list of warnings).
    const hosts = [...within(dialog).getByRole('list', { name: 'Hosts in ~/.ssh/config' }).children]
    expect(hosts).toHaveLength(2)
    expect(hosts[0]!.textContent).toContain('kha@serverb.internal:2222')
    expect(hosts[0]!.textContent).toContain('via jump@bastion.example')
    expect(hosts[0]!.textContent).toContain(
      'Warning: ProxyJump has 2 hops; only the first (bastion) was imported'
    )
    expect(hosts[1]!.textContent).toContain('me@192.168.0.20:22')

    fireEvent.click(within(dialog).getByRole('button', { name: 'Import serverb' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    const form = screen.getByRole('form', { name: 'New profile' })
    const value = (label: string) => (within(form).getByLabelText(label) as HTMLInputElement).value
    expect(value('Name')).toBe('serverb')
    expect((within(form).getByLabelText('SSH tunnel') as HTMLInputElement).checked).toBe(true)
    expect(value('SSH host')).toBe('serverb.internal')
    expect(value('SSH port')).toBe('2222')
    expect(value('SSH user')).toBe('kha')
    expect(value('Key file path')).toBe('~/.ssh/id_serverb')
    expect(
      (within(form).getByLabelText('Connect through a jump host') as HTMLInputElement).checked
    ).toBe(true)
    expect(value('Jump host address')).toBe('bastion.example')
    expect(value('Jump host authentication')).toBe('agent')
    expect(value('Target port')).toBe('8030')
    expect(value('Connect timeout (s)')).toBe('15')
    expect(fake.fns['profiles:save']).not.toHaveBeenCalled()

    // Saving sends it as a new profile (no id).
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    })
    const sent = fake.fns['profiles:save']!.mock.calls[0]![0] as { draft: Record<string, unknown> }
    expect(sent.draft.id).toBeUndefined()
    expect(sent.draft).toMatchObject({
      name: 'serverb',
      connection: {
        kind: 'tunnel',
        ssh: { host: 'serverb.internal', port: '2222', username: 'kha' }
      }
    })
  })

  it('labels hosts from a WSL distribution, whose key paths Windows can open, apart from the Windows ones', async () => {
    const wslDraft = {
      name: 'serverb (WSL Ubuntu)',
      connection: {
        kind: 'tunnel',
        ssh: {
          host: '192.168.0.20',
          port: 22,
          username: 'kim',
          auth: 'key',
          keyPath: '\\\\wsl.localhost\\Ubuntu\\home\\kim\\.ssh\\id_serverb'
        },
        jump: null,
        target: { host: 'localhost', port: 8030 }
      }
    }
    fake.fns['profiles:importSshConfig']!.mockResolvedValueOnce(
      ok([
        imported[0]!,
        {
          alias: 'serverb',
          draft: wslDraft,
          warnings: [],
          source: { kind: 'wsl', distro: 'Ubuntu', user: 'kim' }
        }
      ])
    )
    const dialog = await openImport()
    const hosts = [...within(dialog).getByRole('list', { name: 'Hosts in ~/.ssh/config' }).children]
    expect(hosts).toHaveLength(2)
    expect(hosts[1]!.textContent).toContain('serverb · WSL Ubuntu (kim)')
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Import serverb · WSL Ubuntu (kim)' })
    )
    const form = screen.getByRole('form', { name: 'New profile' })
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe(
      'serverb (WSL Ubuntu)'
    )
    expect((within(form).getByLabelText('Key file path') as HTMLInputElement).value).toBe(
      '\\\\wsl.localhost\\Ubuntu\\home\\kim\\.ssh\\id_serverb'
    )
  })

  it('says when ~/.ssh/config has no hosts', async () => {
    const dialog = await openImport()
    expect(dialog.textContent).toContain('No hosts found in ~/.ssh/config')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('shows why the file could not be read', async () => {
    fake.fns['profiles:importSshConfig']!.mockResolvedValueOnce(err('store.io'))
    const dialog = await openImport()
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'A data file could not be written.Try again.'
    )
  })
})
