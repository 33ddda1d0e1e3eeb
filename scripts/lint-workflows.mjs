#!/usr/bin/env node
// Part of `npm run lint`: the GitHub Actions workflows, checked offline.
//  1. Each file against GitHub's workflow schema (@action-validator/core: the schema validator of
//     action-validator, compiled to WebAssembly, so nothing is downloaded).
//  2. Each `run:` step calls the npm scripts we run ourselves: every `npm run X` names a script in
//     package.json, and nothing reaches around them with `npx` (CI must not test something else).
import { validateWorkflow } from '@action-validator/core'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dir = join(root, '.github', 'workflows')
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {}

/**
 * The schema validator nests alternatives (`oneOf`: a job is either steps or a reusable workflow);
 * report the alternative that came closest (fewest errors) as `path: detail` lines.
 */
function describe(errors, out = []) {
  for (const e of errors) {
    if (e.states?.length)
      describe([...e.states].sort((a, b) => a.errors.length - b.errors.length)[0].errors, out)
    else
      out.push(`${e.path ?? (e.location ? `line ${e.location.line}` : '')}: ${e.detail ?? e.title}`)
  }
  return out
}

/** Problems in the `run:` steps of one parsed workflow. */
export function checkRunSteps(workflow, knownScripts) {
  const problems = []
  for (const [jobId, job] of Object.entries(workflow?.jobs ?? {})) {
    for (const [i, step] of (job?.steps ?? []).entries()) {
      if (typeof step?.run !== 'string') continue
      const where = `jobs.${jobId}.steps[${i}]${step.name ? ` (${step.name})` : ''}`
      for (const m of step.run.matchAll(/\bnpm run(?:-script)? ([\w:.-]+)/g)) {
        if (!(m[1] in knownScripts))
          problems.push(`${where}: npm run ${m[1]}: no such script in package.json`)
      }
      if (/(^|[\s;&|])npx\s/.test(step.run))
        problems.push(
          `${where}: calls npx directly; add an npm script and run that, so CI runs what we run`
        )
    }
  }
  return problems
}

const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)) : []
let failed = 0
for (const file of files) {
  const path = join(dir, file)
  const text = readFileSync(path, 'utf8')
  const problems = [...new Set(describe(validateWorkflow(text).errors))]
  if (problems.length === 0) problems.push(...checkRunSteps(parse(text), scripts))
  if (problems.length) {
    failed++
    console.error(`${relative(root, path)}:\n${problems.map((p) => `  ${p}`).join('\n')}`)
  }
}
if (failed) process.exit(1)
console.log(`workflows: ${files.length} checked (schema, npm scripts)`)
