#!/usr/bin/env node
/**
 * `npm run security:scan`: Doyensec's Electronegativity over the sources (src/) and the build
 * (out/, which `npm run build` makes), failing on any finding above LOW that
 * scripts/security-scan-allowlist.json does not accept; the allowlist can accept only findings
 * the scanner is not sure of (TENTATIVE) or manual-review notes, never a FIRM or CERTAIN one. Each accepted finding names its check, the
 * files it may appear in (and at most how often), and why it does not apply; docs/SECURITY.md
 * ("Electronegativity") explains each one.
 *
 * Run through Electronegativity's own runner (its CLI does not start with this project's
 * dependencies), offline: its runner fetches translations and Electron's release list from the
 * network, which is stubbed here (the `got` it loads answers "offline" at once), and the check
 * that needs the release list (AvailableSecurityFixesGlobalCheck) is left out. The Electron
 * version comes from package.json.
 *
 *   npm run security:scan            # src and out
 *   npm run security:scan -- src     # one of them
 *   npm run security:scan -- --json  # findings as JSON
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync
} from 'node:fs'
import Module, { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const allowlistPath = join(root, 'scripts/security-scan-allowlist.json')
const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 }

const args = process.argv.slice(2)
const asJson = args.includes('--json')
const targets = args.filter((a) => !a.startsWith('--'))
const inputs = targets.length > 0 ? targets : ['src', 'out']

// --- offline: stub the HTTP client Electronegativity loads, before it is loaded.
const pkgDir = dirname(require.resolve('@doyensec/electronegativity/package.json'))
const gotPath = createRequire(join(pkgDir, 'package.json')).resolve('got')
const offline = () => Promise.reject(new Error('security:scan runs offline'))
const stub = new Module(gotPath)
stub.exports = Object.assign(offline, { default: offline })
stub.loaded = true
require.cache[gotPath] = stub
const electronegativity = require('@doyensec/electronegativity')
const run = electronegativity.default ?? electronegativity

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const electronVersion = /\d+\.\d+\.\d+/.exec(
  pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? ''
)?.[0]

/** `out/renderer/assets/index-*.js` → RegExp; `*` stays within one path segment. */
function glob(pattern) {
  return new RegExp(
    '^' +
      pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*') +
      '$'
  )
}

const allowlist = JSON.parse(readFileSync(allowlistPath, 'utf8')).accepted.map((entry) => ({
  ...entry,
  patterns: entry.files.map(glob),
  used: 0
}))

/**
 * Electronegativity reads .js/.ts/.html but not .cjs (the sandboxed preload's bundle is
 * out/preload/index.cjs): scan a copy of out/ with .cjs files renamed, and report the real names.
 */
function prepare(input) {
  const abs = resolve(root, input)
  if (!existsSync(abs)) {
    if (input === 'out') throw new Error('out/ does not exist: run `npm run build` first')
    throw new Error(`${input} does not exist`)
  }
  const renamed = new Map()
  const hasCjs = (dir) =>
    readdirSync(dir).some((n) =>
      statSync(join(dir, n)).isDirectory() ? hasCjs(join(dir, n)) : n.endsWith('.cjs')
    )
  if (!statSync(abs).isDirectory() || !hasCjs(abs))
    return { dir: abs, realName: (f) => f, cleanup() {} }
  const copy = mkdtempSync(join(tmpdir(), 'kha-scan-'))
  cpSync(abs, copy, { recursive: true })
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.cjs')) {
        const js = path.slice(0, -4) + '.js'
        renameSync(path, js)
        renamed.set(relative(copy, js), relative(copy, path))
      }
    }
  }
  walk(copy)
  return {
    dir: copy,
    realName: (f) => renamed.get(f) ?? f,
    cleanup: () => rmSync(copy, { recursive: true, force: true })
  }
}

