import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import '../../i18n'
import type { Profile, ProfileDraft } from '@shared/profile'
import {
  addProfile,
  err,
  installCore,
  ok,
  type RealCore,
  coreForEachTest
} from '../../test/realCore'
import { directProfile } from '../../test/profiles'
import { useAppStore } from '../../store'
import { ProfileForm } from './ProfileForm'
import { formFromDraft } from './profileDraft'
import { SettingsView } from './SettingsView'

const { id: _id, ...directDraft } = directProfile
/** An OpenAI-style profile to a loopback port nothing listens on. */
const openaiDraft = {
  ...directDraft,
  connection: { kind: 'direct' as const, url: 'http://127.0.0.1:9' },
  contract: {
    ...directDraft.contract,
    method: 'POST' as const,
    path: '/v1/chat/completions',
    model: 'old-model'
  }
}

describe('model picker', () => {
  const core = coreForEachTest()
  let profile: Profile
  beforeEach(async () => {
    // Nothing listens on this profile's port.
    profile = await addProfile(core, openaiDraft)
    await useAppStore.getState().loadProfiles()
  })

  const renderForm = (initial = formFromDraft(profile)) =>
    render(<ProfileForm initial={initial} title="Edit profile" onSaved={vi.fn()} />)
  const loadButton = () => screen.getByRole('button', { name: 'Load models' }) as HTMLButtonElement

  it('shows why the list could not be loaded, translated', async () => {
    renderForm()
    await act(async () => {
      fireEvent.click(loadButton())
    })
    expect(core.callsTo('backend:models')).toHaveLength(1)
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not load the models: Nothing is answering at 127.0.0.1:9.'
    )
    expect(screen.getByRole('textbox', { name: 'Model' })).toBeTruthy()
  })

  it('says so when the server lists no models, and keeps the text field', async () => {
    // Stood in: the reference backend always lists its models.
    core.stand('backend:models', () => ok([]))
    renderForm()
    await act(async () => {
      fireEvent.click(loadButton())
    })
    expect(
      await screen.findByText('The server listed no models. Type the model name.')
    ).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'Model' })).toBeTruthy()
  })
})

/** A user's ~/.ssh/config: a host behind two jump hosts, and a plain one. */
const sshConfig = `Host serverb
  HostName serverb.internal
  Port 2222
  User kha
  IdentityFile ~/.ssh/id_serverb
  ProxyJump jump@bastion.example,other.example
  ConnectTimeout 15
  LocalForward 8030 localhost:8030

Host gpu
  HostName 192.168.0.20
  User me
`

describe('import from ~/.ssh/config', () => {
  let core: RealCore
  const start = async (options?: { sshConfig?: string }) => {
    core = await installCore(options)
    useAppStore.setState(useAppStore.getInitialState(), true)
    await addProfile(core, directDraft)
    await useAppStore.getState().loadProfiles()
  }
  afterEach(() => {
    cleanup()
    core.close()
  })

  async function openImport() {
    render(<SettingsView />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Import from SSH config' }))
    })
    const dialog = await screen.findByRole('dialog', { name: 'Import from SSH config' })
    // Wait for main's answer: the dialog says it is reading the file until then.
    await waitFor(() => expect(dialog.textContent).not.toContain('Reading ~/.ssh/'))
    return dialog
  }

  it('lists the hosts with their warnings, and prefills a new profile without saving it', async () => {
    await start({ sshConfig })
    const dialog = await openImport()
    // One item per host (each may hold its own list of warnings).
    const list = await within(dialog).findByRole('list', { name: 'Hosts in ~/.ssh/config' })
    const hosts = [...list.children]
    expect(hosts).toHaveLength(2)
    expect(hosts[0]!.textContent).toContain('kha@serverb.internal:2222')
    expect(hosts[0]!.textContent).toContain('via jump@bastion.example')
    expect(hosts[0]!.textContent).toContain(
      'Warning: ProxyJump has 2 hops; only the first (jump@bastion.example) was imported'
    )
    expect(hosts[1]!.textContent).toContain('me@192.168.0.20:22')

    fireEvent.click(within(dialog).getByRole('button', { name: 'Import serverb' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    const form = screen.getByRole('form', { name: 'New profile' })
    const value = (label: string) => (within(form).getByLabelText(label) as HTMLInputElement).value
    expect(value('Name')).toBe('serverb')
    // The dialog's opener went with the list: the cursor is in the new form instead.
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Name')))
    expect((within(form).getByLabelText('SSH tunnel') as HTMLInputElement).checked).toBe(true)
    expect(value('SSH host')).toBe('serverb.internal')
    expect(value('SSH port')).toBe('2222')
    expect(value('SSH user')).toBe('kha')
    expect(value('Key file path')).toBe('~/.ssh/id_serverb')
    expect(
      (within(form).getByLabelText('Connect through a jump host') as HTMLInputElement).checked
    ).toBe(true)
    expect(value('Jump host address')).toBe('bastion.example')
    expect(value('Jump host authentication')).toBe('key')
    expect(value('Target port')).toBe('8030')
    expect(value('Connect timeout (s)')).toBe('15')
    expect(core.callsTo('profiles:save')).toEqual([])

    // Saving checks it first, as a new profile. Stood in: a check through these SSH hosts needs
    // sshd (the integration tests run it); here the check passes without finding a server type.
    core.stand('profiles:detect', () =>
      ok({
        profileId: 'draft',
        profileName: 'serverb',
        startedAt: new Date(0).toISOString(),
        ms: 3,
        ok: true,
        steps: [{ id: 'chat', status: 'ok', ms: 1 }]
      })
    )
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    })
    await waitFor(async () => expect((await core.ok('profiles:list')).profiles).toHaveLength(2))
    expect(core.callsTo('profiles:detect')).toHaveLength(1)
    // …and saves it as a new profile (no id), as typed.
    const [sent] = core.callsTo('profiles:save')
    expect(sent!.draft.id).toBeUndefined()
    const profiles = (await core.ok('profiles:list')).profiles
    expect(profiles.find((p) => p.name === 'serverb')).toMatchObject({
      connection: {
        kind: 'tunnel',
        ssh: { host: 'serverb.internal', port: 2222, username: 'kha' },
        target: { host: 'localhost', port: 8030 }
      }
    })
  })

  it('labels hosts from a WSL distribution, whose key paths Windows can open, apart from the Windows ones', async () => {
    const wslDraft: ProfileDraft = {
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
    // Stood in: WSL distributions exist only on Windows.
    await start({ sshConfig })
    const [windowsHost] = await core.ok('profiles:importSshConfig')
    core.stand('profiles:importSshConfig', () =>
      ok([
        windowsHost!,
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
    await start()
    const dialog = await openImport()
    expect(dialog.textContent).toContain('No hosts found in ~/.ssh/config')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('says so when main could not list the hosts', async () => {
    // Stood in: a config main cannot read lists no hosts (readSshConfigAt), as above; what is left
    // to show is a call that failed inside main.
    await start()
    core.stand('profiles:importSshConfig', () => err('internal'))
    const dialog = await openImport()
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'Something went wrong inside the app.Copy the diagnostics and send them to your administrator.'
    )
  })
})
