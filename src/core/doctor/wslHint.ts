/**
 * On Windows, a direct profile to `localhost:PORT` is how a backend inside WSL is reached (WSL
 * forwards localhost to Windows). When nothing answers there and `.wslconfig` has that
 * forwarding off, "refused" is not the whole truth: the step fails with `backend.wsl_localhost`,
 * naming the setting, the file, and what to set instead.
 */
import { AppFailure, appError } from '@shared/errors'
import type { WslNetworking } from '../windows/wsl'
import { DoctorStepFailure, type StepDef } from './types'

export interface WslLocalhostFacts {
  /** Installed distributions (none: WSL cannot be the reason). */
  distros: string[]
  networking: WslNetworking
  problem?: { setting: string; fix: string }
}

const loopback = /^(localhost|127(?:\.\d{1,3}){3}|::1|0:0:0:0:0:0:0:1)$/i

export function withWslHint(step: StepDef, host: string, port: number): StepDef {
  if (!loopback.test(host)) return step
  return {
    id: step.id,
    async run(ctx) {
      try {
        return await step.run(ctx)
      } catch (error) {
        const probe = ctx.deps.wslLocalhost
        if (!probe || !(error instanceof AppFailure) || error.error.code !== 'backend.refused')
          throw error
        const wsl = await probe().catch(() => undefined)
        if (!wsl || wsl.distros.length === 0 || !wsl.problem) throw error
        const { setting, fix } = wsl.problem
        const file = wsl.networking.file
        throw new DoctorStepFailure(
          appError(
            'backend.wsl_localhost',
            `Nothing answers at ${host}:${port}, and WSL's localhost forwarding is off (${setting} in ${file}), so a backend inside WSL is not reachable as localhost from Windows. Set ${fix} under [wsl2] in ${file} (or networkingMode=mirrored), then run wsl --shutdown`,
            { params: { host, port, setting, fix, file } }
          ),
          { host: `${host}:${port}`, wsl: `${setting} (${file})`, distros: wsl.distros.join(', ') }
        )
      }
    }
  }
}
