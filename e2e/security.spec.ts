/**
 * Model output is untrusted: the reference backend answers with the classic hostile payloads
 * (its `reply` knob makes it say exactly that text), and the app must show them as harmless text.
 * Nothing executes (no `window.__pwned`, no dialog, not even a CSP violation: nothing tries to
 * load), no `window.api` call happens that a plain reply does not cause, and the window never
 * navigates or opens another. Links: `javascript:`/`data:` ones are dead text; a web link shows its
 * real target and a click hands exactly that URL to main (`app:openExternal`) once, without
 * navigating.
 *
 * `window.api` calls are read off the web harness's socket (every call is one `invoke` frame), so
 * those assertions run in the `web` project; the rest runs in both shells.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openChat } from './fixtures/seed'

interface Call {
  channel: string
  arg: unknown
}

interface Watch {
  /** Every window.api call so far (web project only: null in Electron). */
  calls(): Call[] | null
  dialogs: string[]
  popups: string[]
  /** URLs the top frame navigated to after the app was ready. */
  navigations: string[]
}

/** Start watching before the app (re)loads: socket frames, dialogs, popups, navigations, CSP reports. */
async function watch(page: Page, shell: 'web' | 'electron'): Promise<Watch> {
  const calls: Call[] = []
  const w: Watch = {
    calls: () => (shell === 'web' ? [...calls] : null),
    dialogs: [],
    popups: [],
    navigations: []
  }
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      try {
        const message = JSON.parse(String(payload)) as {
          type?: string
          channel?: string
          arg?: unknown
        }
        if (message.type === 'invoke' && typeof message.channel === 'string')
          calls.push({ channel: message.channel, arg: message.arg })
      } catch {
        // not ours
      }
    })
  })
  page.on('dialog', (dialog) => {
    w.dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('popup', (popup) => w.popups.push(popup.url()))
  page.context().on('page', (other) => w.popups.push(other.url()))
  await page.addInitScript(() => {
    const g = globalThis as unknown as {
      __csp: string[]
      document: {
        addEventListener(
          t: string,
          l: (e: { violatedDirective: string; blockedURI: string }) => void
        ): void
      }
    }
    g.__csp = []
    g.document.addEventListener('securitypolicyviolation', (e) =>
      g.__csp.push(`${e.violatedDirective} ${e.blockedURI}`)
    )
  })
  return w
}

const pwned = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)
const cspViolations = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __csp?: string[] }).__csp ?? [])

/** Every classic payload, one Markdown block each, in one reply. */
const hostile = [
  'Plain words first.',
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '[click me](javascript:window.__pwned=3)',
  '[data link](data:text/html,<script>window.__pwned=4</script>)',
  '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=5"><script>window.__pwned=6</script></svg>',
  '<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>',
  '<a href="javascript:window.__pwned=8">raw anchor</a>',
  '<object data="data:text/html,<script>parent.__pwned=9</script>"></object><embed src="javascript:window.__pwned=10">',
  '<details open ontoggle="window.__pwned=11">x</details> <body onload="window.__pwned=12">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/meta"> <base href="https://evil.example/">',
  '<form action="https://evil.example/post"><button>Submit form</button></form>',
  '![tracking pixel](https://evil.example/pixel.png) ![js image](javascript:window.__pwned=13)',
  '[encoded](jav&#x09;ascript:window.__pwned=14) [spaced]( javascript:window.__pwned=15) [vb](vbscript:msgbox)',
  '[quote break](https://a.example/"onmouseover="window.__pwned=16)',
  '[https://good.example](https://evil.example/steal)',
  'Autolink: <https://auto.example/path?q=1>',
  '```html\n<script>window.__pwned=17</script>\n```'
].join('\n\n')

/**
 * The chat, open on a direct profile, with everything watched: what main is asked, dialogs,
 * popups, and (from here on) every navigation of the page away from `appUrl`.
 */
