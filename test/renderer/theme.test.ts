/**
 * Issue 17 item 10: text meets WCAG AA (4.5:1) in both themes. The colours are read from theme.css
 * itself (each variable is a light-dark() pair), so changing a colour there is what this checks.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const styles = resolve(import.meta.dirname, '../../src/renderer/src/styles')
const themeCss = readFileSync(resolve(styles, 'theme.css'), 'utf8')
const appCss = readFileSync(resolve(styles, 'app.css'), 'utf8')

type Pair = [light: string, dark: string]

function variables(css: string): Record<string, Pair> {
  const out: Record<string, Pair> = {}
  for (const m of css.matchAll(
    /--([\w-]+):\s*light-dark\((#[0-9a-fA-F]{6}),\s*(#[0-9a-fA-F]{6})\)/g
  ))
    out[m[1]!] = [m[2]!, m[3]!]
  return out
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

const vars = variables(themeCss)

// [text, background, where it is seen]
const textPairs: Array<[string, string, string]> = [
  ['fg-muted', 'bg', 'message buttons (Copy, Edit, Regenerate) on the conversation'],
  ['fg', 'bg-hover', 'a message button under the pointer'],
  ['accent-fg', 'accent', '“Retry” and other primary buttons'],
  ['danger', 'danger-soft', 'the “Failed” badge'],
  ['fg-muted', 'bg-hover', 'the “Stopped” badge'],
  ['fg-faint', 'bg-sidebar', 'hints in the sidebar (no results, dates)'],
  ['fg-muted', 'bg-sidebar', 'snippets and group headings in the sidebar'],
  ['accent', 'bg', 'links in replies'],
  ['fg', 'bg-user', 'the user’s own messages'],
  ['fg-muted', 'bg-code', 'the code block toolbar']
]

describe('theme contrast', () => {
  it('reads every variable as a light/dark pair', () => {
    for (const name of [
      'bg',
      'fg',
      'fg-muted',
      'fg-faint',
      'accent',
      'accent-fg',
      'danger',
      'danger-soft',
      'bg-hover',
      'bg-sidebar'
    ])
      expect(vars[name], name).toBeDefined()
  })

  for (const [fg, bg, where] of textPairs) {
    it(`${where}: --${fg} on --${bg} is at least 4.5:1 in light and dark`, () => {
      const [light, dark] = [0, 1].map((i) => contrast(vars[fg]![i]!, vars[bg]![i]!))
      expect(light, `light ${vars[fg]![0]} on ${vars[bg]![0]}`).toBeGreaterThanOrEqual(4.5)
      expect(dark, `dark ${vars[fg]![1]} on ${vars[bg]![1]}`).toBeGreaterThanOrEqual(4.5)
    })
  }

  it('message buttons are never faded (no opacity below 1 on them)', () => {
    const rule = /\.msg-actions[^{]*\{([^}]*)\}/g
    for (const m of appCss.matchAll(rule)) expect(m[1], m[0]).not.toMatch(/opacity:\s*0?\.\d/)
  })

  it('computes the WCAG ratio (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
  })
})
