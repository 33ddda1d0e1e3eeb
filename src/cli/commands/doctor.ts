/**
 * `kha-desktop doctor [--profile NAME]`: the connection check of the app, step by step (each line
 * printed as its step finishes), with an exit code that names the first failing step (see
 * exitCodes.ts). `--json` prints the whole report at the end instead.
 */
import type { Command } from 'commander'
import type { DoctorStep } from '@shared/doctor'
import { formatDoctorStep, formatDoctorSummary, runDoctor } from '../../core'
import { findProfile, openProfiles, type CliContext } from '../context'
import { exitCodeForReport } from '../exitCodes'
import { hintFor, provideHeaderSecrets, provideSshSecrets, terminalAskUser } from '../secrets'

type ContextOf = (cmd: Command) => CliContext

export function registerDoctorCommand(
  program: Command,
  contextOf: ContextOf,
  setExit: (code: number) => void
): void {
  program
    .command('doctor')
    .description(
      'check a connection step by step: name, TCP, SSH handshake and host key, login, forward, target, health route, a test chat'
    )
    .option('--profile <name>', 'profile name or id (default: the one selected in the app)')
    .action(async (opts: { profile?: string }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const store = await openProfiles(ctx)
      const profile = findProfile(store, opts.profile)
      await provideSshSecrets(ctx, profile)
      await provideHeaderSecrets(ctx, profile)
      const controller = new AbortController()
      const onSigint = () => controller.abort()
      process.once('SIGINT', onSigint)
      const live = (step: DoctorStep) => ctx.out.text(`${formatDoctorStep(step)}\n`)
      try {
        ctx.out.text(`Checking "${profile.name}"\n`)
        const askUser = terminalAskUser(ctx)
        const report = await runDoctor(
          profile,
          {
            secrets: ctx.secrets,
            logger: ctx.logger,
            dataDir: ctx.dataDir,
            homeDir: ctx.homeDir,
            env: ctx.env,
            ...(askUser ? { askUser } : {})
          },
          { signal: controller.signal, onStep: live }
        )
        const failed = report.steps.find((s) => s.status === 'failed')
        const hint = hintFor(failed?.error)
        ctx.out.result(hint ? { ...report, hint } : report, () => [
          formatDoctorSummary(report),
          ...(hint ? [`hint: ${hint}`] : [])
        ])
        setExit(exitCodeForReport(report))
      } finally {
        process.removeListener('SIGINT', onSigint)
      }
    })
}
