/**
 * End-to-end suite: the same specs in two shells.
 *   web       the built renderer in Debian's Chromium, its window.api carried over a WebSocket to a
 *             real core (src/harness). Runs everywhere, including CI.
 *   electron  the built app through Playwright's _electron. Runs where Electron's binary is
 *             installed (under a virtual display when there is none); elsewhere it is left out,
 *             with one line saying why.
 * Playwright never downloads a browser here: `executablePath` points at the system Chromium.
 * `npm run test:e2e` builds first when out/ is older than the sources (scripts/build-if-stale.mjs).
 */
import { defineConfig } from '@playwright/test'
import { electronStatus } from './e2e/fixtures/electronBinary'

const chromium = process.env.KHA_CHROMIUM ?? '/usr/bin/chromium'
const electron = electronStatus()

// The config is loaded by the runner and again by each worker: say it once.
if (!electron.ok && !process.env.KHA_E2E_ELECTRON_NOTED) {
  process.env.KHA_E2E_ELECTRON_NOTED = '1'
  console.log(
    `[e2e] electron project skipped: ${electron.reason}. The web project runs the same specs.`
  )
}

export default defineConfig<object, { shell: 'web' | 'electron' }>({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  // Keep the data folder (with the core's log) and the artifacts of failed tests only.
  preserveOutput: 'failures-only',
  tsconfig: './tsconfig.node.json',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000
  },
  projects: [
    {
      name: 'web',
      use: {
        shell: 'web',
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync'
          ]
        }
      }
    },
    // Left out entirely (not 23 "skipped" lines) when there is no binary; the fixture also skips
    // with the same reason if someone forces it with --project electron.
    ...(electron.ok ? [{ name: 'electron', use: { shell: 'electron' as const } }] : [])
  ]
})
