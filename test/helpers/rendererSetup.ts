/**
 * Vitest globalSetup of the renderer's test projects: one core host (test/helpers/coreHost.ts) for
 * the run, its address handed to the tests as `inject('coreHost')`. The integration project also
 * starts the reference backend (`inject('backendUrl')`), for tests that need a real reply. Both
 * have a loopback server that accepts and never answers (`inject('silentUrl')`), for a check that
 * must still be running while a test looks at it.
 */
import type { TestProject } from 'vitest/node'
import { startBackend } from '../fixtures/backend'
import { startSilentServer } from '../fixtures/ports'
import { startCoreHost } from './coreHost'

declare module 'vitest' {
  export interface ProvidedContext {
    coreHost: string
    backendUrl: string
    silentUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const host = await startCoreHost()
  project.provide('coreHost', host.url)
  const silent = await startSilentServer()
  project.provide('silentUrl', `http://127.0.0.1:${silent.port}`)
  const backend = project.name.startsWith('integration')
    ? await startBackend().catch(async (error: unknown) => {
        await Promise.all([host.close(), silent.close()])
        throw error
      })
    : undefined
  if (backend) project.provide('backendUrl', backend.url)
  return async () => {
    await Promise.all([host.close(), silent.close()])
    await backend?.stop()
  }
}
