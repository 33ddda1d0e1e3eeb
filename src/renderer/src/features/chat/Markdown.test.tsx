import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import '../../i18n'
import { installCore, type RealCore } from '../../test/realCore'
import { Markdown, StreamingMarkdown } from './Markdown'
import { safeUrl, splitBlocks } from './markdownSafety'

describe('Markdown', () => {
  let core: RealCore | undefined
  afterEach(() => {
    cleanup()
    core?.close()
    core = undefined
  })

  it('shows raw HTML as text: a script or an img onerror never becomes an element', () => {
    const payload =
      'Hi <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> <b>bold?</b>\n\n<iframe src="https://evil.example"></iframe>'
    const { container } = render(<Markdown text={payload} />)
    expect(container.querySelector('script')).toBeNull()
    expect(container.querySelector('img')).toBeNull()
    expect(container.querySelector('iframe')).toBeNull()
    expect(container.querySelector('b')).toBeNull()
    expect(container.querySelector('[onerror]')).toBeNull()
    expect(container.textContent).toContain('<script>window.pwned = 1</script>')
    expect(container.textContent).toContain('<img src=x onerror="window.pwned = 2">')
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined()
  })

  it('does not make javascript:, data: or relative links clickable', () => {
    const { container } = render(
      <Markdown
        text={
          '[a](javascript:alert(1)) [b](data:text/html,<b>x</b>) [c](/etc/passwd) [d](JaVaScRiPt:alert(1))'
        }
      />
    )
    expect(container.querySelectorAll('a')).toHaveLength(0)
    for (const label of ['a', 'b', 'c', 'd']) expect(screen.getByText(label).tagName).toBe('SPAN')
  })

  it('opens http(s) links through main, never in the window', async () => {
    // Electron's core: its shell opens links in the system browser.
    core = await installCore({ shell: 'electron' })
    render(<Markdown text="See [the docs](https://example.com/docs?q=1)." />)
    const link = screen.getByRole('link', { name: 'the docs' })
    const event = new MouseEvent('click', { bubbles: true, cancelable: true })
    fireEvent(link, event)
    expect(event.defaultPrevented).toBe(true)
    expect(core.callsTo('app:openExternal')).toEqual([{ url: 'https://example.com/docs?q=1' }])
  })

  it('renders images as a link with their alt text, never loading them', () => {
    const { container } = render(
      <Markdown text="![a cat](https://example.com/cat.png) ![x](javascript:alert(1))" />
    )
    expect(container.querySelector('img')).toBeNull()
    expect(screen.getByRole('link', { name: '[Image: a cat]' })).toHaveProperty(
      'href',
      'https://example.com/cat.png'
    )
    expect(screen.getByText('[Image: x]').tagName).toBe('SPAN')
  })

  it('renders GFM tables and highlighted code blocks with a copy button', () => {
    const { container } = render(
      <Markdown
        text={'| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\ndef f():\n    return 1\n```'}
      />
    )
    expect(container.querySelector('table')).not.toBeNull()
    expect(container.querySelector('code.hljs.language-python')).not.toBeNull()
    expect(container.querySelector('.hljs-keyword')?.textContent).toBe('def')
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
  })

  it('highlights the curated languages by name or alias, and leaves others as plain text', () => {
    const { container } = render(
      <Markdown
        text={
          '```sh\necho hi\n```\n\n```ts\nconst a: number = 1\n```\n\n```yml\nkey: value\n```\n\n```haskell\nmain = putStrLn "hi"\n```\n\n```\nno language\n```'
        }
      />
    )
    const codes = [...container.querySelectorAll('pre code')]
    expect(codes.map((c) => c.classList.contains('hljs'))).toEqual([true, true, true, false, false])
    expect(codes[1]!.querySelector('.hljs-keyword')?.textContent).toBe('const')
    // Not registered, not guessed: the text is there, untouched.
    expect(codes[3]!.children).toHaveLength(0)
    expect(codes[3]!.textContent).toBe('main = putStrLn "hi"\n')
    expect(screen.getAllByText('haskell')[0]!.className).toBe('code-lang')
  })

  it('keeps markup inside a highlighted html block inert', () => {
    const { container } = render(
      <Markdown text={'```html\n<script>alert(1)</script><img src=x onerror=alert(2)>\n```'} />
    )
    expect(container.querySelector('code.hljs')).not.toBeNull()
    expect(container.querySelector('script, img')).toBeNull()
    expect(container.querySelector('code')?.textContent).toBe(
      '<script>alert(1)</script><img src=x onerror=alert(2)>\n'
    )
  })

  it('renders a streaming reply block by block with the same result', () => {
    const text = 'First paragraph.\n\n```js\nconst a = 1\n\nconst b = 2\n```\n\n- item'
    expect(splitBlocks(text)).toEqual([
      'First paragraph.',
      '```js\nconst a = 1\n\nconst b = 2\n```',
      '- item'
    ])
    const { container } = render(<StreamingMarkdown text={text} />)
    expect(container.querySelectorAll('pre')).toHaveLength(1)
    expect(container.querySelector('li')?.textContent).toBe('item')
  })

  it('safeUrl keeps http(s) only', () => {
    expect(safeUrl('https://example.com/a')).toBe('https://example.com/a')
    expect(safeUrl('http://127.0.0.1:8030/')).toBe('http://127.0.0.1:8030/')
    expect(safeUrl('javascript:alert(1)')).toBe('')
    expect(safeUrl(' javascript:alert(1)')).toBe('')
    expect(safeUrl('vbscript:x')).toBe('')
    expect(safeUrl('file:///etc/passwd')).toBe('')
    expect(safeUrl('mailto:a@b.c')).toBe('')
    expect(safeUrl('#top')).toBe('')
  })
})

