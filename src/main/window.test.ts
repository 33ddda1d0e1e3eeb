/**
 * window.ts against a small fake of the Electron surface it touches (BrowserWindow, its web
 * contents and session, app, protocol, shell): Electron's binary cannot run here, so this is where
 * the window's options and its navigation, window-open and permission locks are exercised. The
 * decisions themselves are security.ts's pure functions (security.test.ts).
 */
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown

class FakeEmitter extends EventEmitter {
  /** Emit with a fresh event object; returns whether a listener called preventDefault. */
  fire(name: string, event: Record<string, unknown> = {}, ...args: unknown[]): boolean {
    let prevented = false
    this.emit(name, { ...event, preventDefault: () => (prevented = true) }, ...args)
    return prevented
  }
}

class FakeSession extends FakeEmitter {
  handlers: Record<string, Listener> = {}
  handled = new Map<string, Listener>()
  setPermissionRequestHandler(h: Listener) {
    this.handlers.request = h
  }
  setPermissionCheckHandler(h: Listener) {
    this.handlers.check = h
  }
  setDevicePermissionHandler(h: Listener) {
    this.handlers.device = h
  }
  setDisplayMediaRequestHandler(h: Listener) {
    this.handlers.displayMedia = h
  }
  protocol = {
    isProtocolHandled: (scheme: string) => this.handled.has(scheme),
    handle: (scheme: string, h: Listener) => void this.handled.set(scheme, h)
  }
}

class FakeWebContents extends FakeEmitter {
  openHandler: Listener | undefined
  constructor(readonly session: FakeSession) {
    super()
  }
  setWindowOpenHandler(h: Listener) {
    this.openHandler = h
  }
}

const fake = vi.hoisted(() => ({
  state: {} as {
    opened: string[]
    windows: unknown[]
    app: EventEmitter
    schemes: unknown[]
    session: unknown
  }
}))

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  fake.state.opened = []
  fake.state.windows = []
  fake.state.schemes = []
  fake.state.app = new Emitter()
  class BrowserWindow extends Emitter {
    webContents: FakeWebContents
    loaded: string | undefined
    constructor(readonly options: Record<string, unknown>) {
      super()
      this.webContents = new FakeWebContents(fake.state.session as FakeSession)
      fake.state.app.emit('web-contents-created', {}, this.webContents)
      fake.state.windows.push(this)
    }
    loadURL(url: string) {
      this.loaded = url
      return Promise.resolve()
    }
    show() {}
  }
  return {
    app: fake.state.app,
    BrowserWindow,
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => fake.state.schemes.push(...s) },
    shell: {
      openExternal: async (url: string) => {
        fake.state.opened.push(url)
      }
    }
  }
})

const { createMainWindow, registerAppScheme, lockWebContents } = await import('./window')
const { APP_URL, APP_SCHEME } = await import('./security')

const page = { appUrl: APP_URL }
type Win = {
  options: { webPreferences: Record<string, unknown> }
  webContents: FakeWebContents
  loaded: string
}

function open(): { win: Win; session: FakeSession } {
  const session = new FakeSession()
  fake.state.session = session
  const win = createMainWindow(page, {
    preloadPath: '/app/out/preload/index.cjs',
    rendererDir: '/app/out/renderer',
    title: 'kha'
  }) as unknown as Win
  return { win, session }
}

beforeEach(() => {
  fake.state.opened.length = 0
})

