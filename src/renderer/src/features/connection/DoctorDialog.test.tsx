import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { DoctorReport } from '@shared/doctor'
import type { IpcResult } from '@shared/errors'
import { i18n } from '../../i18n'
import { addProfile, err, ok, coreForEachTest } from '../../test/realCore'
import { useAppStore } from '../../store'
import { useStoreEvents } from '../../store/useStoreEvents'
import { MessageItem } from '../chat/MessageItem'
import { SettingsView } from '../settings/SettingsView'
import { ConnectionPanel } from './ConnectionPanel'
import { DoctorDialog } from './DoctorDialog'

/** A tunnel through a jump host whose login is refused: the SSH steps appear once per hop. */
const failedReport: DoctorReport = {
  profileId: 'p1',
  profileName: 'Local backend',
  startedAt: '2025-01-01T00:00:00.000Z',
  ms: 412.6,
  ok: false,
  steps: [
    {
      id: 'resolve',
      status: 'ok',
      ms: 3.2,
      detail: { host: 'bastion.example', addresses: '10.0.0.5' }
    },
    { id: 'tcp', status: 'ok', ms: 11.7, detail: { address: '10.0.0.5', port: 22 } },
    {
      id: 'ssh_handshake',
      status: 'ok',
      ms: 95.4,
      detail: {
        hop: 'jump',
        host: 'bastion.example:22',
        keyType: 'ssh-ed25519',
        fingerprint: 'SHA256:abcDEF123'
      }
    },
    {
      id: 'ssh_auth',
      status: 'failed',
      ms: 301.2,
      error: { code: 'ssh.auth_failed', message: 'Authentication failed (tried publickey)' },
      detail: { hop: 'jump', host: 'bastion.example:22', user: 'kha', method: 'key' }
    },
    { id: 'ssh_handshake', status: 'skipped', ms: 0 },
    { id: 'ssh_auth', status: 'skipped', ms: 0 },
    { id: 'forward', status: 'skipped', ms: 0 },
    { id: 'target', status: 'skipped', ms: 0 },
    { id: 'health', status: 'skipped', ms: 0 },
    { id: 'chat', status: 'skipped', ms: 0 }
  ]
}

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const steps = () => within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem')