describe('Markdown math', () => {
  afterEach(cleanup)

  it('typesets $…$ and $$…$$ with KaTeX, keeping the TeX source in the MathML annotation', () => {
    const { container } = render(
      <Markdown text={'Energy is $E = mc^2$.\n\n$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$'} />
    )
    const inline = container.querySelector('.katex:not(.katex-display .katex)')
    expect(inline).not.toBeNull()
    expect(container.querySelector('.katex-display')).not.toBeNull()
    const sources = [...container.querySelectorAll('annotation[encoding="application/x-tex"]')].map(
      (a) => a.textContent
    )
    expect(sources).toEqual(['E = mc^2', '\\int_0^1 x^2\\,dx = \\frac{1}{3}'])
  })

  it('stays inert: \\href, \\url and \\htmlClass make no link, class or element from the reply', () => {
    const text =
      '$\\href{javascript:alert(1)}{click}$ $\\url{https://evil.example}$ $\\htmlClass{pwn}{x}$ $\\htmlId{pwn}{y}$ $\\includegraphics{https://evil.example/x.png}$'
    const { container } = render(<Markdown text={text} />)
    expect(container.querySelectorAll('a')).toHaveLength(0)
    expect(container.querySelector('img')).toBeNull()
    expect(container.querySelector('.pwn')).toBeNull()
    expect(container.querySelector('#pwn')).toBeNull()
    // The source may show as text (the annotation, an error), never as an attribute anything follows.
    const attributes = [...container.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].map((a) => a.value)
    )
    expect(attributes.filter((v) => /javascript:|evil\.example/.test(v))).toEqual([])
  })

  it('shows a formula that does not parse as its source instead of breaking the reply', () => {
    const { container } = render(<Markdown text={'before $\\frac{1}{$ after'} />)
    expect(container.textContent).toContain('before')
    expect(container.textContent).toContain('after')
  })
})

/**
 * What a person sees of a reply: each typeset formula as ⟨its TeX⟩ in the running text, and the
 * formulas' TeX sources in order. Prices must come out as the text they are.
 */