async function openWatchedChat(page: Page, backendUrl: string, shell: 'web' | 'electron') {
  const w = await watch(page, shell)
  const chat = await openChat(page, backendUrl)
  const appUrl = page.url()
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) w.navigations.push(frame.url())
  })
  return { w, chat, appUrl }
}

/**
 * Resolves once the page has handled, on control elements the test adds itself, the late events
 * the payloads rely on: an image from `x` failing to load (the reply's `<img src=x>` would have
 * failed first: the same URL, asked earlier), a `<details>` opening, and a 0 s timer (the
 * meta refresh's delay). Listeners, not inline handlers: the CSP stays out of it. The controls
 * are removed again.
 */
async function lateEventsHandled(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    const box = document.createElement('div')
    box.hidden = true
    const img = document.createElement('img')
    const details = document.createElement('details')
    details.append(document.createElement('summary'))
    const fired = [
      new Promise((r) => img.addEventListener('error', r, { once: true })),
      new Promise((r) => details.addEventListener('toggle', r, { once: true })),
      new Promise((r) => setTimeout(r, 0))
    ]
    box.append(img, details)
    document.body.append(box)
    img.src = 'x'
    details.open = true
    Promise.all(fired).then(() => {
      box.remove()
      resolve()
    })
  })`)
}

test('hostile model output renders as inert text: nothing runs, loads, calls main or navigates', async ({
  page,
  backend,
  app
}) => {
  const { w, chat, appUrl } = await openWatchedChat(page, backend.url, app.shell)

  // A plain reply first: what main is asked while a reply arrives is the baseline.
  await chat.send('baseline question')
  await expect(chat.replyBody()).toHaveText('Echo: baseline question')
  await expect(chat.sendButton).toBeVisible()
  const baseline = new Set((w.calls() ?? []).map((c) => c.channel))
  // The recorder works: a plain send is one chat:send on the socket.
  if (app.shell === 'web') expect(baseline).toContain('chat:send')

  await backend.setKnobs({ reply: hostile })
  const before = w.calls()?.length ?? 0
  await chat.send('say something nasty')
  const body = chat.replyBody()
  await expect(body).toContainText('Autolink:')
  await expect(chat.sendButton).toBeVisible()
  // Shown as text, not parsed as HTML.
  await expect(body).toContainText('<script>window.__pwned=1</script>')
  await expect(body).toContainText('<img src=x onerror="window.__pwned=2">')
  // Anything the reply could have set off runs late (an image's error, a toggle, a 0 s refresh):
  // wait until the page has handled the same events on controls of the test's own.
  await lateEventsHandled(page)

  expect(await pwned(page)).toBeUndefined()
  expect(w.dialogs).toEqual([])
  expect(await cspViolations(page)).toEqual([])
  // No active element at all came out of the reply.
  const active = await body.evaluateAll((nodes) =>
    nodes.flatMap((n) => {
      type El = {
        tagName: string
        attributes: ArrayLike<{ name: string; value: string }>
        querySelectorAll(s: string): ArrayLike<El>
      }
      const root = n as unknown as El
      const found: string[] = []
      for (const el of Array.from(
        root.querySelectorAll(
          'script, iframe, object, embed, img, form, meta, base, details, body, svg script, foreignObject'
        )
      ))
        found.push(el.tagName.toLowerCase())
      for (const el of Array.from(root.querySelectorAll('*'))) {
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name) || /^\s*(javascript|data|vbscript):/i.test(attr.value))
            found.push(`${el.tagName.toLowerCase()}[${attr.name}=${attr.value}]`)
        }
      }
      return found
    })
  )
  expect(active).toEqual([])
  // The only links are the three web links, each pointing (and titled) at its real target.
  const hrefs = await body
    .locator('a')
    .evaluateAll((as) =>
      as.map(
        (a) =>
          (a as unknown as { href: string; title: string }).href +
          ' | ' +
          (a as unknown as { title: string }).title
      )
    )
  expect(hrefs.sort()).toEqual(
    [
      'https://a.example/%22onmouseover=%22window.__pwned=16 | https://a.example/%22onmouseover=%22window.__pwned=16',
      'https://auto.example/path?q=1 | https://auto.example/path?q=1',
      'https://evil.example/pixel.png | https://evil.example/pixel.png',
      'https://evil.example/steal | https://evil.example/steal'
    ].sort()
  )

  // Main was asked nothing a plain reply does not ask.
  const during = w.calls()?.slice(before)
  if (during) {
    const unexpected = during.filter((c) => !baseline.has(c.channel))
    expect(unexpected, JSON.stringify(unexpected)).toEqual([])
    expect(during.filter((c) => c.channel === 'app:openExternal')).toEqual([])
  }
  expect(page.url()).toBe(appUrl)
  expect(w.navigations).toEqual([])
  expect(w.popups).toEqual([])

  // Canary: the CSP watcher is live, and the policy blocks a remote image a script would add.
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { createElement(t: string): { src: string }; body: { append(n: unknown): void } }
    }
    const img = g.document.createElement('img')
    img.src = 'https://evil.example/canary.png'
    g.document.body.append(img)
  })
  await expect
    .poll(() => cspViolations(page))
    .toEqual([expect.stringContaining('img-src https://evil.example/canary.png')])
})

test('links in a reply: dead when not web links; a web link opens its real target once, outside the app', async ({
  page,
  backend,
  app
}) => {
  const { w, chat, appUrl } = await openWatchedChat(page, backend.url, app.shell)
  await backend.setKnobs({
    reply: [
      '[click me](javascript:window.__pwned=1)',
      '[data link](data:text/html,<script>window.__pwned=2</script>)',
      '[https://good.example](https://evil.example/steal)',
      '<https://auto.example/a>'
    ].join('\n\n')
  })
  await chat.send('links please')
  const body = chat.replyBody()
  await expect(body).toContainText('auto.example')
  await expect(chat.sendButton).toBeVisible()
  const opened = () =>
    (w.calls() ?? [])
      .filter((c) => c.channel === 'app:openExternal')
      .map((c) => (c.arg as { url: string }).url)

  // javascript: and data: links are plain text: clicking them does nothing at all.
  for (const text of ['click me', 'data link']) {
    await expect(body.getByRole('link', { name: text })).toHaveCount(0)
    await body.getByText(text, { exact: true }).click()
  }
  expect(await pwned(page)).toBeUndefined()
  expect(opened()).toEqual([])

  // The link that shows one URL and goes to another says where it really goes…
  const deceptive = body.getByRole('link', { name: 'https://good.example' })
  await expect(deceptive).toHaveAttribute('href', 'https://evil.example/steal')
  await expect(deceptive).toHaveAttribute('title', 'https://evil.example/steal')
  // …and a click hands exactly that URL to main, once; the page stays where it is. (The page
  // handles clicks in order, so this is also the barrier for the dead links above: had one of them
  // called main, it would be first in the list.)
  await deceptive.click()
  if (app.shell === 'web') await expect.poll(opened).toEqual(['https://evil.example/steal'])
  // A middle click goes the same way, never to a new window.
  await body.getByRole('link', { name: 'https://auto.example/a' }).click({ button: 'middle' })
  if (app.shell === 'web')
    await expect.poll(opened).toEqual(['https://evil.example/steal', 'https://auto.example/a'])
  // Once only: a further click is the barrier; a second open from the middle click would come before it.
  await deceptive.click()
  if (app.shell === 'web')
    await expect
      .poll(opened)
      .toEqual([
        'https://evil.example/steal',
        'https://auto.example/a',
        'https://evil.example/steal'
      ])

  expect(await pwned(page)).toBeUndefined()
  expect(w.dialogs).toEqual([])
  expect(await cspViolations(page)).toEqual([])
  expect(page.url()).toBe(appUrl)
  expect(w.navigations).toEqual([])
  expect(w.popups).toEqual([])
})
