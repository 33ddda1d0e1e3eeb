/**
 * "Copy diagnostics": one block of plain text a user can paste into a chat or a ticket, with what a
 * developer needs to see why a connection fails: the app and OS versions, the selected profile
 * (with anything credential-like removed), the last connection check, and the last log lines.
 *
 * Nothing secret may end up in it: profiles hold no secrets by design, but headers (an
 * `Authorization` typed into the header list), extra parameters (`api_key=`) and URLs
 * (`http://user:pass@host`) could; they are masked here, and the whole text goes through `redact`
 * once more at the end.
 */
import os from 'node:os'
import type { DoctorReport, DoctorStep } from '@shared/doctor'
import type { Profile } from '@shared/profile'
import { redact } from './logger'

export interface DiagnosticsInput {
  app: { name: string; version: string; shell: string; locale?: string }
  profile: Profile | undefined
  doctor: DoctorReport | undefined
  /** Recent log lines, oldest first (already redacted by the logger). */
  logLines: string[]
  /** Whether secrets are kept encrypted by the OS (Electron safeStorage) or for this session only. */
  persistentSecrets?: boolean
  /** Defaults to the running process's. */
  versions?: NodeJS.ProcessVersions
  now?: Date
}

const sensitiveName =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token)$|token|secret|passw|api[-_]?key|session|credential|signature/i

export const masked = '***'

/** A URL with its user info masked (`http://***@host`); anything unparsable is returned as is. */
export function maskUrl(value: string): string {
  try {
    const url = new URL(value)
    if (!url.username && !url.password) return value
    url.username = masked
    url.password = ''
    return url.toString()
  } catch {
    return value
  }
}

/** The profile as JSON-ready data, with header and parameter values of credential-like names masked. */
export function sanitizeProfile(profile: Profile): Profile {
  const copy = structuredClone(profile)
  if (copy.connection.kind === 'direct') copy.connection.url = maskUrl(copy.connection.url)
  copy.contract.headers = copy.contract.headers.map((h) =>
    sensitiveName.test(h.name) ? { ...h, value: masked } : h
  )
  copy.contract.extraParams = copy.contract.extraParams.map((p) =>
    sensitiveName.test(p.name) ? { ...p, value: masked } : p
  )
  return copy
}

function formatDetail(detail: Record<string, string | number> | undefined): string {
  if (!detail) return ''
  return Object.entries(detail)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')
}

/** One step of a doctor report as a line: `  [FAIL] tcp     2 ms  backend.refused: …  host=…`. */
export function formatDoctorStep(step: DoctorStep): string {
  const mark = { ok: 'ok  ', failed: 'FAIL', skipped: 'skip' } as const
  const time = step.status === 'skipped' ? '' : `${Math.round(step.ms)} ms`
  const parts = [`  [${mark[step.status]}] ${step.id.padEnd(13)} ${time.padStart(8)}`]
  if (step.error) parts.push(`${step.error.code}: ${step.error.message}`)
  const detail = formatDetail(step.detail)
  if (detail) parts.push(detail)
  return parts.join('  ').trimEnd()
}

export function formatDoctorSummary(report: DoctorReport): string {
  return `${report.profileName}: ${report.ok ? 'all steps passed' : 'failed'} (${report.startedAt}, ${Math.round(report.ms)} ms)`
}

/** A doctor report as lines of text (also what the CLI prints). */
export function formatDoctorReport(report: DoctorReport): string[] {
  return [formatDoctorSummary(report), ...report.steps.map(formatDoctorStep)]
}

/** How secrets are kept, as support needs to read it (the Electron smoke spec checks it against safeStorage). */
export function secretsLine(persistent: boolean): string {
  return persistent
    ? 'encrypted by the OS keychain (safeStorage)'
    : 'kept for this session only (no OS encryption available)'
}

export function buildDiagnostics(input: DiagnosticsInput): string {
  const versions = input.versions ?? process.versions
  const lines: string[] = []
  lines.push(`${input.app.name} ${input.app.version} (${input.app.shell})`)
  lines.push(`Generated: ${(input.now ?? new Date()).toISOString()}`)
  lines.push(
    `OS: ${os.type()} ${os.release()} (${process.platform}, ${process.arch})${typeof os.version === 'function' ? ` ${os.version()}` : ''}`
  )
  lines.push(
    `Node: ${versions.node}  Electron: ${versions.electron ?? 'not running under Electron'}  Chromium: ${versions.chrome ?? '-'}`
  )
  if (input.app.locale) lines.push(`Locale: ${input.app.locale}`)
  if (input.persistentSecrets !== undefined)
    lines.push(`Secrets: ${secretsLine(input.persistentSecrets)}`)
  lines.push('')
  lines.push('== Selected profile ==')
  lines.push(
    input.profile ? JSON.stringify(sanitizeProfile(input.profile), null, 2) : '(none selected)'
  )
  lines.push('')
  lines.push('== Last connection check ==')
  lines.push(
    ...(input.doctor ? formatDoctorReport(input.doctor) : ['(not run since the app started)'])
  )
  lines.push('')
  lines.push(`== Log (last ${input.logLines.length} lines) ==`)
  lines.push(...input.logLines)
  return redact(lines.join('\n')) + '\n'
}
