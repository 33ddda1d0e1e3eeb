#!/usr/bin/env node
// `npm run test:e2e:electron`: the Playwright electron project, without the specs tagged @sshd
// (they need root and OpenSSH's sshd), as the desktop workflow runs it on Windows, macOS and Linux.
// Where Electron's binary is missing, one line says so and the exit code is 1: this script exists
// to test the real app, so it never passes without it. Extra arguments go to Playwright.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findElectronBinary } from './electron-binary.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electron = findElectronBinary(root)
if (!electron.ok) {
  console.error(
    `test:e2e:electron: ${electron.reason}. It runs where Electron installs (the desktop workflow); here, npm run test:e2e runs the same specs in the web project.`
  )
  process.exit(1)
}
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1
const built = run([join(root, 'scripts/build-if-stale.mjs')])
if (built !== 0) process.exit(built)
const cli = createRequire(join(root, 'package.json')).resolve('@playwright/test/cli')
process.exit(
  run([cli, 'test', '--project', 'electron', '--grep-invert', '@sshd', ...process.argv.slice(2)])
)
