/**
 * The Electron shell itself, where its binary exists (the desktop workflow on Windows, macOS and
 * Linux): what the web harness cannot show. The window and its sandboxed preload, a chat round
 * trip, node:sqlite with FTS5 in Electron's own Node, safeStorage as the app reports it, the
 * kha:// protocol and its CSP header, the native save dialog, and session.resolveProxy for the
 * "system" proxy mode. Main-process facts come from `app.electron.evaluate` (Playwright's
 * ElectronApplication.evaluate runs a function in the main process, with the electron module as
 * its first argument).
 *
 * In the web project every test here is skipped, with the reason: without Electron's binary there
 * is no electron project at all (playwright.config.ts says why in one line).
 */
import { readFileSync } from 'node:fs'
import type * as Sqlite from 'node:sqlite'
import type { ElectronApplication } from '@playwright/test'
import type { Api } from '../src/shared/ipc/contract'
import { secretsLine } from '../src/core/diagnostics'
import { parsePacResult } from '../src/core/connection/proxy/resolve'
import { APP_CSP, APP_URL } from '../src/main/security'
import { expect, test, type App } from './fixtures'
import { electronStatus } from './fixtures/electronBinary'
import { openChat } from './fixtures/seed'

const binary = electronStatus()
const skipReason = binary.ok
  ? 'Electron smoke spec: runs in the electron project only (npm run test:e2e:electron)'
  : `Electron smoke spec: needs Electron's binary, and here ${binary.reason}; the desktop workflow (.github/workflows/desktop.yml) runs it on Windows, macOS and Linux`

test.skip(({ shell }) => shell !== 'electron', skipReason)

function main(app: App): ElectronApplication {
  if (!app.electron) throw new Error('no Electron app in this shell')
  return app.electron
}

/** window.api in the page (written out in each page.evaluate: only the function's own text reaches the page). */
type PageGlobals = { api: Api }

test('the window opens with the sandboxed preload, and window.api is all the page gets', async ({
  app,
  page
}) => {
  expect(page.url().startsWith(APP_URL), page.url()).toBe(true)
  // The renderer's OS process: sandboxed, as `sandbox: true` asks (Electron reports it on macOS
  // and Windows; on Linux `sandboxed` is absent and the page checks below stand for it).
  const renderer = await main(app).evaluate(({ app: electronApp, BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows()
    const pid = windows[0]?.webContents.getOSProcessId()
    const metric = electronApp.getAppMetrics().find((m) => m.pid === pid)
    return { windows: windows.length, type: metric?.type, sandboxed: metric?.sandboxed }
  })
  expect(renderer).toMatchObject({ windows: 1, type: 'Tab' })
  if (process.platform !== 'linux') expect(renderer.sandboxed).toBe(true)

  const page_ = await page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>
    const apiObject = g.api as Record<string, unknown> | undefined
    return {
      require: typeof g.require,
      process: typeof g.process,
      domains: apiObject ? Object.keys(apiObject).sort() : [],
      frozen: apiObject ? Object.isFrozen(apiObject) : false
    }
  })
  expect(page_).toMatchObject({ require: 'undefined', process: 'undefined', frozen: true })
  expect(page_.domains).toEqual(
    expect.arrayContaining([
      'app',
      'chat',
      'connection',
      'conversations',
      'on',
      'profiles',
      'settings'
    ])
  )
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.app.info())
  expect(info).toMatchObject({ ok: true, data: { shell: 'electron', name: 'kha-desktop' } })
})

test('a chat round trip against the reference backend', async ({ page, backend }) => {
  const chat = await openChat(page, backend.url)
  await chat.expectConnection('Connected')
  // The reference backend echoes: the reply proves the message went through main to it and back.
  await chat.ask('안녕하세요 from Electron', 'Echo: 안녕하세요 from Electron')
})

test('node:sqlite with FTS5 runs in Electron’s main process', async ({ app }) => {
  const result = await main(app).evaluate(() => {
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as typeof Sqlite
    const db = new DatabaseSync(':memory:')
    db.exec('CREATE VIRTUAL TABLE notes USING fts5(body)')
    const insert = db.prepare('INSERT INTO notes (body) VALUES (?)')
    for (const body of ['the tunnel dropped at noon', '터널이 끊겼습니다', 'nothing to see'])
      insert.run(body)
    const hits = db
      .prepare('SELECT body FROM notes WHERE notes MATCH ? ORDER BY rank')
      .all('tunnel OR 터널이') as Array<{ body: string }>
    db.close()
    return {
      node: process.versions.node,
      sqlite: process.versions.sqlite,
      hits: hits.map((h) => h.body).sort()
    }
  })
  expect(Number(result.node.split('.')[0])).toBeGreaterThanOrEqual(22)
  expect(result.sqlite).toMatch(/^3\./)
  expect(result.hits).toEqual(['the tunnel dropped at noon', '터널이 끊겼습니다'].sort())
})

