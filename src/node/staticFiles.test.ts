import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentTypeFor, fileUnder } from './staticFiles'

// One guard for the app scheme (kha://app/…) and the web harness: every spelling either shell was
// tested with lives here; their own tests check the guard is the one they answer with.
describe('fileUnder: the built renderer file a URL path names', () => {
  const root = resolve('/srv/renderer')

  it('names files inside the folder, and index.html for the folder itself', () => {
    expect(fileUnder(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'))
    expect(fileUnder(root, '/index.html')).toBe(join(root, 'index.html'))
    expect(fileUnder(root, '/')).toBe(join(root, 'index.html'))
    // A custom scheme's URL without a path (`kha://app`) has an empty pathname.
    expect(fileUnder(root, '')).toBe(join(root, 'index.html'))
    expect(fileUnder(root, '/%ED%95%9C%EA%B8%80.txt')).toBe(join(root, '한글.txt'))
    expect(fileUnder(root, '/assets/../index.html')).toBe(join(root, 'index.html'))
  })

  it('never names anything outside the folder, however the path is spelled', () => {
    for (const path of [
      '/../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/assets/..%2f..%2fetc/passwd',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..\\x',
      '/..%5csecret.txt',
      '/a%00b',
      '/%00index.html',
      '/%E0%A4%A',
      '/.',
      '/assets/..'
    ])
      expect(fileUnder(root, path), path).toBeUndefined()
  })
})

describe('contentTypeFor', () => {
  it('types the renderer’s files by extension, text as UTF-8, the unknown as bytes', () => {
    expect(contentTypeFor('/r/index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('/r/assets/index-abc.js')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeFor('/r/assets/index.css')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('/r/assets/KaTeX_Main.woff2')).toBe('font/woff2')
    expect(contentTypeFor('/r/assets/blob')).toBe('application/octet-stream')
  })
})
