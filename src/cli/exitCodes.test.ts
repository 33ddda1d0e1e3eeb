import { describe, expect, it } from 'vitest'
import { exitCodeForError } from './exitCodes'

describe('exit codes', () => {
  it("gives the CLI's exit codes from the table, as docs/CLI.md lists them", () => {
    expect(exitCodeForError('proxy.dns')).toBe(10)
    expect(exitCodeForError('backend.dns')).toBe(10)
    expect(exitCodeForError('backend.wsl_localhost')).toBe(11)
    expect(exitCodeForError('ssh.legacy_algorithms')).toBe(12)
    expect(exitCodeForError('ssh.agent_unavailable')).toBe(13)
    expect(exitCodeForError('ssh.port_in_use')).toBe(14)
    expect(exitCodeForError('ssh.target_closed')).toBe(15)
    expect(exitCodeForError('backend.bad_reply')).toBe(17)
    expect(exitCodeForError('doctor.unknown_server')).toBe(17)
    expect(exitCodeForError('proxy.denied')).toBe(18)
    expect(exitCodeForError('tls.pin_mismatch')).toBe(19)
    expect(exitCodeForError('attachment.hwp')).toBe(1)
    expect(exitCodeForError('cli.ambiguous')).toBe(1)
    expect(exitCodeForError('store.io')).toBe(3)
    expect(exitCodeForError('backend.aborted')).toBe(130)
  })
})