function seen(text: string): { prose: string; math: string[] } {
  const { container } = render(<Markdown text={text} />)
  const math = [...container.querySelectorAll('.katex')].map(
    (k) => k.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? '?'
  )
  const copy = container.cloneNode(true) as HTMLElement
  for (const k of copy.querySelectorAll('.katex'))
    k.replaceWith(`⟨${k.querySelector('annotation')?.textContent ?? '?'}⟩`)
  cleanup()
  return { prose: copy.textContent.trim(), math }
}

describe('Markdown math: dollars that are prices stay text (Pandoc tex_math_dollars)', () => {
  afterEach(cleanup)

  it('reads prices in English and Korean as prices', () => {
    for (const text of [
      'The lunch is $5 and the taxi $10.',
      '가격은 $5에서 $10 사이입니다',
      'It costs $20,000 and $30,000 a year.',
      'Between $5-$10, or $5/$10, or from $1.50 to $2.',
      '$5 today and $ 6 tomorrow',
      'one $ sign, then another $ here',
      'US$5 and US$10'
    ])
      expect(seen(text)).toEqual({ prose: text, math: [] })
  })

  it('still typesets real inline math, Korean right after the closing $ included', () => {
    expect(seen('$x^2$는 제곱이고 $\\alpha$와 $E = mc^2$입니다.')).toEqual({
      prose: '⟨x^2⟩는 제곱이고 ⟨\\alpha⟩와 ⟨E = mc^2⟩입니다.',
      math: ['x^2', '\\alpha', 'E = mc^2']
    })
    expect(seen('Let $1$ be one, and $a$-$b$ a range.').math).toEqual(['1', 'a', 'b'])
  })

  it('keeps prices as text next to real math in one reply', () => {
    expect(
      seen('The lunch is $5 and the taxi $10, so $x + y = 15$ where $x$ is lunch.\n\n$$\nx = 5\n$$')
    ).toEqual({
      prose: 'The lunch is $5 and the taxi $10, so ⟨x + y = 15⟩ where ⟨x⟩ is lunch.\n⟨x = 5⟩',
      math: ['x + y = 15', 'x', 'x = 5']
    })
    // A price that finds no closing dollar leaves the next one free to open a formula.
    expect(seen('$5 today, $x$ tomorrow')).toEqual({
      prose: '$5 today, ⟨x⟩ tomorrow',
      math: ['x']
    })
    expect(seen('Inline $$\\sum_k k$$ and $3 later').math).toEqual(['\\sum_k k'])
  })

  it('leaves dollars in code spans and code blocks untouched', () => {
    const { container } = render(
      <Markdown text={'Run `echo $5 and $x$` now.\n\n```sh\nprice=$5; echo "$x$"\n```'} />
    )
    expect(container.querySelector('.katex')).toBeNull()
    const codes = [...container.querySelectorAll('code')].map((c) => c.textContent)
    expect(codes).toEqual(['echo $5 and $x$', 'price=$5; echo "$x$"\n'])
    // A price before a code span that holds a dollar: the code span stays one.
    expect(seen('It costs $5 a month; set `$API_KEY` first.')).toEqual({
      prose: 'It costs $5 a month; set $API_KEY first.',
      math: []
    })
  })

  it('reads \\$ as a literal dollar, outside math and inside it', () => {
    expect(seen('Both \\$x\\$ and \\$5 are text.')).toEqual({
      prose: 'Both $x$ and $5 are text.',
      math: []
    })
    expect(seen('A formula with a dollar: $a \\$ b$.').math).toEqual(['a \\$ b'])
  })

  it('does not let a closing $ follow a space, or a formula open on a space', () => {
    expect(seen('$a $ and $ b$')).toEqual({ prose: '$a $ and $ b$', math: [] })
    expect(seen('$a\n$ b')).toEqual({ prose: '$a\n$ b', math: [] })
    expect(seen('$a\nb$ c').math).toEqual(['a\nb'])
  })
})
