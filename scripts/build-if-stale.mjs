#!/usr/bin/env node
// Before the e2e suite: rebuild out/ when any source or build config is newer than the build, so
// the specs never run against yesterday's renderer. Quiet when the build is current.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((p) =>
  join(root, p)
)
const inputs = [
  'src/main',
  'src/preload',
  'src/renderer',
  'src/shared',
  'electron.vite.config.ts',
  'package.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json'
]

function newest(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let max = 0
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx'))
      continue
    max = Math.max(max, newest(join(path, entry)))
  }
  return max
}

const built = outputs.every(existsSync) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0
const source = Math.max(...inputs.map((p) => newest(join(root, p))))
if (built < source) {
  console.log(
    built
      ? '==> sources changed since the last build: npm run build'
      : '==> no build yet: npm run build'
  )
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32'
  })
  process.exit(result.status ?? 1)
}
