/**
 * Bundles the harness's browser client (client/api.ts → one classic script) with esbuild's JS API
 * when the harness starts, in memory: no build step to forget, and a fresh clone works after
 * `npm ci && npm run build` (which builds the renderer the harness serves).
 */
import { build } from 'esbuild'
import { resolve } from 'node:path'
import { contractNames } from '../shared/ipc/channels'

export async function bundleHarnessClient(projectRoot: string): Promise<string> {
  const result = await build({
    entryPoints: [resolve(projectRoot, 'src/harness/client/api.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    tsconfig: resolve(projectRoot, 'tsconfig.web.json'),
    legalComments: 'none',
    // The channel names without the table (and so without zod): see src/shared/ipc/buildApi.ts.
    define: { __KHA_CONTRACT__: JSON.stringify(contractNames) },
    logLevel: 'silent'
  })
  const out = result.outputFiles[0]
  if (!out) throw new Error('esbuild produced no output for the harness client')
  return out.text
}
