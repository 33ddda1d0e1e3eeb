#!/usr/bin/env node
/**
 * Part of `npm run lint`: fails when the Electron major in package.json falls out of the three
 * lines that get security fixes (scripts/electron-support.mjs).
 *
 * The newest stable major comes from the npm registry (`npm view electron dist-tags.latest`, what
 * `npm install` itself would see). Offline, or if the registry does not answer within 20 s, the
 * check uses LAST_KNOWN_LATEST_MAJOR instead and says so: it never fails because the network is
 * away, and it never passes a pin older than the newest major this repository has known.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LAST_KNOWN_LATEST_MAJOR, judge, majorOf } from './electron-support.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const pinned = majorOf(pkg.devDependencies?.electron ?? pkg.dependencies?.electron)

let installed
try {
  installed = majorOf(
    JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version
  )
} catch {
  installed = undefined // not installed yet: the pin alone is judged
}

function registryLatest() {
  if (process.env.KHA_OFFLINE === '1') return Promise.resolve(undefined)
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['view', 'electron', 'dist-tags.latest'],
      { cwd: root, timeout: 20_000, shell: process.platform === 'win32' },
      (error, stdout) => {
        resolve(error ? undefined : majorOf(stdout.trim()))
      }
    )
  })
}

const fromRegistry = await registryLatest()
const latest = Math.max(fromRegistry ?? 0, LAST_KNOWN_LATEST_MAJOR)
const source =
  fromRegistry !== undefined
    ? 'the npm registry'
    : `scripts/electron-support.mjs (registry not reachable; last known ${LAST_KNOWN_LATEST_MAJOR})`
const verdict = judge({ pinned, installed, latest, source })
console.log(`${verdict.ok ? 'ok' : 'FAIL'}: ${verdict.message}`)
process.exit(verdict.ok ? 0 : 1)
