#!/usr/bin/env node
/**
 * The `kha-desktop` command (package.json "bin"). It runs the TypeScript CLI in src/cli through
 * tsx's register API (tsx is installed by `npm ci`), with the project's tsconfig.node.json so the
 * `@shared/*` imports resolve from any working directory. No build step is needed.
 */
'use strict'

const path = require('node:path')

// Conversation history lives in node:sqlite (stable from Node 22.13). Say so instead of a stack
// trace when someone starts the command with an older system Node directly.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    'kha-desktop: needs Node 22.13 or newer (this is ' +
      process.version +
      '). Run it as `npx kha-desktop` or `npm run cli --` in the project, which use the Node that `npm ci` installed, or install Node 24.\n'
  )
  process.exit(3)
}

const root = path.resolve(__dirname, '..')
// tsx reads its tsconfig from here (otherwise it looks for tsconfig.json in the working directory).
process.env.TSX_TSCONFIG_PATH = path.join(root, 'tsconfig.node.json')

let register
try {
  register = require('tsx/cjs/api').register
} catch {
  process.stderr.write('kha-desktop: tsx is not installed; run `npm ci` in ' + root + '\n')
  process.exit(3)
}
register()
require(path.join(root, 'src', 'cli', 'index.ts'))
