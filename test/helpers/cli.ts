/**
 * The real `kha-desktop` command as a child process (the package's bin, or `npx tsx` on the
 * source), the way a script runs it: what it printed on stdout and stderr, and its exit code. HOME
 * points at a folder of the test's own, so the developer's ~/.ssh and data stay out of the tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterAll } from 'vitest'
import { tempDir } from './tempDir'

export const repoRoot = resolve(__dirname, '../..')
export const cliBin = join(repoRoot, 'bin', 'kha-desktop.cjs')

export interface CliOptions {
  /** HOME (and USERPROFILE's stand-in): the test's own folder. */
  home: string
  /** Passed as `--data-dir` before the arguments, when given. */
  dataDir?: string
  /** More environment; nothing else of this process's environment but PATH is passed. */
  env?: Record<string, string>
  /** What stdin reads (default: nothing, closed at once). */
  input?: string
  /** Run the source through `npx tsx` instead of the bin. */
  npx?: boolean
  /** Default: the repository. */
  cwd?: string
}

export interface CliRun {
  /** The exit code; -1 when a signal ended it. */
  code: number
  /** The signal that ended it, if one did. */
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** stdout as it arrived: [ms since start, text]. */
  chunks: Array<[number, string]>
  /** stdout as one JSON document (`--json`). */
  json<T = unknown>(): T
}

function command(args: string[], opts: CliOptions) {
  const full = opts.dataDir ? ['--data-dir', opts.dataDir, ...args] : args
  return {
    file: opts.npx ? 'npx' : process.execPath,
    argv: opts.npx
      ? ['tsx', '--tsconfig', 'tsconfig.node.json', 'src/cli/index.ts', ...full]
      : [cliBin, ...full],
    options: {
      cwd: opts.cwd ?? repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: opts.home, ...opts.env }
    }
  }
}

function result(
  code: number | null,
  signal: NodeJS.Signals | null,
  stdout: string,
  stderr: string,
  chunks: CliRun['chunks']
): CliRun {
  return {
    code: code ?? -1,
    signal,
    stdout,
    stderr,
    chunks,
    json: <T>() => JSON.parse(stdout) as T
  }
}

/** Start the command; `done` settles when it has exited. The child is there to signal or kill. */
export function spawnCli(
  args: string[],
  opts: CliOptions
): { child: ChildProcess; done: Promise<CliRun> } {
  const { file, argv, options } = command(args, opts)
  const child = spawn(file, argv, { ...options, stdio: ['pipe', 'pipe', 'pipe'] })
  const started = Date.now()
  let stdout = ''
  let stderr = ''
  const chunks: CliRun['chunks'] = []
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString()
    chunks.push([Date.now() - started, d.toString()])
  })
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<CliRun>((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) =>
      resolvePromise(result(code, signal, stdout, stderr, chunks))
    )
  })
  child.stdin?.end(opts.input ?? '')
  return { child, done }
}

/** Run the command to its end. */
export function runCli(args: string[], opts: CliOptions): Promise<CliRun> {
  return spawnCli(args, opts).done
}

/** Run the command to its end, blocking (for tests that are one command after another). */
export function runCliSync(args: string[], opts: CliOptions): CliRun {
  const { file, argv, options } = command(args, opts)
  const r = spawnSync(file, argv, { ...options, input: opts.input ?? '', encoding: 'utf8' })
  return result(r.status, r.signal, r.stdout, r.stderr, [[0, r.stdout]])
}

/**
 * `profiles add NAME` for the reference backend answering in plain text (`format=text`), the
 * profile most CLI tests chat through; `more` adds flags (a header the backend reacts to).
 */
export function addTextProfile(name: string, url: string, ...more: string[]): string[] {
  return [
    'profiles',
    'add',
    name,
    '--url',
    url,
    '--reply',
    'text',
    '--param',
    'format=text',
    ...more
  ]
}

/**
 * For a test file whose commands run one after another: a HOME of its own (also the working
 * folder, removed after the file's tests), and the command run to its end on a data folder.
 */
export function cliInTempHome(prefix: string): {
  home: string
  cli(dataDir: string, args: string[]): CliRun
} {
  const home = tempDir(prefix)
  afterAll(() => home.cleanup())
  return {
    home: home.dir,
    cli: (dataDir, args) => runCliSync(args, { home: home.dir, dataDir, cwd: home.dir })
  }
}
