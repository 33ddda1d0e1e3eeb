import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  LAST_KNOWN_LATEST_MAJOR,
  judge,
  majorOf,
  supportedMajors
} from '../../scripts/electron-support.mjs'

const pinned = majorOf(
  (JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> })
    .devDependencies.electron
)

describe('the Electron support window', () => {
  it('is the newest three majors', () => {
    expect(supportedMajors(45)).toEqual([45, 44, 43])
    expect(majorOf('^45.5.0')).toBe(45)
    expect(majorOf('~44.1.2')).toBe(44)
  })

  it('fails a pin older than the window, with what to do', () => {
    const verdict = judge({ pinned: 41, installed: 41, latest: 45, source: 'test' })
    expect(verdict.ok).toBe(false)
    expect(verdict.message).toMatch(
      /Electron 41 no longer gets security fixes.*45, 44, 43.*Move to Electron 45/
    )
    expect(judge({ pinned: 43, installed: 43, latest: 45, source: 'test' }).ok).toBe(true)
    expect(judge({ pinned: 45, installed: 44, latest: 45, source: 'test' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/npm install/)
    })
  })

  it('passes the pin in package.json against the newest major this repository knows', () => {
    expect(
      judge({ pinned, installed: undefined, latest: LAST_KNOWN_LATEST_MAJOR, source: 'test' })
    ).toMatchObject({ ok: true })
  })
})
