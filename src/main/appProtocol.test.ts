import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../test/helpers/tempDir'
import { createAppProtocolHandler, resolveAppFile } from './appProtocol'
import { APP_CSP } from './security'

const temp = tempDir('kha-app-scheme-')
const root = join(temp.dir, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html><title>kha</title>')
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
writeFileSync(join(temp.dir, 'secret.txt'), 'not for the page')
afterAll(() => temp.cleanup())

const handler = createAppProtocolHandler(root)
const get = (url: string, method = 'GET') => handler(new Request(url, { method }))

describe('the app scheme (kha://app/)', () => {
  it('serves index.html and the assets with their types, the CSP header and nosniff', async () => {
    const page = await get('kha://app/index.html')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(await page.text()).toContain('<title>kha</title>')
    const script = await get('kha://app/assets/index-abc.js?v=1#x')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('console.log(1)')
    expect((await get('kha://app/')).status).toBe(200)
  })

  // Every spelling of a way out is in the shared guard's test (src/node/staticFiles.test.ts).
  it('answers a path out of the renderer folder, a folder or a missing file with the same 404', async () => {
    for (const url of [
      'kha://app/%2e%2e/secret.txt',
      'kha://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'kha://app/assets',
      'kha://app/missing.js'
    ]) {
      const res = await get(url)
      expect(res.status, url).toBe(404)
      expect(await res.text()).not.toContain('not for the page')
    }
  })

  it('answers only its own host and scheme, and only GET and HEAD', async () => {
    expect(resolveAppFile(root, 'kha://evil/index.html')).toBeUndefined()
    expect(resolveAppFile(root, 'file:///index.html')).toBeUndefined()
    expect(resolveAppFile(root, 'kha://app/index.html')).toBe(join(root, 'index.html'))
    expect((await get('kha://other/index.html')).status).toBe(404)
    expect((await get('kha://app/index.html', 'POST')).status).toBe(405)
    const head = await get('kha://app/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})
