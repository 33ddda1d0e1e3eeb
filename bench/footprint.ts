/**
 * 5. Footprint:
 * - the renderer bundle as a user downloads it: every .js and .css under out/renderer/assets,
 *   gzip-compressed one by one (zlib level 9), summed;
 * - the core's memory after 1,000 chat turns: bench/footprintChild.ts is bundled with esbuild and
 *   run as its own `node --expose-gc` process (no tsx, no Playwright in it), and reports RSS after
 *   a full GC. This is the core in plain Node; in the app it runs inside Electron's main process,
 *   whose own baseline (Chromium's browser process) comes on top and is not the core's doing.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import type { RunningBackend } from '../test/fixtures/backend'
import { type Report } from './lib/report'
import { fmt, progress } from './lib/stats'

const root = resolve(__dirname, '..')

export function rendererGzipBytes(): { gzip: number; raw: number; files: number } {
  const dir = join(root, 'out/renderer/assets')
  let gzip = 0
  let raw = 0
  let files = 0
  for (const f of readdirSync(dir)) {
    if (!/\.(js|css)$/.test(f)) continue
    const data = readFileSync(join(dir, f))
    raw += statSync(join(dir, f)).size
    gzip += gzipSync(data, { level: 9 }).length
    files++
  }
  return { gzip, raw, files }
}

async function coreMemory(
  backendUrl: string,
  turns: number
): Promise<{
  rssBeforeMb: number
  rssAfterMb: number
  heapUsedAfterMb: number
  seconds: number
  gc: boolean
}> {
  const outDir = join(root, 'node_modules/.cache/kha-bench')
  mkdirSync(outDir, { recursive: true })
  const outfile = join(outDir, 'footprintChild.cjs')
  await build({
    entryPoints: [join(root, 'bench/footprintChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    // node_modules stay require()d from the project, as in the app's main bundle.
    packages: 'external',
    alias: { '@shared': join(root, 'src/shared') },
    logLevel: 'error'
  })
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', outfile, backendUrl, String(turns)],
      { cwd: root, timeout: 180_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`footprint child failed: ${error.message}\n${stderr}`))
        try {
          resolvePromise(JSON.parse(stdout.trim().split('\n').at(-1) ?? ''))
        } catch {
          reject(new Error(`footprint child printed no result:\n${stdout}\n${stderr}`))
        }
      }
    )
  })
}

export async function benchFootprint(ctx: {
  backend: RunningBackend
  report: Report
  quick: boolean
}): Promise<void> {
  const { report } = ctx
  const sec = '5 footprint'
  const bundle = rendererGzipBytes()
  report.set('renderer.gzip_bytes', bundle.gzip)
  report.set('renderer.raw_bytes', bundle.raw)
  report.row({
    section: sec,
    figure: `renderer bundle, gzip -9 (${bundle.files} js/css files)`,
    value: `${bundle.gzip} B (${fmt(bundle.gzip / 1024, 0)} KiB)`,
    compared: `${fmt(bundle.raw / 1024, 0)} KiB uncompressed`
  })

  await ctx.backend.clearKnobs()
  progress('footprint: 1,000 chat turns in a separate core process')
  const mem = await coreMemory(ctx.backend.url, 1000)
  if (!mem.gc) report.note('footprint: --expose-gc was not honoured; RSS is without a forced GC')
  report.set('core.rss_mb_after_1000_messages', mem.rssAfterMb)
  report.set('core.rss_mb_before_messages', mem.rssBeforeMb)
  report.set('core.heap_used_mb_after_1000_messages', mem.heapUsedAfterMb)
  report.row({
    section: sec,
    figure: 'core RSS after 1,000 chat turns (plain Node, after GC)',
    value: `${fmt(mem.rssAfterMb, 1)} MB`,
    compared: `${fmt(mem.rssBeforeMb, 1)} MB before; heap used ${fmt(mem.heapUsedAfterMb, 1)} MB; ${fmt(1000 / mem.seconds, 0)} turns/s`
  })
}
