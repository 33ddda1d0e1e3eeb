/**
 * The app's one window and its locks: sandboxed renderer with context isolation and no Node, a
 * CSP header for our page, no navigation away from it, no new windows (web links open in the
 * system browser instead), and every permission (camera, notifications, …) denied except clipboard
 * writes from our own page (see isAllowedPermission).
 */
import { BrowserWindow, shell, type Session } from 'electron'
import { join } from 'node:path'
import { APP_CSP, isAllowedPermission, isExternalWebLink, isOwnPage, type TrustedPage } from './security'

/** Installed once per session: the policies do not depend on the window. */
function lockSession(session: Session, page: TrustedPage) {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => callback(isAllowedPermission(permission, details, page)))
  session.setPermissionCheckHandler((_webContents, permission, _origin, details) => isAllowedPermission(permission, details, page))
  session.webRequest.onHeadersReceived((details, callback) => {
    // Only our own built page gets the header: the dev server's page keeps the meta tag alone
    // (Vite's dev client needs what the meta tag allows there).
    if (details.resourceType === 'mainFrame' && details.url.startsWith('file:') && isOwnPage(details.url, page)) {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } })
      return
    }
    callback({})
  })
}

export function createMainWindow(page: TrustedPage, opts: { preloadPath: string; title: string }): BrowserWindow {
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
      webSecurity: true,
      webviewTag: false,
      spellcheck: false
    }
  })
  lockSession(win.webContents.session, page)

  const openOutside = (url: string) => {
    if (isExternalWebLink(url)) void shell.openExternal(url)
  }
  win.webContents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (isOwnPage(url, page)) return
    event.preventDefault()
    openOutside(url)
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  win.once('ready-to-show', () => win.show())

  if (page.devServerUrl) void win.loadURL(page.devServerUrl)
  else void win.loadURL(page.fileUrl)
  return win
}

/** Where the built files are, relative to out/main/index.js. */
export function builtPaths(mainDir: string) {
  return {
    preloadPath: join(mainDir, '../preload/index.cjs'),
    rendererFile: join(mainDir, '../renderer/index.html')
  }
}
