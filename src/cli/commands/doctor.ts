/**
 * `kha-desktop doctor [--profile NAME]`: the connection check of the app, step by step (each line
 * printed as its step finishes), with an exit code that names the first failing step (see
 * exitCodes.ts). `--json` prints the whole report at the end instead.
 *
 * It runs on the core like every shell's check: `connection:doctor` with a run id of its own, each
 * step as it arrives in `doctor:step`, Ctrl+C as `connection:doctorStop`, and an SSH server's
 * two-factor question as `connection:authPrompts`, answered on the terminal (authPrompts.ts).
 */
import { randomUUID } from 'node:crypto'
import type { Command } from 'commander'
import type { DoctorStep } from '@shared/doctor'
import { formatDoctorStep, formatDoctorSummary } from '../../core'
import { answerAuthPrompts } from '../authPrompts'
import { dispatchOn, findProfile, withCore, type CliContext } from '../context'
import { exitCodeForReport } from '../exitCodes'
import { hintFor, provideHeaderSecrets, provideSshSecrets } from '../secrets'

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
      await withCore(ctx, async (core) => {
        const profile = findProfile(await dispatchOn(core, 'profiles:list'), opts.profile)
        await provideSshSecrets(ctx, profile)
        await provideHeaderSecrets(ctx, profile)
        const runId = randomUUID()
        const stopAnswering = answerAuthPrompts(core, ctx)
        const unlisten = core.onEvent((event, payload) => {
          if (event === 'doctor:step') {
            const p = payload as { runId: string; step: DoctorStep }
            if (p.runId === runId) ctx.out.text(`${formatDoctorStep(p.step)}\n`)
          }
        })
        const onSigint = () => void core.dispatch('connection:doctorStop', { runId })
        process.once('SIGINT', onSigint)
        try {
          ctx.out.text(`Checking "${profile.name}"\n`)
          const report = await dispatchOn(core, 'connection:doctor', {
            profileId: profile.id,
            runId
          })
          const failed = report.steps.find((s) => s.status === 'failed')
          const hint = hintFor(failed?.error)
          ctx.out.result(hint ? { ...report, hint } : report, () => [
            formatDoctorSummary(report),
            ...(hint ? [`hint: ${hint}`] : [])
          ])
          setExit(exitCodeForReport(report))
        } finally {
          process.removeListener('SIGINT', onSigint)
          unlisten()
          stopAnswering()
        }
      })
    })
}
