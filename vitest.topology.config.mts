import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** In the order (1-direct, 2-tunnel, 3-faults), not slowest-first. */
class ByName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId))
  }
}

// The network topology suite (test/topology/). Not part of `npm test`: its files end in
// `.topo.ts` (the default config takes `*.test.ts`), and it only runs inside the namespaces that
// `npm run test:topology` (test/topology/run.ts) builds, as the desk. One file at a time: the
// tests share one network and some of them break it on purpose.
export default defineConfig({
  resolve: {
    alias: {
      '@shared': resolve(import.meta.dirname, 'src/shared'),
      '@renderer': resolve(import.meta.dirname, 'src/renderer/src')
    }
  },
  test: {
    name: 'topology',
    environment: 'node',
    include: ['test/topology/**/*.topo.ts'],
    setupFiles: ['test/topology/setup.ts'],
    fileParallelism: false,
    sequence: { sequencer: ByName },
    testTimeout: 90_000,
    hookTimeout: 60_000
  }
})
