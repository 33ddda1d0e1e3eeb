/**
 * The app's one window and its locks (the Electron security checklist, docs/SECURITY.md):
 * - a sandboxed renderer with context isolation, no Node, web security on, no <webview>, no
 *   experimental or extra Blink features, no navigation by dropping a file or link on it;
 * - our page served over the app's own scheme (appProtocol.ts) with its CSP as a header;
 * - no navigation away from our page and no new windows, in any web contents the app ever has:
 *   web links open in the system browser instead, anything else does nothing;
 * - every permission, device chooser and screen capture denied, except clipboard writes from our
 *   own page's top frame (the Copy buttons; see isAllowedPermission).
 * The decisions are the pure functions of security.ts; this file only wires them to Electron.
 */
import { app, BrowserWindow, protocol, shell, type Session, type WebContents } from 'electron'
import { join } from 'node:path'
import { createAppProtocolHandler } from './appProtocol'
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  isAllowedPermission,
  navigationDecision,
  type TrustedPage
} from './security'

/** Must run before the app is ready (index.ts calls it at load). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }
  ])
}

function openOutside(url: string) {
  // navigationDecision already allowed only http(s); shell.openExternal never sees anything else.
  void shell.openExternal(url).catch(() => undefined)
}

/** Installed once per session: the policies do not depend on the window. */
const lockedSessions = new WeakSet<Session>()
function lockSession(session: Session, page: TrustedPage, rendererDir: string) {
  if (lockedSessions.has(session)) return
  lockedSessions.add(session)
  session.setPermissionRequestHandler((_webContents, permission, callback, details) =>
    callback(isAllowedPermission(permission, details, page))
  )
  session.setPermissionCheckHandler((_webContents, permission, _origin, details) =>
    isAllowedPermission(permission, details, page)
  )
  // HID, serial, USB and Bluetooth: never granted, every chooser cancelled, no screen capture.
  session.setDevicePermissionHandler(() => false)
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}))
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
  session.on('select-serial-port', (event, _ports, _webContents, callback) => {
    event.preventDefault()
    callback('')
  })
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
  session.on('will-download', (event) => event.preventDefault())
  if (!session.protocol.isProtocolHandled(APP_SCHEME))
    session.protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir))
}

/**
 * The navigation and window locks, for the app's window and for any other web contents that ever
 * appears (installLocks below): nothing the page does can show another page inside the app.
 */
const lockedContents = new WeakSet<WebContents>()
export function lockWebContents(contents: WebContents, page: TrustedPage): void {
  // Once per web contents: a second set of listeners would open a web link twice.
  if (lockedContents.has(contents)) return
  lockedContents.add(contents)
  contents.setWindowOpenHandler(({ url }) => {
    if (navigationDecision(url, page) === 'open-outside') openOutside(url)
    return { action: 'deny' }
  })
  // Links, `location =`, form posts and drops, in the top frame…
  contents.on('will-navigate', (event) => {
    const decision = navigationDecision(event.url, page)
    if (decision === 'allow') return
    event.preventDefault()
    if (decision === 'open-outside') openOutside(event.url)
  })
  // …and in any frame (the CSP allows no frames; this holds even if one appeared).
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return // will-navigate above decides (and opens web links once)
    event.preventDefault()
  })
  // A server redirect of an allowed navigation (the dev server) to somewhere else.
  contents.on('will-redirect', (event) => {
    if (navigationDecision(event.url, page) !== 'allow') event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault()
    callback('')
  })
}

let locksInstalled = false
/** Every web contents the app creates, now or later (a devtools window included), gets the locks. */
function installLocks(page: TrustedPage) {
  if (locksInstalled) return
  locksInstalled = true
  app.on('web-contents-created', (_event, contents) => lockWebContents(contents, page))
}

export function createMainWindow(
  page: TrustedPage,
  opts: { preloadPath: string; rendererDir: string; title: string }
): BrowserWindow {
  installLocks(page)
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 480,
    minHeight: 400,
    title: opts.title,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // No auxclick events (middle-click): a page cannot act on a click that was meant to open a
      // link elsewhere. Window opening is refused by setWindowOpenHandler anyway.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false
    }
  })
  lockSession(win.webContents.session, page, opts.rendererDir)
  // web-contents-created has locked it already; this keeps the window locked even if that
  // listener were ever removed (a second call does nothing).
  lockWebContents(win.webContents, page)
  win.once('ready-to-show', () => win.show())

  void win.loadURL(page.devServerUrl ?? page.appUrl)
  return win
}

/** Where the built files are, relative to out/main/index.js. */
export function builtPaths(mainDir: string) {
  return {
    preloadPath: join(mainDir, '../preload/index.cjs'),
    rendererDir: join(mainDir, '../renderer')
  }
}
