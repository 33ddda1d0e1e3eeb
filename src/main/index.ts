/**
 * Electron main: lifecycle and wiring only. Everything the app does is in the core
 * (src/core), built here with what only Electron has: the data folder, safeStorage, the
 * window, the system browser and the save dialog.
 */
import { app, dialog, ipcMain, safeStorage, session, shell, type BrowserWindow } from 'electron'
import { writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import {
  EncryptedFileSecretStore,
  MemorySecretStore,
  startCore,
  type Platform,
  type SecretStore
} from '../core'
import { bindIpc } from './ipc'
import { APP_URL, devServerUrlFrom, isExternalWebLink, type TrustedPage } from './security'
import { builtPaths, createMainWindow, registerAppScheme } from './window'

// Tests and portable setups point the data folder elsewhere. This must happen before anything
// reads userData: the single-instance lock lives there, so two test runs never block each other.
if (process.env.KHA_DATA_DIR) app.setPath('userData', resolve(process.env.KHA_DATA_DIR))
// The page is served over the app's own scheme (kha://app/), which must be declared before ready.
registerAppScheme()

let win: BrowserWindow | null = null

if (!app.requestSingleInstanceLock()) {
  // Another window of the app is open on this data folder: it gets focused (below), we leave.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error))
}

/**
 * safeStorage on Linux without a keyring "encrypts" with a hard-coded password (`basic_text`):
 * that is no protection, so secrets are then kept for the session only and the UI says so.
 */
function secretStore(dataDir: string): SecretStore {
  const real =
    safeStorage.isEncryptionAvailable() &&
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text')
  if (!real) return new MemorySecretStore()
  return new EncryptedFileSecretStore(dataDir, {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data)
  })
}

function platform(): Platform {
  return {
    async openExternal(url) {
      if (!isExternalWebLink(url)) return
      await shell.openExternal(url)
    },
    // The OS proxy settings (and PAC scripts) for profiles whose proxy is `system` (issue 11).
    resolveProxy: (url) => session.defaultSession.resolveProxy(url),
    async saveFile(fileName, content) {
      const options = { defaultPath: join(app.getPath('downloads'), basename(fileName)) }
      const choice = win
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options)
      if (choice.canceled || !choice.filePath) return { saved: false }
      await writeFile(choice.filePath, content, 'utf8')
      return { saved: true, path: choice.filePath }
    }
  }
}

async function start() {
  const dataDir = app.getPath('userData')
  const verbose = process.env.KHA_DEBUG === '1'
  // The log file is <userData>/logs/main.log; a terminal also sees warnings and errors. Name and
  // version come from package.json inside startCore, as app.getVersion() does.
  const { core, logger } = await startCore({
    dataDir,
    shell: 'electron',
    echo: (line, level) => {
      if (verbose || level === 'warn' || level === 'error') process.stderr.write(line + '\n')
    },
    secrets: secretStore(dataDir),
    locale: app.getLocale(),
    languages: app.getPreferredSystemLanguages(),
    platform: platform()
  })

  const paths = builtPaths(__dirname)
  const page: TrustedPage = {
    appUrl: APP_URL,
    // electron-vite sets this under `electron-vite dev` only; a packaged app never trusts it.
    devServerUrl: devServerUrlFrom(process.env, app.isPackaged)
  }
  const unbind = bindIpc({
    ipcMain,
    core,
    page,
    logger,
    send: (event, payload) => {
      if (win && !win.isDestroyed()) win.webContents.send(event, payload)
    }
  })

  const open = () => {
    win = createMainWindow(page, {
      preloadPath: paths.preloadPath,
      rendererDir: paths.rendererDir,
      title: 'kha-desktop'
    })
    win.on('closed', () => (win = null))
  }
  open()
  app.on('activate', () => {
    if (!win) open()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Quit waits for the core to stop streams, close the tunnel and flush its stores.
  let disposing = false
  let disposed = false
  app.on('before-quit', (event) => {
    if (disposed) return
    event.preventDefault()
    if (disposing) return
    disposing = true
    unbind()
    core
      .dispose()
      .catch((error: unknown) => logger.error('core dispose failed', { error }))
      .finally(() => {
        disposed = true
        app.quit()
      })
  })
}

function fatal(error: unknown) {
  const message = error instanceof Error ? error.message : String(error)
  dialog.showErrorBox('kha-desktop could not start', message)
  app.exit(1)
}
