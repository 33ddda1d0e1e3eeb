#!/usr/bin/env node
// `npm start`: open the desktop app, or, where Electron cannot run (its binary could not be
// downloaded, or there is no display), serve the same UI through the web harness and print the URL
// to open. Either way a person gets one plain line, never a stack trace.
//
//   npm start                     the app (or the harness on http://127.0.0.1:5180/)
//   npm start -- --port 5181      harness options pass through (see src/harness/server.ts)
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findElectronBinary } from './electron-binary.mjs'
import { electronEnv } from './electron-env.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const passThrough = process.argv.slice(2)

/** The Electron binary, or why there is none. */
function findElectron() {
  const found = findElectronBinary(root)
  if (!found.ok) return { ok: false, reason: found.reason }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'no display to open a window on', binary: found.binary }
  }
  return found
}

function built() {
  return (
    existsSync(join(root, 'out/main/index.js')) &&
    existsSync(join(root, 'out/renderer/index.html')) &&
    existsSync(join(root, 'out/preload/index.cjs'))
  )
}

function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
  child.on('error', (error) => {
    console.error(`kha-desktop: could not start ${command}: ${error.message}`)
    process.exit(1)
  })
}

if (!built()) {
  console.log('kha-desktop: building the app first (npm run build)…')
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32'
  })
  if (result.status !== 0) {
    console.error('kha-desktop: the build failed (see above)')
    process.exit(1)
  }
}

const electron = findElectron()
if (electron.ok) {
  // Without ELECTRON_RUN_AS_NODE and ELECTRON_RENDERER_URL (see electron-env.mjs).
  run(electron.binary, [root, ...passThrough], electronEnv(process.env))
} else {
  const what = electron.binary
    ? 'Electron cannot open a window here'
    : 'Electron is not installed on this machine'
  console.log(`${what} (${electron.reason}); serving the same UI in your browser instead:`)
  const args = passThrough.includes('--port')
    ? passThrough
    : ['--port', process.env.KHA_PORT ?? '5180', ...passThrough]
  // tsx as a loader in the harness's own process, so Ctrl+C and SIGTERM reach it directly.
  const env = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') }
  run(process.execPath, ['--import', 'tsx', join(root, 'src/harness/server.ts'), ...args], env)
}
