import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const alias = {
  '@shared': resolve(import.meta.dirname, 'src/shared'),
  '@renderer': resolve(import.meta.dirname, 'src/renderer/src')
}

// Tests in layers, chosen by file name (docs/TESTING.md, "Test layers"): a test that starts a
// service (uvicorn, sshd, tinyproxy, a TLS server on openssl-made certificates, the CLI against
// one of them) lives in test/integration/ or is named *.int.test.ts; every other test is a unit
// test and must run as an unprivileged user with nothing installed but Node.
// `npm run test:unit` runs the projects unit-node and unit-renderer, `npm run test:integration`
// the projects integration and integration-renderer, `npm test` all four.
const integration = ['test/integration/**/*.test.ts', '**/*.int.test.{ts,tsx}']
// The renderer's tests talk to real cores (one per test, on a temp data folder) through the web
// harness's transport; test/helpers/rendererSetup.ts starts the host of those cores, and for the
// integration project the reference backend too.
const rendererSetup = 'test/helpers/rendererSetup.ts'

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit-node',
          environment: 'node',
          include: ['src/{main,core,node,shared,cli,harness}/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...integration],
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'unit-renderer',
          environment: 'jsdom',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**', ...integration],
          setupFiles: ['src/renderer/src/test/setup.ts'],
          globalSetup: [rendererSetup],
          // Each test drives a real core over a socket (many round trips on a busy machine).
          testTimeout: 30_000
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          environment: 'node',
          include: integration,
          exclude: ['**/node_modules/**', 'src/renderer/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'integration-renderer',
          environment: 'jsdom',
          include: ['src/renderer/**/*.int.test.{ts,tsx}'],
          exclude: ['**/node_modules/**'],
          setupFiles: ['src/renderer/src/test/setup.ts'],
          globalSetup: [rendererSetup],
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      }
    ]
  }
})