test('safeStorage: the app and its diagnostics report what Electron says', async ({
  app,
  page
}) => {
  const storage = await main(app).evaluate(({ safeStorage }) => ({
    available: safeStorage.isEncryptionAvailable(),
    // On Linux without a keyring, "available" is a hard-coded key (basic_text): no protection.
    backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'
  }))
  const persistent = storage.available && storage.backend !== 'basic_text'
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.app.info())
  expect(info.ok && info.data.persistentSecrets, `safeStorage: ${JSON.stringify(storage)}`).toBe(
    persistent
  )
  const diagnostics = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).api.app.diagnostics()
  )
  expect(diagnostics.ok && diagnostics.data.text).toContain(`Secrets: ${secretsLine(persistent)}`)
})

test('the renderer is served by kha:// with its CSP as a header, and the CSP is enforced', async ({
  app,
  page
}) => {
  const served = await main(app).evaluate(async ({ net }, url) => {
    const res = await net.fetch(url)
    return {
      status: res.status,
      csp: res.headers.get('content-security-policy'),
      type: res.headers.get('content-type')
    }
  }, APP_URL)
  expect(served).toMatchObject({ status: 200, csp: APP_CSP })
  expect(served.type).toMatch(/^text\/html/)
  // The page runs under it: no eval, no inline script.
  const evalOutcome = await page.evaluate(() => {
    try {
      return String((0, eval)('"eval ran"'))
    } catch (error) {
      return (error as Error).name
    }
  })
  expect(evalOutcome).toBe('EvalError')
})

test('export reaches the native save dialog and writes the file the user chose', async ({
  app,
  page,
  backend
}, testInfo) => {
  const target = testInfo.outputPath('chosen by the user.md')
  // Playwright does not drive OS dialogs: stand in for the user who picks `target`.
  await main(app).evaluate(({ dialog }, filePath) => {
    const calls: unknown[] = []
    ;(globalThis as unknown as { saveDialogCalls: unknown[] }).saveDialogCalls = calls
    dialog.showSaveDialog = ((...args: unknown[]) => {
      calls.push(args[args.length - 1])
      return Promise.resolve({ canceled: false, filePath })
    }) as typeof dialog.showSaveDialog
  }, target)

  const chat = await openChat(page, backend.url)
  await chat.ask('save me')
  await chat.exportMarkdownButton.click()
  // The notice names the file the user chose.
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(
    'chosen by the user.md'
  )

  const calls = await main(app).evaluate(
    () =>
      (globalThis as unknown as { saveDialogCalls: Array<{ defaultPath?: string }> })
        .saveDialogCalls
  )
  expect(calls).toHaveLength(1)
  expect(calls[0]?.defaultPath?.replace(/\\/g, '/')).toMatch(/\/save me\.md$/)
  expect(readFileSync(target, 'utf8')).toContain('Echo: save me')
})

test('session.resolveProxy answers for the "system" proxy mode, in the form the core reads', async ({
  app
}) => {
  const electron = main(app)
  // What the OS says today (on CI: no proxy).
  const system = await electron.evaluate(({ session }) =>
    session.defaultSession.resolveProxy('http://backend.corp.example:8000/')
  )
  expect(system).toMatch(/^(DIRECT|PROXY |HTTPS |SOCKS)/)
  // A proxy set for the session is what the app's `system` mode then uses (nothing is sent to it).
  const configured = await electron.evaluate(async ({ session }) => {
    await session.defaultSession.setProxy({ proxyRules: 'http=127.0.0.1:3128' })
    try {
      return await session.defaultSession.resolveProxy('http://backend.corp.example:8000/')
    } finally {
      await session.defaultSession.setProxy({ mode: 'system' })
    }
  })
  expect(configured).toBe('PROXY 127.0.0.1:3128')
  expect(parsePacResult(configured)).toEqual({ host: '127.0.0.1', port: 3128 })
})