// The checks run on a real core with a saved profile, a direct one to a loopback port nothing
// listens on: its real report fails at the TCP step. Reports of what needs a service (a tunnel
// through a jump host: sshd; TLS and proxy facts: a TLS server and tinyproxy; the integration
// tests run those) and checks held open are stood in (`core.stand('connection:doctor', …)`).
describe('connection check (doctor)', () => {
  const core = coreForEachTest()
  let p1: string
  beforeEach(async () => {
    p1 = (await addProfile(core)).id
    await useAppStore.getState().loadProfiles()
  })
  afterEach(async () => {
    vi.unstubAllGlobals()
    await i18n.changeLanguage('en')
  })

  it('shows a spinner while it runs, then every step in order, the failed one with its reason', async () => {
    const pending = deferred<IpcResult<DoctorReport>>()
    core.stand('connection:doctor', () => pending.promise)
    useAppStore.getState().applyConnection({
      profileId: 'p1',
      mode: 'tunnel',
      status: 'failed',
      error: { code: 'ssh.auth_failed', message: 'x' }
    })
    render(
      <>
        <ConnectionPanel />
        <DoctorDialog />
      </>
    )
    fireEvent.click(screen.getByRole('button', { name: 'Check connection' }))
    const dialog = screen.getByRole('dialog', { name: 'Connection check' })
    expect(within(dialog).getByRole('status').textContent).toBe('Checking the connection…')
    expect(
      (within(dialog).getByRole('button', { name: 'Run again' }) as HTMLButtonElement).disabled
    ).toBe(true)

    await act(async () => pending.resolve(ok(failedReport)))
    expect(within(dialog).getByRole('status').textContent).toBe(
      'The check stopped at “SSH login (Jump host)”.'
    )
    const items = steps()
    expect(items).toHaveLength(10)
    const failed = items[3]!
    expect(failed.textContent).toContain('SSH login (Jump host)')
    expect(failed.textContent).toContain('Failed')
    expect(failed.textContent).toContain('301 ms')
    expect(failed.textContent).toContain('The SSH server did not accept the login.')
    expect(failed.textContent).toContain('Userkha')
    expect(failed.textContent).toContain('MethodKey file')
    // Exactly one step is marked failed, and it is that one.
    expect(items.filter((li) => li.textContent?.includes('Failed'))).toEqual([failed])
    // Passed steps: their word, their time and their facts under translated labels.
    expect(items[0]!.textContent).toContain('Look up the name')
    expect(items[0]!.textContent).toContain('Passed')
    expect(items[0]!.textContent).toContain('Addresses10.0.0.5')
    expect(items[1]!.textContent).toContain('Connected to10.0.0.5')
    expect(within(items[2]!).getByText('SHA256:abcDEF123').tagName).toBe('CODE')
    expect(items[2]!.textContent).toContain('SSH handshake and host key (Jump host)')
    // Everything after the failure was skipped, and says so (without a time).
    for (const item of items.slice(4)) {
      expect(item.textContent).toContain('Skipped')
      expect(item.textContent).not.toMatch(/\d ms/)
    }
    expect(items[9]!.textContent).toContain('Test chat')
    // Skipped SSH steps carry no detail: their place says which hop they were for.
    expect(items[4]!.textContent).toContain('SSH handshake and host key (SSH server)')
    expect(items[5]!.textContent).toContain('SSH login (SSH server)')
  })

  it('lists each step as it finishes, and Stop ends the check there', async () => {
    const pending = deferred<IpcResult<DoctorReport>>()
    core.stand('connection:doctor', () => pending.promise)
    function Events() {
      useStoreEvents()
      return null
    }
    render(
      <>
        <Events />
        <DoctorDialog />
      </>
    )
    await act(async () => useAppStore.getState().openDoctor('p1'))
    const dialog = screen.getByRole('dialog', { name: 'Connection check' })
    const { runId } = core.callsTo('connection:doctor')[0] as { runId: string }
    expect(runId).toBeTruthy()
    expect(within(dialog).queryByRole('list', { name: 'Steps' })).toBeNull()

    const [resolve, tcp] = failedReport.steps
    act(() => core.emit('doctor:step', { runId, profileId: 'p1', step: resolve! }))
    // Another window's check of the same profile is not this one's.
    act(() => core.emit('doctor:step', { runId: 'other', profileId: 'p1', step: tcp! }))
    expect(steps()).toHaveLength(1)
    expect(steps()[0]!.textContent).toContain('Look up the name')
    expect(steps()[0]!.textContent).toContain('Passed')
    act(() => core.emit('doctor:step', { runId, profileId: 'p1', step: tcp! }))
    expect(steps()).toHaveLength(2)
    expect(within(dialog).getByRole('status').textContent).toBe('Checking the connection…')

    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop the check' }))
    expect(core.callsTo('connection:doctorStop')).toEqual([{ runId }])
    const stopped: DoctorReport = {
      ...failedReport,
      steps: [
        resolve!,
        tcp!,
        {
          id: 'ssh_handshake',
          status: 'failed',
          ms: 40,
          error: { code: 'backend.aborted', message: 'The check was stopped' }
        },
        { id: 'ssh_auth', status: 'skipped', ms: 0 }
      ]
    }
    await act(async () => pending.resolve(ok(stopped)))
    expect(within(dialog).getByRole('status').textContent).toBe(
      'The check stopped at “SSH handshake and host key”.'
    )
    expect(steps()).toHaveLength(4)
    expect(steps()[2]!.textContent).toContain('Failed')
    expect(within(dialog).queryByRole('button', { name: 'Stop the check' })).toBeNull()
  })

  it('closing the dialog stops a check still running', async () => {
    core.stand('connection:doctor', () => deferred<IpcResult<DoctorReport>>().promise)
    render(<DoctorDialog />)
    await act(async () => useAppStore.getState().openDoctor())
    const { runId } = core.callsTo('connection:doctor')[0] as { runId: string }
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(core.callsTo('connection:doctorStop')).toEqual([{ runId }])
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('says which hop failed in Korean too', async () => {
    await i18n.changeLanguage('ko')
    core.stand('connection:doctor', () => ok(failedReport))
    render(<DoctorDialog />)
    await act(async () => useAppStore.getState().openDoctor())
    const dialog = screen.getByRole('dialog', { name: '연결 점검' })
    const items = within(within(dialog).getByRole('list', { name: '단계' })).getAllByRole(
      'listitem'
    )
    expect(items[3]!.textContent).toContain('SSH 인증 (점프 호스트)')
    expect(items[3]!.textContent).toContain('실패')
    expect(items[3]!.textContent).toContain('SSH 서버가 로그인을 받아들이지 않았습니다')
    expect(items[4]!.textContent).toContain('건너뜀')
    expect(within(dialog).getByRole('button', { name: '다시 확인' })).toBeTruthy()
    expect(within(dialog).getByRole('button', { name: '진단 정보 복사' })).toBeTruthy()
  })

  it('translates notes and known labels, and shows an unknown detail key as it is', async () => {
    core.stand('connection:doctor', () =>
      ok<DoctorReport>({
        ...failedReport,
        ok: true,
        steps: [
          {
            id: 'health',
            status: 'ok',
            ms: 5,
            detail: { path: '/health', status: 404, note: 'no_health_route' }
          },
          {
            id: 'chat',
            status: 'ok',
            ms: 80,
            detail: { chars: 12, reply: 'Hello there!', shinyNewKey: 'x' }
          }
        ]
      })
    )
    render(<DoctorDialog />)
    await act(async () => useAppStore.getState().openDoctor())
    expect(screen.getByRole('status').textContent).toBe('Every step passed (413 ms).')
    const [health, chat] = steps()
    expect(health!.textContent).toContain('No health route (404): the test chat decides')
    expect(health!.textContent).toContain('HTTP status404')
    expect(health!.textContent).not.toContain('no_health_route')
    expect(chat!.textContent).toContain('Characters12')
    expect(chat!.textContent).toContain('ReplyHello there!')
    expect(chat!.textContent).toContain('shinyNewKeyx')
  })

  it('labels the TLS and proxy facts a person checks before trusting a certificate', async () => {
    core.stand('connection:doctor', () =>
      ok<DoctorReport>({
        ...failedReport,
        ok: true,
        steps: [
          {
            id: 'proxy',
            status: 'ok',
            ms: 4,
            detail: { mode: 'manual', proxy: '127.0.0.1:3128', route: 'proxy' }
          },
          {
            id: 'tls',
            status: 'ok',
            ms: 9,
            detail: {
              trust: 'pinned',
              subject: 'kha.internal',
              issuer: 'Company Root CA',
              validTo: '2027-01-01'
            }
          }
        ]
      })
    )
    render(<DoctorDialog />)
    await act(async () => useAppStore.getState().openDoctor())
    const [proxy, tls] = steps()
    expect(proxy!.textContent).toContain('Proxy127.0.0.1:3128')
    expect(tls!.textContent).toContain('Issued tokha.internal')
    expect(tls!.textContent).toContain('Issued byCompany Root CA')
    expect(tls!.textContent).toContain('Trusted becausepinned')
    expect(tls!.textContent).not.toMatch(/subject|issuer/)
  })

  it('runs again, and shows why the check itself could not run', async () => {
    render(<DoctorDialog />)
    await act(async () => useAppStore.getState().openDoctor(p1))
    expect(core.callsTo('connection:doctor')).toEqual([
      { profileId: p1, runId: expect.any(String) as unknown }
    ])
    // The real check of the saved profile: nothing listens on its port.
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('The check stopped at “TCP connection”.')
    )
    // The profile is removed meanwhile (another window, the CLI): the check cannot run.
    await core.ok('profiles:remove', { id: p1 })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Run again' }))
    })
    expect(core.callsTo('connection:doctor')).toHaveLength(2)
    expect(core.callsTo('connection:doctor')[1]).toEqual({
      profileId: p1,
      runId: expect.any(String) as unknown
    })
    // The reason, then what to do (the error table's advice) with its button.
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'That profile no longer exists.Choose a profile in Settings.Choose a profile'
      )
    )
    expect(screen.queryByRole('list', { name: 'Steps' })).toBeNull()
  })

  it('copies the diagnostics text and says so', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    render(<DoctorDialog />)
    await act(async () => useAppStore.getState().openDoctor())
    const button = screen.getByRole('button', { name: 'Copy diagnostics' })
    await act(async () => {
      fireEvent.click(button)
    })
    expect(core.callsTo('app:diagnostics')).toHaveLength(1)
    // Main's diagnostics: versions, the selected profile, the last check.
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1))
    const copied = String((writeText.mock.calls[0] as unknown[])[0])
    expect(copied).toContain('kha-desktop')
    expect(copied).toContain('Local backend')
    // The name stays; the visible text and a polite announcement say it worked.
    expect(button.textContent).toContain('Copied')
    expect(screen.getByRole('button', { name: 'Copy diagnostics' })).toBe(button)
  })

  it('says it could not copy when the clipboard refuses the text', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('Write permission denied.')))
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    render(<DoctorDialog />)
    await act(async () => useAppStore.getState().openDoctor())
    const button = screen.getByRole('button', { name: 'Copy diagnostics' })
    await act(async () => {
      fireEvent.click(button)
    })
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1))
    // Shown and announced; the button keeps its name for the next try.
    await waitFor(() => expect(button.textContent).toContain('Could not copy'))
    expect(button.textContent).not.toContain('Copied')
    expect(screen.getByRole('button', { name: 'Copy diagnostics' })).toBe(button)
  })

  it('shows why diagnostics could not be copied', async () => {
    // Stood in: the core reads nothing that could fail here.
    core.stand('app:diagnostics', () => err('store.io'))
    render(<DoctorDialog />)
    await act(async () => useAppStore.getState().openDoctor())
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' }))
    })
    expect(screen.getByRole('button', { name: 'Copy diagnostics' }).textContent).toContain(
      'Could not copy'
    )
    // "Run again" is the retry here: the advice adds no button.
    expect(screen.getByRole('alert').textContent).toBe(
      'A data file could not be written.Try again.'
    )
  })

  it('is offered on a failed reply with a connection error, not on other failures', async () => {
    const question = { id: 'u1' }
    const failedReply = {
      id: 'a1',
      role: 'assistant' as const,
      text: '',
      status: 'failed' as const,
      createdAt: Date.now(),
      error: {
        code: 'backend.refused' as const,
        message: 'x',
        params: { host: '127.0.0.1', port: 8030 }
      }
    }
    const { rerender } = render(
      <>
        <MessageItem
          conversationId="c1"
          message={failedReply}
          isLast
          questionId={question.id}
          busy={false}
        />
        <DoctorDialog />
      </>
    )
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Nothing is answering at 127.0.0.1:8030')
    await act(async () => {
      fireEvent.click(within(alert).getByRole('button', { name: 'Check connection' }))
    })
    expect(screen.getByRole('dialog', { name: 'Connection check' })).toBeTruthy()
    act(() => useAppStore.getState().closeDoctor())

    const busy = {
      ...failedReply,
      id: 'a-other',
      error: { code: 'chat.busy' as const, message: 'x' }
    }
    rerender(
      <MessageItem
        conversationId="c1"
        message={busy}
        isLast
        questionId={question.id}
        busy={false}
      />
    )
    expect(
      within(screen.getByRole('alert')).queryByRole('button', { name: 'Check connection' })
    ).toBeNull()
  })

  it('is in Settings for the selected profile and for each profile of the list', async () => {
    render(
      <>
        <SettingsView />
        <DoctorDialog />
      </>
    )
    const troubleshooting = screen.getByRole('region', { name: 'Troubleshooting' })
    await act(async () => {
      fireEvent.click(within(troubleshooting).getByRole('button', { name: 'Check connection' }))
    })
    expect(core.callsTo('connection:doctor').at(-1)).toEqual({
      runId: expect.any(String) as unknown
    })
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Check connection for Local backend' }))
    })
    expect(core.callsTo('connection:doctor').at(-1)).toEqual({
      profileId: p1,
      runId: expect.any(String) as unknown
    })
    const dialog = screen.getByRole('dialog', { name: 'Connection check' })
    expect(dialog.textContent).toContain('Profile: Local backend')
    await waitFor(() => expect(dialog.textContent).toContain('TCP connection'))
  })

  it('drops the answer of a check that was closed', async () => {
    const pending = deferred<IpcResult<DoctorReport>>()
    core.stand('connection:doctor', () => pending.promise)
    render(<DoctorDialog />)
    act(() => useAppStore.getState().openDoctor())
    act(() => useAppStore.getState().closeDoctor())
    await act(async () => pending.resolve(ok(failedReport)))
    expect(useAppStore.getState().doctor).toMatchObject({
      open: false,
      report: null,
      running: false
    })
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})
