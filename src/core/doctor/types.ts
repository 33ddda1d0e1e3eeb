/**
 * The doctor's moving parts: what it is built with, what its steps share while they run, and what a
 * step is. A step is a named async function over the shared context: it returns the facts to show
 * (`detail`) or throws an AppFailure with the precise reason. It may leave things in the context
 * for later steps (the resolved addresses, the SSH client, the link) and register their cleanup.
 */
import type { LookupAddress } from 'node:dns'
import type { Duplex } from 'node:stream'
import { AppFailure, type AppError } from '@shared/errors'
import type { DoctorStep, DoctorStepId } from '@shared/doctor'
import type { Profile } from '@shared/profile'
import type { Link } from '../connection/link'
import type { ConnectionEnvironment, ProfileNetwork } from '../connection/network'
import type { WslLocalhostFacts } from './wslHint'

export type Lookup = (hostname: string) => Promise<LookupAddress[]>

/** What a doctor run needs: the same as opening the connection itself. */
export interface DoctorDeps extends ConnectionEnvironment {
  /** Name lookup; defaults to the OS resolver (`dns.lookup`, as `net.connect` uses). Tests may pass their own. */
  lookup?: Lookup
  /** Windows only: WSL's distributions and localhost forwarding, asked when localhost refuses (wslHint.ts). */
  wslLocalhost?: () => Promise<WslLocalhostFacts>
}

export interface DoctorOptions {
  /** Stop early: the running step fails with `backend.aborted`, the rest are skipped. */
  signal?: AbortSignal
  /** Called as each step finishes (for live progress in the CLI or the UI). */
  onStep?: (step: DoctorStep) => void
  /** The text of the test chat request. Default `ping`. */
  chatText?: string
  /** Find out the server type before the health step and use the matching preset's contract (first start). */
  detect?: boolean
}

/** Everything the steps of one run share. */
export interface DoctorContext {
  /** The profile checked; the `detect` step replaces its contract with the one it found. */
  profile: Profile
  readonly deps: DoctorDeps
  readonly opts: DoctorOptions
  readonly connectMs: number
  readonly idleMs: number
  /** Set by `resolve`: the addresses of the first host we connect to. */
  addresses?: string[]
  /** Set by the step that makes HTTP possible (direct: `tcp` or `proxy`; tunnel: `forward`). */
  link?: Link
  /** The profile's proxy and TLS trust (see connection/network.ts). */
  readonly network: ProfileNetwork
  /** Set with `link`: opens a fresh byte stream to the backend (for the `tls` step's own handshake). */
  openStream?: () => Promise<Duplex>
  /** Free-form state for step families (the SSH client lives here). */
  readonly bag: Map<string, unknown>
  /** Run `cleanup` when the doctor finishes, in reverse order of registration. */
  defer(cleanup: () => unknown): void
}

export type StepDetail = Record<string, string | number>

export interface StepDef {
  id: DoctorStepId
  run(ctx: DoctorContext): Promise<StepDetail | void>
}

/** A failure that also carries facts to show (the fingerprint of a host key that was refused). */
export class DoctorStepFailure extends AppFailure {
  constructor(
    error: AppError,
    readonly detail: StepDetail
  ) {
    super(error)
  }
}
