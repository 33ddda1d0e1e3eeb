/**
 * Entry point of the `kha-desktop` command (`npm run cli -- …`, or the package's bin,
 * bin/kha-desktop.cjs). See docs/CLI.md.
 */
import { run } from './program'

run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd()
}).then(
  (code) => {
    // Let stdout drain (a piped reply) before the process ends; no process.exit() cutting it short.
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`kha-desktop: ${(error as Error)?.stack ?? String(error)}\n`)
    process.exitCode = 3
  }
)
