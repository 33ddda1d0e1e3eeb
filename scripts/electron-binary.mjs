// Where Electron's binary is, found without `require('electron')`: since Electron 45 that require
// *downloads* the binary when it is missing (node_modules/electron/index.js), which on a closed
// network means a stalled, failing fetch on every start and every test run. The package records
// the binary's path in path.txt once its postinstall has extracted it; no path.txt, no binary.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** @returns {{ ok: true, binary: string } | { ok: false, reason: string }} */
export function findElectronBinary(root) {
  let dir
  try {
    dir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'))
  } catch {
    return { ok: false, reason: 'the electron package is not installed (npm ci)' }
  }
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile))
    return {
      ok: false,
      reason:
        'Electron binary not installed (node_modules/electron has no downloaded binary; `npm ci` could not fetch it)'
    }
  const relative = readFileSync(pathFile, 'utf8').trim()
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(dir, 'dist', relative)
  return existsSync(binary)
    ? { ok: true, binary }
    : { ok: false, reason: `Electron binary not found at ${binary}` }
}
