import { describe, expect, it } from 'vitest'
import { injectHarnessScript } from './static'

describe('injectHarnessScript', () => {
  it('puts the api script before the app’s module script and keeps the CSP meta tag', () => {
    const html = `<!doctype html><html><head>
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'" />
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
  </head><body><div id="root"></div></body></html>`
    const out = injectHarnessScript(html)
    expect(out.indexOf('/harness-api.js')).toBeLessThan(out.indexOf('./assets/index-abc.js'))
    expect(out).toContain(`content="default-src 'self'"`)
  })

  it('falls back to the end of <head>', () => {
    expect(injectHarnessScript('<html><head></head><body></body></html>')).toBe(
      '<html><head><script src="/harness-api.js"></script>\n</head><body></body></html>'
    )
  })
})
