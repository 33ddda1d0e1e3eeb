/**
 * A reply rendered as Markdown (GFM + syntax highlighting), safely:
 * - raw HTML is never rendered: react-markdown turns HTML in the source into text when no
 *   rehype-raw is used (and we do not use it), so `<script>` or `<img onerror>` show as text;
 * - links go through `safeUrl` and a click never navigates the window: http(s) links open in the
 *   system browser through main, anything else has no target at all;
 * - images are never loaded (the CSP forbids remote images anyway): they become a link to the
 *   image with its alt text;
 * - math (`$…$`, `$$…$$`) is typeset by KaTeX with `trust: false`, so \href, \url, \includegraphics
 *   and \htmlClass-style commands render as errors, not links or markup; a formula that does not
 *   parse shows as its source in red. Copying a formula copies its TeX source (katex copy-tex).
 *   A single `$` opens and closes math only under Pandoc's rule (pandocMath.ts), so prices such as
 *   `$5 and $10` read as text; `\$` is always a literal dollar.
 */
import { memo, type MouseEvent, type ReactNode } from 'react'
import ReactMarkdown, { type Components } from 'react-markdown'
import rehypeKatex, { type Options as KatexOptions } from 'rehype-katex'
import remarkGfm from 'remark-gfm'
import { useTranslation } from 'react-i18next'
import type { Element, ElementContent } from 'hast'
import { useAppStore } from '../../store'
import { CopyButton } from '../../components/CopyButton'
import { codeLanguage, rehypeHighlightCode } from './highlight'
import { remarkPandocMath } from './pandocMath'
import { safeUrl, splitBlocks } from './markdownSafety'

// Single-dollar math follows Pandoc's rule, so prices (`$5 and $10`) stay text: see pandocMath.ts.
const remarkPlugins = [remarkGfm, remarkPandocMath]
/** KaTeX without trust: no links, no classes, ids, styles or data attributes taken from the reply. */
export const katexOptions: KatexOptions = {
  trust: false,
  strict: 'ignore',
  maxExpand: 1000,
  maxSize: 20,
  output: 'htmlAndMathml'
}
// The highlighter (and its grammars) is built once, when highlight.ts loads; the attacher is cheap.
const rehypePlugins: NonNullable<Parameters<typeof ReactMarkdown>[0]['rehypePlugins']> = [
  rehypeHighlightCode,
  [rehypeKatex, katexOptions]
]

function openLink(event: MouseEvent<HTMLAnchorElement>, href: string) {
  event.preventDefault()
  useAppStore.getState().openExternal(href)
}

function ExternalLink({ href, children }: { href: string | undefined; children: ReactNode }) {
  if (!href) return <span className="md-link-inert">{children}</span>
  return (
    <a
      href={href}
      rel="noopener noreferrer"
      title={href}
      onClick={(e) => openLink(e, href)}
      // A middle click would ask the browser for a new window: route it the same way.
      onAuxClick={(e) => openLink(e, href)}
    >
      {children}
    </a>
  )
}

function ImageLink({ src, alt }: { src: string | undefined; alt: string | undefined }) {
  const { t } = useTranslation()
  const label = alt ? t('chat.image', { alt }) : t('chat.imageNoAlt')
  return <ExternalLink href={src || undefined}>{`[${label}]`}</ExternalLink>
}

function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}

function CodeBlock({ node, children }: { node?: Element | undefined; children?: ReactNode }) {
  const { t } = useTranslation()
  const code = node?.children.find(
    (c): c is Element => c.type === 'element' && c.tagName === 'code'
  )
  const language = code ? codeLanguage(code) : null
  const text = code ? textOf(code).replace(/\n$/, '') : ''
  return (
    <div className="code-block">
      <div className="code-toolbar">
        <span className="code-lang">{language ?? ''}</span>
        <CopyButton text={text} label={t('chat.copyCode')} />
      </div>
      <pre>{children}</pre>
    </div>
  )
}

const components: Components = {
  a: ({ href, children }) => <ExternalLink href={href}>{children}</ExternalLink>,
  img: ({ src, alt }) => <ImageLink src={typeof src === 'string' ? src : undefined} alt={alt} />,
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>,
  table: ({ children }) => (
    <div className="table-wrap">
      <table>{children}</table>
    </div>
  )
}

/** One Markdown document. Memoized on its text: a finished reply is parsed once. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      urlTransform={safeUrl}
      components={components}
    >
      {text}
    </ReactMarkdown>
  )
})

/** A reply still arriving: finished blocks stay memoized, only the growing last one re-parses. */
export function StreamingMarkdown({ text }: { text: string }) {
  const blocks = splitBlocks(text)
  return (
    <>
      {blocks.map((block, i) => (
        <Markdown key={i} text={block} />
      ))}
    </>
  )
}
