/**
 * Syntax highlighting of fenced code blocks, for a curated set of languages.
 *
 * rehype-highlight (used before) registers lowlight's `common` set (37 grammars, ~30 kB gzip of the
 * renderer bundle) and cannot drop it even when given its own list. This plugin does the one thing
 * we used it for, with the grammars staff actually paste: a block whose language (or an alias:
 * `sh`, `py`, `ts`, `yml`, `html`, `toml`…) is registered is highlighted; any other block, and a
 * block without a language, stays plain text. There is no auto-detection: it is slow on long
 * blocks and often wrong on short ones.
 *
 * SCOPE: output is hast `span.hljs-*` elements (React renders them as text, never HTML), the same
 * class names as before, so the theme in styles/theme.css applies unchanged.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { createLowlight } from 'lowlight'
import bash from 'highlight.js/lib/languages/bash'
import c from 'highlight.js/lib/languages/c'
import cpp from 'highlight.js/lib/languages/cpp'
import css from 'highlight.js/lib/languages/css'
import diff from 'highlight.js/lib/languages/diff'
import go from 'highlight.js/lib/languages/go'
import ini from 'highlight.js/lib/languages/ini'
import java from 'highlight.js/lib/languages/java'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import markdown from 'highlight.js/lib/languages/markdown'
import python from 'highlight.js/lib/languages/python'
import rust from 'highlight.js/lib/languages/rust'
import sql from 'highlight.js/lib/languages/sql'
import typescript from 'highlight.js/lib/languages/typescript'
import xml from 'highlight.js/lib/languages/xml'
import yaml from 'highlight.js/lib/languages/yaml'

const lowlight = createLowlight({
  bash,
  c,
  cpp,
  css,
  diff,
  go,
  ini,
  java,
  javascript,
  json,
  markdown,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml
})
// Fences people write that the grammars do not alias themselves.
lowlight.registerAlias({ bash: ['shell', 'console'], json: ['jsonc', 'json5'] })

/** The language a `code` element asks for (`language-x` / `lang-x`), or null (`no-highlight`, none). */
export function codeLanguage(code: Element): string | null {
  const classes = code.properties?.className
  if (!Array.isArray(classes)) return null
  for (const value of classes.map(String)) {
    if (value === 'no-highlight' || value === 'nohighlight') return null
    if (value.startsWith('language-')) return value.slice('language-'.length)
    if (value.startsWith('lang-')) return value.slice('lang-'.length)
  }
  return null
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}

function highlightCode(code: Element): void {
  const language = codeLanguage(code)
  if (!language || !lowlight.registered(language)) return
  const result = lowlight.highlight(language, code.children.map(textOf).join(''))
  const classes = Array.isArray(code.properties.className) ? code.properties.className : []
  code.properties.className = classes.includes('hljs') ? classes : ['hljs', ...classes]
  if (result.children.length > 0) code.children = result.children as ElementContent[]
}

function walk(node: Root | RootContent): void {
  if (node.type !== 'root' && node.type !== 'element') return
  if (node.type === 'element' && node.tagName === 'pre') {
    for (const child of node.children)
      if (child.type === 'element' && child.tagName === 'code') highlightCode(child)
    return
  }
  for (const child of node.children) walk(child)
}

/** The rehype plugin (attacher): highlights `pre > code` blocks in place. */
export function rehypeHighlightCode() {
  return (tree: Root) => walk(tree)
}