const findings = []
const problems = []
const warnings = []
for (const input of inputs) {
  const target = prepare(input)
  // The runner talks on stdout (a note that translations could not be fetched): keep stdout ours.
  const log = console.log
  console.log = (...a) => {
    if (!/Could not retrieve updated translations/.test(String(a[0]))) console.error(...a)
  }
  try {
    const result = await run(
      {
        input: target.dir,
        isRelative: true,
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        electronVersionOverride: electronVersion,
        parserPlugins: []
      },
      false
    )
    for (const e of result.errors) {
      const file = relative(target.dir, e.file)
      // A file the scanner cannot parse is a file it did not check. The build is what ships and is
      // plain JS it always parses, so there it fails the scan; in src/ (TypeScript syntax newer than
      // the scanner's parser) it is a warning, the same code being checked in out/.
      const line = `${input}/${target.realName(file)}: could not be parsed (${e.message})`
      if (e.tolerable) continue
      if (input === 'src') warnings.push(line)
      else problems.push(line)
    }
    for (const issue of result.issues) {
      const file = issue.file === 'N/A' ? 'N/A' : `${input}/${target.realName(issue.file)}`
      findings.push({
        check: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        file,
        line: `${issue.location.line}:${issue.location.column}`,
        manualReview: issue.manualReview,
        description: issue.description
      })
    }
  } finally {
    console.log = log
    target.cleanup()
  }
}

// Only a finding the scanner is not sure of (TENTATIVE), or a manual-review note (one that fires on
// every use of an API, like PRELOAD_JS_CHECK on any preload), may be accepted by the allowlist. A
// FIRM or CERTAIN finding above LOW that is not a review note always fails: it must be fixed.
const acceptable = (f) => f.confidence === 'TENTATIVE' || f.manualReview
for (const f of findings) {
  const entry = acceptable(f)
    ? allowlist.find((a) => a.check === f.check && a.patterns.some((p) => p.test(f.file)))
    : undefined
  f.accepted = !!entry
  if (entry) entry.used++
}
for (const entry of allowlist) {
  if (entry.max !== undefined && entry.used > entry.max)
    problems.push(
      `${entry.check}: ${entry.used} findings in ${entry.files.join(', ')}, the allowlist accepts at most ${entry.max}: review the new ones`
    )
  if (entry.used === 0)
    warnings.push(
      `allowlist entry ${entry.check} (${entry.files.join(', ')}) matched nothing: remove it if it no longer applies`
    )
}
const blocking = findings.filter((f) => SEVERITY[f.severity] > SEVERITY.LOW && !f.accepted)

if (asJson) {
  process.stdout.write(
    JSON.stringify({ electronVersion, findings, blocking, problems, warnings }, null, 2) + '\n'
  )
} else {
  console.log(
    `Electronegativity ${require('@doyensec/electronegativity/package.json').version} on ${inputs.join(', ')} (Electron ${electronVersion})`
  )
  for (const f of findings.sort(
    (a, b) => SEVERITY[b.severity] - SEVERITY[a.severity] || a.check.localeCompare(b.check)
  )) {
    const mark = SEVERITY[f.severity] <= SEVERITY.LOW ? 'low ' : f.accepted ? 'ok  ' : 'FAIL'
    console.log(
      `  ${mark} ${f.severity.padEnd(13)} ${f.check.padEnd(32)} ${f.file}:${f.line}${f.accepted ? '  (accepted: scripts/security-scan-allowlist.json)' : ''}`
    )
  }
  for (const w of warnings) console.log(`  warning: ${w}`)
  for (const p of problems) console.log(`  FAIL ${p}`)
  for (const f of blocking) console.log(`\n${f.check} in ${f.file}:${f.line}: ${f.description}`)
  const accepted = findings.filter((f) => f.accepted).length
  console.log(
    `\n${findings.length} findings: ${blocking.length} blocking, ${accepted} accepted, ${findings.length - blocking.length - accepted} low or informational${problems.length ? `; ${problems.length} other problems` : ''}`
  )
}
process.exit(blocking.length > 0 || problems.length > 0 ? 1 : 0)