describe('the main window', () => {
  it('has every webPreference of the checklist, and loads our page over the app scheme', () => {
    const { win, session } = open()
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false
    })
    expect(win.options.webPreferences).not.toHaveProperty('enableBlinkFeatures')
    // Middle-click (auxclick) events off: Electronegativity's AUXCLICK check.
    expect(win.options.webPreferences.disableBlinkFeatures).toBe('Auxclick')
    expect(win.loaded).toBe('kha://app/index.html')
    expect(session.handled.has(APP_SCHEME)).toBe(true)
  })

  it('registers the app scheme as standard and secure, never as bypassing the CSP', () => {
    registerAppScheme()
    expect(fake.state.schemes).toEqual([
      { scheme: 'kha', privileges: expect.objectContaining({ standard: true, secure: true }) }
    ])
    expect(
      (fake.state.schemes[0] as { privileges: Record<string, unknown> }).privileges
    ).not.toHaveProperty('bypassCSP')
  })

  it('stays on our page; a web link opens once in the system browser; anything else goes nowhere', () => {
    const { win } = open()
    const wc = win.webContents
    expect(wc.fire('will-navigate', { url: `${APP_URL}#/settings` })).toBe(false)
    expect(wc.fire('will-navigate', { url: 'https://evil.example/' })).toBe(true)
    for (const url of [
      'javascript:window.__pwned=1',
      'data:text/html,<script>1</script>',
      'file:///etc/passwd',
      'kha://app/other.html'
    ]) {
      expect(wc.fire('will-navigate', { url }), url).toBe(true)
    }
    expect(fake.state.opened).toEqual(['https://evil.example/'])
  })

  it('opens no window: web links go to the system browser, the rest is dropped', () => {
    const { win } = open()
    const handler = win.webContents.openHandler as Listener
    for (const url of [
      'https://example.com/a',
      'javascript:alert(1)',
      'about:blank',
      'file:///etc/passwd',
      APP_URL
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' })
    }
    expect(fake.state.opened).toEqual(['https://example.com/a'])
  })

  it('refuses webviews, redirects away, and any subframe navigation', () => {
    const { win } = open()
    const wc = win.webContents
    expect(wc.fire('will-attach-webview')).toBe(true)
    expect(wc.fire('will-redirect', { url: 'https://evil.example/' })).toBe(true)
    expect(wc.fire('will-redirect', { url: APP_URL })).toBe(false)
    expect(
      wc.fire('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false })
    ).toBe(true)
    expect(wc.fire('will-frame-navigate', { url: APP_URL, isMainFrame: false })).toBe(true)
    expect(fake.state.opened).toEqual([])
  })

  it('denies every permission and device but clipboard writes from our top frame', () => {
    const { session } = open()
    const answers: boolean[] = []
    const request = (permission: string, details: Record<string, unknown>) =>
      session.handlers.request?.({}, permission, (ok: boolean) => answers.push(ok), details)
    request('media', { requestingUrl: APP_URL, isMainFrame: true })
    request('notifications', { requestingUrl: APP_URL, isMainFrame: true })
    request('clipboard-sanitized-write', { requestingUrl: APP_URL, isMainFrame: true })
    request('clipboard-sanitized-write', {
      requestingUrl: 'https://evil.example/',
      isMainFrame: true
    })
    expect(answers).toEqual([false, false, true, false])
    expect(
      session.handlers.check?.({}, 'clipboard-read', APP_URL, {
        requestingUrl: APP_URL,
        isMainFrame: true
      })
    ).toBe(false)
    expect(session.handlers.device?.({ deviceType: 'usb' })).toBe(false)
    const streams: unknown[] = []
    session.handlers.displayMedia?.({}, (s: unknown) => streams.push(s))
    expect(streams).toEqual([{}])
    const picked: unknown[] = []
    expect(
      session.fire('select-hid-device', {}, {}, (id?: string) => picked.push(id ?? null))
    ).toBe(true)
    expect(
      session.fire('select-usb-device', {}, {}, (id?: string) => picked.push(id ?? null))
    ).toBe(true)
    expect(session.fire('select-serial-port', {}, [], {}, (id: string) => picked.push(id))).toBe(
      true
    )
    expect(picked).toEqual([null, null, ''])
  })

  it('locks any other web contents the app gets, once', () => {
    open()
    const other = new FakeWebContents(new FakeSession())
    fake.state.app.emit('web-contents-created', {}, other)
    lockWebContents(other as never, page)
    expect(other.fire('will-navigate', { url: 'https://evil.example/' })).toBe(true)
    expect(other.listenerCount('will-navigate')).toBe(1)
    expect(fake.state.opened).toEqual(['https://evil.example/'])
    expect((other.openHandler as Listener)({ url: 'about:blank' })).toEqual({ action: 'deny' })
  })
})
