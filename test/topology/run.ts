/**
 * `npm run test:topology`: build the two-server network from namespaces, start Server A's and
 * Server B's services inside it, run the Vitest suite INSIDE the desk's namespace (the test process
 * is the staff desk: whatever it does can reach only 192.168.0.0/24 and its own loopback), then tear
 * everything down: on success, on failure, on Ctrl-C / SIGTERM / SIGHUP. Namespaces that a killed
 * earlier run left behind are removed first.
 *
 * Where the suite cannot run (not Linux, not root, `ip` or `nft` or sshd or the Python backend
 * missing, namespaces not permitted) it prints one line saying why and exits 0; with CI=true that
 * is a failure (exit 1).
 *
 * Extra arguments go to Vitest: `npm run test:topology -- -t blackhole`. `--cleanup` alone only
 * removes what killed runs left behind (SIGKILL cannot be trapped; the next run does it anyway).
 * KHA_TOPOLOGY_KEEP=1 keeps the run folder (keys, configs, server logs) for a post-mortem.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { prepareServers, sshdPath, startHosts, tail, type TopologyInfo } from './services'
import {
  cleanupStale,
  createTopology,
  destroyTopology,
  listNamespaces,
  namesFor,
  python,
  runDirFor
} from './topology'

const root = resolve(__dirname, '../..')
const vitestBin = join(root, 'node_modules/vitest/vitest.mjs')
const ci = process.env.CI === 'true'
const keep = process.env.KHA_TOPOLOGY_KEEP === '1'

const missing = (cmd: string, args: string[]) =>
  spawnSync(cmd, args, { stdio: 'ignore' }).error !== undefined

/** Why the suite cannot run here, or undefined. */
function cannotRun(): string | undefined {
  if (process.platform !== 'linux')
    return `network namespaces need Linux (this is ${process.platform})`
  const uid = process.getuid?.()
  if (uid !== 0) return `creating network namespaces needs root (running as uid ${uid})`
  if (missing('ip', ['-V'])) return 'the `ip` command (iproute2) is not installed'
  if (missing('nft', ['--version'])) return 'the `nft` command (nftables) is not installed'
  if (missing('ssh-keygen', ['-l', '-f', '/dev/null']))
    return 'ssh-keygen (openssh-client) is not installed'
  if (!existsSync(sshdPath)) return `${sshdPath} (openssh-server) is not installed`
  if (!existsSync(vitestBin)) return 'node_modules is missing (run npm ci)'
  if (spawnSync(python, ['-c', 'import fastapi, uvicorn'], { stdio: 'ignore' }).status !== 0)
    return `${python} cannot import fastapi and uvicorn (python3-fastapi, python3-uvicorn)`
  const probe = `kha-${process.pid}-probe`
  const r = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' })
  if (r.status !== 0)
    return `network namespaces are not permitted here (${(r.stderr || r.error?.message || '').trim()})`
  spawnSync('ip', ['netns', 'del', probe])
  return undefined
}

/** The servers' logs, for a failed run (they go with the run folder at teardown). */
function printLogs(info: TopologyInfo): void {
  for (const s of info.services) {
    console.error(
      `\n--- ${s.id} (${s.host}: ${[s.cmd, ...s.args].join(' ')}), last lines of ${s.log}`
    )
    console.error(tail(s.log, 25))
  }
}

async function main(): Promise<number> {
  if (process.argv[2] === '--cleanup') {
    const stale = await cleanupStale()
    console.log(
      stale.length > 0
        ? `topology: removed ${stale.join(', ')}`
        : 'topology: nothing left behind by earlier runs'
    )
    return 0
  }
  const reason = cannotRun()
  if (reason) {
    if (ci) {
      console.error(`network topology suite cannot run: ${reason} (CI=true, so this is a failure)`)
      return 1
    }
    console.log(`network topology suite skipped: ${reason}`)
    return 0
  }

  const started = Date.now()
  const stale = await cleanupStale()
  if (stale.length > 0)
    console.log(`topology: removed what earlier runs left behind: ${stale.join(', ')}`)

  const names = namesFor(`kha-${process.pid}`)
  const runDir = runDirFor(names.prefix)
  let child: ChildProcess | undefined
  let interrupted: NodeJS.Signals | undefined
  let tearingDown: Promise<boolean> | undefined

  const teardown = () =>
    (tearingDown ??= (async () => {
      const t = Date.now()
      await destroyTopology(names)
      const left = listNamespaces().filter((ns) => ns.startsWith(`${names.prefix}-`))
      if (!keep) rmSync(runDir, { recursive: true, force: true })
      else console.log(`topology: run folder kept: ${runDir}`)
      if (left.length > 0) {
        console.error(`topology: could not remove ${left.join(', ')}`)
        return false
      }
      console.log(
        `topology: torn down in ${((Date.now() - t) / 1000).toFixed(1)} s (namespaces ${names.prefix}-{sw,desk,a,b} and every process in them)`
      )
      return true
    })())

  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) {
      // A second signal: do not wait for Vitest any longer.
      void teardown().finally(() => process.exit(130))
      return
    }
    interrupted = sig
    console.error(`\ntopology: ${sig}, stopping the suite and removing the topology`)
    child?.kill('SIGTERM')
    // If the suite does not end by itself soon, take it down with the namespaces.
    setTimeout(() => void teardown().finally(() => process.exit(130)), 10_000).unref()
  }
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal)

  let code = 1
  let info: TopologyInfo | undefined
  try {
    createTopology(names)
    info = prepareServers(names, runDir)
    await startHosts(info, ['a', 'b'])
    const infoPath = join(runDir, 'topology.json')
    writeFileSync(infoPath, JSON.stringify(info, null, 2))
    console.log(
      `topology: ${names.prefix}-{sw,desk,a,b} up in ${((Date.now() - started) / 1000).toFixed(1)} s; running the suite inside ${names.desk}`
    )
    if (interrupted) throw new Error(`interrupted (${interrupted})`)
    code = await new Promise<number>((done) => {
      child = spawn(
        'ip',
        [
          'netns',
          'exec',
          names.desk,
          process.execPath,
          vitestBin,
          'run',
          '--config',
          join(root, 'vitest.topology.config.mts'),
          ...process.argv.slice(2)
        ],
        {
          cwd: root,
          stdio: 'inherit',
          env: { ...process.env, KHA_TOPOLOGY: infoPath }
        }
      )
      child.once('exit', (c, signal) => done(c ?? (signal ? 1 : 0)))
      child.once('error', (error) => {
        console.error(`topology: could not start Vitest: ${error.message}`)
        done(1)
      })
    })
  } catch (error) {
    console.error(`topology: ${(error as Error).stack ?? String(error)}`)
    code = 1
  } finally {
    if (code !== 0 && info && !interrupted) printLogs(info)
    const clean = await teardown()
    if (!clean && code === 0) code = 1
  }
  console.log(`topology: total ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return interrupted ? 130 : code
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
