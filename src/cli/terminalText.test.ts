import { describe, expect, it } from 'vitest'
import { createOutput, type Io, type Stream } from './output'
import { createVisibleControls, visibleControls } from './terminalText'

const OSC52 = '\u001b]52;c;ZXZpbA==\u0007'
const TITLE = '\u001b]0;pwned\u0007'
const ERASE = '\u001b[2K\u001b[1A\r'
const CSI_C1 = '\u009b2J'

function stream(isTTY: boolean): Stream & { text: string } {
  const s = { text: '', isTTY, write: (chunk: string) => (s.text += chunk) }
  return s
}
function io(
  isTTY: boolean
): Io & { stdout: ReturnType<typeof stream>; stderr: ReturnType<typeof stream> } {
  return { stdout: stream(isTTY), stderr: stream(isTTY), stdin: process.stdin, env: {}, cwd: '/' }
}
const hasControl = (s: string) => /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(s) // eslint-disable-line no-control-regex

describe('terminal output', () => {
  it('makes every control character but newline and tab visible', () => {
    expect(visibleControls(`a${OSC52}b`)).toBe('a␛]52;c;ZXZpbA==␇b')
    expect(visibleControls(`x${ERASE}y`)).toBe('x␛[2K␛[1A␍y')
    expect(visibleControls(`${CSI_C1}\u007f`)).toBe('<9B>2J␡')
    expect(visibleControls('line 1\r\nline 2\ttab\n안녕')).toBe('line 1\nline 2\ttab\n안녕')
  })

  it('keeps a CRLF split between two chunks a line end', () => {
    const s = createVisibleControls()
    expect(s.push('one\r') + s.push('\ntwo\r') + s.push('x') + s.end()).toBe('one\ntwo␍x')
  })

  it('on a terminal, no escape sequence of a reply or an error text reaches the screen', () => {
    const t = io(true)
    const out = createOutput(t, false)
    for (const chunk of ['Hi ', OSC52, TITLE, ERASE, CSI_C1, ' done']) out.text(chunk)
    out.error({
      code: 'backend.http_error',
      message: `HTTP 500 ${TITLE}`,
      serverText: `boom${OSC52}`
    })
    out.note(`conversation: ${ERASE}`)
    expect(hasControl(t.stdout.text)).toBe(false)
    expect(hasControl(t.stderr.text.replace(/\n/g, ''))).toBe(false)
    expect(t.stdout.text).toContain('␛]52;c;ZXZpbA==␇')
    expect(t.stderr.text).toContain('boom␛]52')
  })

  it('keeps the bytes with --raw, and for a pipe', () => {
    for (const [isTTY, raw] of [
      [true, true],
      [false, false]
    ] as const) {
      const t = io(isTTY)
      const out = createOutput(t, false, raw)
      out.text(`a${OSC52}b\r\n`)
      expect(t.stdout.text).toBe(`a${OSC52}b\r\n`)
    }
  })
})
