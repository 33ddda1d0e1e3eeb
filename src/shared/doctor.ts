/**
 * The connection doctor's report: the steps one profile's connection goes through, in order, each
 * with its outcome, its time and (on failure) the precise reason. Shared by the core that runs it,
 * the renderer that shows it, and the CLI that prints it (and turns the failed step into an exit
 * code).
 *
 * SCOPE: this is the vocabulary only. Which steps a profile gets, and in what order, is decided in
 * `src/core/doctor/plan.ts`; a new kind of step (a proxy, TLS) is one more id here and one
 * more entry there.
 */
import type { AppError } from './errors'
import type { ContractDraft, PresetId } from './presets'

/** Every step the doctor knows, in the order they can appear in a report. */
export const doctorStepIds = [
  'resolve',
  'proxy',
  'tcp',
  'ssh_handshake',
  'ssh_auth',
  'forward',
  'target',
  'tls',
  'detect',
  'health',
  'chat'
] as const
export type DoctorStepId = (typeof doctorStepIds)[number]

export type DoctorStepStatus = 'ok' | 'failed' | 'skipped'

export interface DoctorStep {
  id: DoctorStepId
  status: DoctorStepStatus
  /** Time the step took, in milliseconds (0 when skipped). */
  ms: number
  /** Set when `status` is `failed`: the same codes and params as everywhere else in the app. */
  error?: AppError
  /**
   * Facts worth showing next to the step: the addresses a name resolved to, the host key
   * fingerprint, the HTTP status, the first words of the test reply. Keys are stable (the UI may
   * label them); values are shown as they are.
   */
  detail?: Record<string, string | number>
}

export interface DoctorReport {
  profileId: string
  profileName: string
  /** ISO 8601. */
  startedAt: string
  /** Total time, milliseconds. */
  ms: number
  /** True when every step passed. */
  ok: boolean
  steps: DoctorStep[]
  /**
   * Set when the check was asked to find out the server type (first start, `profiles:detect`):
   * the preset that fits and the contract the health and chat steps then used.
   */
  detected?: { preset: PresetId; contract: ContractDraft; models: string[] }
}

/** The first failed step of a report, if any. */
export function failedStep(report: DoctorReport): DoctorStep | undefined {
  return report.steps.find((s) => s.status === 'failed')
}
