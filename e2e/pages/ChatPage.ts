/**
 * The chat screen as a person sees it: found by roles and the labels in
 * src/shared/i18n/en.ts, never by CSS classes.
 */
import { expect, type Locator, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'

export type ConnectionStatusText =
  'Not connected' | 'Connecting…' | 'Connected' | 'Reconnecting' | 'Connection failed'

export class ChatPage {
  readonly composer: Locator
  readonly sendButton: Locator
  readonly stopButton: Locator
  readonly log: Locator
  readonly userMessages: Locator
  readonly replies: Locator
  readonly composerError: Locator
  readonly newChatButton: Locator
  readonly settingsButton: Locator
  readonly conversations: Locator
  readonly connection: Locator
  /** The open conversation's title (or "New conversation"). */
  readonly title: Locator
  readonly searchBox: Locator
  readonly searchResults: Locator
  /** The inline editor of a user message, and the question before it replaces what followed. */
  readonly editor: Locator
  readonly confirmEdit: Locator
  readonly undoToast: Locator
  readonly exportMarkdownButton: Locator
  readonly exportJsonButton: Locator

  constructor(readonly page: Page) {
    this.composer = page.getByRole('textbox', { name: 'Message', exact: true })
    this.sendButton = page.getByRole('button', { name: 'Send', exact: true })
    this.stopButton = page.getByRole('button', { name: 'Stop', exact: true })
    this.log = page.getByRole('log', { name: 'Messages' })
    this.userMessages = this.log.getByRole('article', { name: 'You' })
    this.replies = this.log.getByRole('article', { name: 'Assistant' })
    this.composerError = page.getByRole('alert').filter({ hasText: 'The message was not sent' })
    this.newChatButton = page.getByRole('button', { name: 'New chat' })
    this.settingsButton = page.getByRole('button', { name: 'Settings', exact: true })
    this.conversations = page.getByRole('navigation', { name: 'Conversations' })
    this.connection = page.getByRole('status', { name: /^Connection: / })
    this.title = page.getByRole('heading', { level: 1 })
    this.searchBox = page.getByRole('searchbox', { name: 'Search', exact: true })
    this.searchResults = this.conversations.getByRole('list', { name: 'Search results' })
    this.editor = page.getByRole('textbox', { name: 'Edit message', exact: true })
    this.confirmEdit = page.getByRole('alertdialog', { name: 'Replace what followed?' })
    this.undoToast = page
      .getByRole('status')
      .filter({ has: page.getByRole('button', { name: 'Undo', exact: true }) })
    this.exportMarkdownButton = page.getByRole('button', {
      name: 'Export as Markdown',
      exact: true
    })
    this.exportJsonButton = page.getByRole('button', { name: 'Export as JSON', exact: true })
  }

  /** How wide an element's content is against its box (a box that scrolls sideways has scrollWidth > clientWidth). */
  static async widths(locator: Locator): Promise<{ scrollWidth: number; clientWidth: number }> {
    return locator.evaluate((el) => {
      const box = el as unknown as { scrollWidth: number; clientWidth: number }
      return { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth }
    })
  }

  lastReply(): Locator {
    return this.replies.last()
  }

  /**
   * The text of a reply without its badges and buttons. The one place that names a class: the
   * reply's body has no role or label of its own (an article holds body, status and actions).
   */
  replyBody(reply: Locator = this.lastReply()): Locator {
    return reply.locator('.msg-body')
  }

  /** Every reply's body, in order. */
  replyBodies(): Locator {
    return this.replyBody(this.replies)
  }

  /** The reply's retry button (on a failed reply). */
  retryButton(): Locator {
    return this.lastReply().getByRole('button', { name: 'Retry', exact: true })
  }

  async waitReady(): Promise<void> {
    await expect(this.composer).toBeVisible()
  }

  async type(text: string): Promise<void> {
    await this.composer.fill(text)
  }

  /** Type and press Enter, as a person sends. */
  async send(text: string): Promise<void> {
    await this.composer.fill(text)
    await this.composer.press('Enter')
  }

  async expectConnection(
    status: ConnectionStatusText,
    opts: { timeout?: number } = {}
  ): Promise<void> {
    await expect(
      this.page.getByRole('status', { name: `Connection: ${status}`, exact: true })
    ).toBeVisible(opts)
  }

  /** The mode shown next to the indicator's profile name: `Direct` or `SSH tunnel`. */
  async expectMode(mode: 'Direct' | 'SSH tunnel'): Promise<void> {
    await expect(this.connection).toContainText(`· ${mode}`)
  }

  /**
   * Start recording every state the connection indicator shows (some last only milliseconds, too
   * short to catch by polling); the returned function gives them in order, without repeats.
   */
  recordConnectionStates(): Promise<() => Promise<string[]>> {
    return this.recordInPage('[role="status"][aria-label^="Connection: "]', 'aria-label', (label) =>
      label.replace(/^Connection: /, '')
    )
  }

  /**
   * Start recording every text the newest reply shows while it streams, as the page renders it
   * (polling from the test misses states on a busy machine); in order, without repeats.
   */
  recordReplyTexts(): Promise<() => Promise<string[]>> {
    return this.recordInPage('article.msg-assistant .msg-body', 'textContent')
  }

  /**
   * Record, in the page, each value the last element matching `selector` takes (an attribute, or
   * its trimmed text), read on every DOM change; `map` is applied in the test, not the page.
   */
  private async recordInPage(
    selector: string,
    what: string,
    map: (value: string) => string = (v) => v
  ): Promise<() => Promise<string[]>> {
    const key = `__khaRecord${Date.now()}${Math.random().toString(36).slice(2)}`
    await this.page.evaluate(
      ({ key, selector, what }) => {
        // Runs in the page; e2e code is typed without the DOM library, so name what it uses.
        type El = { getAttribute(name: string): string | null; textContent: string | null }
        type Observer = new (cb: () => void) => {
          observe(target: unknown, init: Record<string, unknown>): void
        }
        const g = globalThis as unknown as Record<string, unknown> & {
          document: { body: unknown; querySelectorAll(s: string): ArrayLike<El> }
          MutationObserver: Observer
        }
        const seen: string[] = []
        g[key] = seen
        const read = () => {
          const all = g.document.querySelectorAll(selector)
          const el = all.length > 0 ? all[all.length - 1] : undefined
          const value =
            what === 'textContent' ? el?.textContent?.trim() : (el?.getAttribute(what) ?? undefined)
          if (value && seen[seen.length - 1] !== value) seen.push(value)
        }
        read()
        new g.MutationObserver(read).observe(g.document.body, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
          ...(what === 'textContent' ? {} : { attributeFilter: [what] })
        })
      },
      { key, selector, what }
    )
    return async () => {
      const values = await this.page.evaluate(
        (key) => [...((globalThis as unknown as Record<string, string[]>)[key] ?? [])],
        key
      )
      return values.map(map).filter((v, i, all) => i === 0 || all[i - 1] !== v)
    }
  }

  async openSettings(): Promise<void> {
    await this.settingsButton.click()
    await expect(this.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  }

  conversation(title: string | RegExp): Locator {
    return this.conversations.getByRole('button', { name: title })
  }

  /** A conversation's row in the sidebar: its title button with Rename and Delete. */
  row(title: string): Locator {
    return this.conversations
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('button', { name: title, exact: true }) })
  }

  async open(title: string): Promise<void> {
    await this.row(title).getByRole('button', { name: title, exact: true }).click()
    await expect(this.title).toHaveText(title)
  }

  async rename(from: string, to: string): Promise<void> {
    await this.row(from).getByRole('button', { name: 'Rename', exact: true }).click()
    const input = this.page.getByRole('textbox', { name: 'Conversation title', exact: true })
    await expect(input).toBeFocused()
    await input.fill(to)
    await input.press('Enter')
  }

  async remove(title: string): Promise<void> {
    await this.row(title).getByRole('button', { name: 'Delete', exact: true }).click()
  }

  /** Send and wait until the reply is complete (Send is back). */
  async ask(text: string, reply: string | RegExp = `Echo: ${text}`): Promise<void> {
    await this.send(text)
    await expect(this.replyBody()).toHaveText(reply)
    await expect(this.sendButton).toBeVisible()
  }

  userMessage(text: string): Locator {
    return this.userMessages.filter({ has: this.page.getByText(text, { exact: true }) })
  }

  /** Exactly these user messages, in order (their text, without the Copy/Edit buttons). */
  async expectUserMessages(texts: string[]): Promise<void> {
    await expect(this.userMessages).toHaveCount(texts.length)
    for (const [i, text] of texts.entries())
      await expect(this.userMessages.nth(i).getByText(text, { exact: true })).toBeVisible()
  }

  /** Export through a header button; in the web harness that is a browser download. */
  async export(button: Locator): Promise<{ fileName: string; content: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()])
    const path = await download.path()
    return { fileName: download.suggestedFilename(), content: readFileSync(path, 'utf8') }
  }
}
