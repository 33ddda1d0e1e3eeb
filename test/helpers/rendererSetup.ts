/**
 * Vitest globalSetup of the renderer's test projects: one core host (test/helpers/coreHost.ts) for
 * the run, its address handed to the tests as `inject('coreHost')`. The integration project also
 * starts the reference backend (`inject('backendUrl')`), for tests that need a real reply.
 */
import type { TestProject } from 'vitest/node'
import { startBackend } from '../fixtures/backend'
import { startCoreHost } from './coreHost'

declare module 'vitest' {
  export interface ProvidedContext {
    coreHost: string
    backendUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const host = await startCoreHost()
  project.provide('coreHost', host.url)
  const backend = project.name.startsWith('integration')
    ? await startBackend().catch(async (error: unknown) => {
        await host.close()
        throw error
      })
    : undefined
  if (backend) project.provide('backendUrl', backend.url)
  return async () => {
    await host.close()
    await backend?.stop()
  }
}
