/**
 * `npm run bench [-- --quick] [-- --json FILE] [-- --only direct,tunnel,…]`
 *
 * Every benchmark in one run, on loopback, against the reference backend (uvicorn) and a real
 * OpenSSH server: the client side by side with what it replaces (issue 8), the long-conversation
 * figures of issue 6, and the sidebar search at 10,000 conversations. Prints one table (stdout)
 * with every figure, its comparison and its goal; progress goes to stderr. Not part of the tests:
 * figures depend on the machine and its load, which is printed with them.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { freemem, totalmem } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startBackend, type RunningBackend } from '../test/fixtures/backend'
import { Report } from './lib/report'
import { cpuCount, loadAverage, progress } from './lib/stats'

const sections = [
  'direct',
  'tunnel',
  'reconnect',
  'stream',
  'ui',
  'footprint',
  'search',
  'attachments'
] as const
type Section = (typeof sections)[number]

export interface BenchContext {
  backend: RunningBackend
  report: Report
  quick: boolean
}

type Runner = (ctx: BenchContext) => Promise<void>
/** Loaded on demand, so `--only direct` does not load Playwright. */
const runners: Record<Section, () => Promise<Runner>> = {
  direct: async () => (await import('./direct')).benchDirect,
  tunnel: async () => (await import('./tunnel')).benchTunnel,
  reconnect: async () => (await import('./reconnect')).benchReconnect,
  stream: async () => (await import('./stream')).benchStream,
  ui: async () => (await import('./ui')).benchUi,
  footprint: async () => (await import('./footprint')).benchFootprint,
  search: async () => (await import('./search')).benchSearch,
  attachments: async () => (await import('./attachments')).benchAttachments
}

function cpuModel(): string {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8')
    return /model name\s*:\s*(.*)/.exec(info)?.[1]?.trim() ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false }
    },
    strict: true
  })
  if (values.help) {
    process.stdout.write(
      `Usage: npm run bench -- [--quick] [--json FILE] [--only ${sections.join(',')}]\n`
    )
    return
  }
  const only = values.only
    ? (values.only.split(',').map((s) => s.trim()) as Section[])
    : [...sections]
  for (const s of only)
    if (!sections.includes(s))
      throw new Error(`--only: unknown section ${s} (known: ${sections.join(', ')})`)
  const quick = values.quick ?? false
  const report = new Report()
  const started = Date.now()
  const loadBefore = loadAverage()
  progress(
    `kha-desktop bench${quick ? ' (quick)' : ''}: ${only.join(', ')}; load average ${loadBefore}`
  )

  if (only.some((s) => s === 'stream' || s === 'ui' || s === 'footprint' || s === 'attachments')) {
    // The UI sections drive the built renderer: rebuild it first if any source is newer.
    const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], {
      cwd: resolve(__dirname, '..'),
      stdio: ['ignore', 'inherit', 'inherit']
    })
    if (built.status !== 0) throw new Error('npm run build failed')
  }
  const backend = await startBackend()
  const ctx: BenchContext = { backend, report, quick }
  const loads: string[] = []
  try {
    for (const section of only) {
      try {
        const run = await runners[section]()
        await run(ctx)
      } catch (error) {
        progress(`${section} failed: ${(error as Error).stack ?? String(error)}`)
        report.failed(section, error)
      }
      loads.push(`${section} ${loadAverage().split(' ')[0]}`)
    }
  } finally {
    await backend.stop()
  }

  const seconds = (Date.now() - started) / 1000
  const loadAfter = loadAverage()
  report.set('machine.nproc', cpuCount())
  report.set('machine.cpu', cpuModel())
  report.set('machine.mem_total_mb', Math.round(totalmem() / 2 ** 20))
  report.set('machine.loadavg_before', loadBefore)
  report.set('machine.loadavg_after', loadAfter)
  report.set('machine.node', process.version)
  report.set('run.quick', quick ? 1 : 0)
  report.set('run.seconds', seconds)

  const goals = report.goals()
  const out = [
    `kha-desktop benchmarks${quick ? ' (--quick: fewer samples)' : ''} — ${new Date().toISOString()}`,
    `machine: ${cpuCount()} × ${cpuModel()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), Node ${process.version}, ${kernel()}`,
    `load average (1/5/15 min): before ${loadBefore}, after ${loadAfter}; 1-min after each section: ${loads.join(', ')}`,
    '',
    report.table(),
    '',
    `goals: ${goals.met} met, ${goals.missed} missed; run took ${seconds.toFixed(0)} s`,
    ...report.notes.map((n) => `note: ${n}`),
    ...(report.failures.length
      ? ['', 'FAILED SECTIONS:', ...report.failures.map((f) => `  ${f}`)]
      : [])
  ]
  process.stdout.write(out.join('\n') + '\n')
  if (values.json) {
    report.writeJson(values.json)
    progress(`figures written to ${values.json}`)
  }
  if (report.failures.length) process.exitCode = 1
}

function kernel(): string {
  try {
    return `Linux ${execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim()}`
  } catch {
    return process.platform
  }
}

main().then(
  // Fixtures register exit hooks that kill their servers; exit explicitly so that a stray handle
  // (a pooled socket, a timer in a library) cannot keep the run alive after the table.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`)
    process.exit(1)
  }
)
