/**
 * Settings and the profile form (also the first-start form), by the labels of
 * src/shared/i18n/en.ts. `fill` / `read` take the same shape, so a spec can type every field
 * of a profile, save, reopen and compare.
 */
import { expect, type Locator, type Page } from '@playwright/test'

/** Every field of the profile form, as the form shows it (numbers as typed text). */
export interface ProfileFields {
  name: string
  mode: 'Direct' | 'SSH tunnel'
  url: string
  sshHost: string
  sshPort: string
  sshUser: string
  auth: 'key' | 'agent' | 'password'
  keyPath: string
  useJump: boolean
  jumpHost: string
  jumpPort: string
  jumpUser: string
  jumpAuth: 'key' | 'agent' | 'password'
  jumpKeyPath: string
  targetHost: string
  targetPort: string
  scheme: 'http' | 'https'
  localPort: string
  keepaliveInterval: string
  keepaliveCount: string
  knownHosts: string
  method: 'GET' | 'POST'
  path: string
  messageField: string
  replyFormat: 'json' | 'text' | 'sse' | 'ndjson'
  replyField: string
  healthPath: string
  headers: Array<{ name: string; value: string }>
  params: Array<{ name: string; value: string }>
  connectTimeout: string
  idleTimeout: string
}

type Kind = 'text' | 'select'
/** Field → its label; the order is the order a person fills the form in (jump fields after the checkbox). */
const fields: Array<[keyof ProfileFields, string, Kind]> = [
  ['name', 'Name', 'text'],
  ['url', 'Backend URL', 'text'],
  ['sshHost', 'SSH host', 'text'],
  ['sshPort', 'SSH port', 'text'],
  ['sshUser', 'SSH user', 'text'],
  ['auth', 'Authentication', 'select'],
  ['keyPath', 'Key file path', 'text'],
  ['jumpHost', 'Jump host address', 'text'],
  ['jumpPort', 'Jump host port', 'text'],
  ['jumpUser', 'Jump host user', 'text'],
  ['jumpAuth', 'Jump host authentication', 'select'],
  ['jumpKeyPath', 'Jump host key file path', 'text'],
  ['targetHost', 'Target host', 'text'],
  ['targetPort', 'Target port', 'text'],
  ['scheme', 'Scheme', 'select'],
  ['localPort', 'Local port (optional)', 'text'],
  ['keepaliveInterval', 'Keepalive interval (s)', 'text'],
  ['keepaliveCount', 'Keepalive max missed', 'text'],
  ['knownHosts', 'known_hosts file (optional)', 'text'],
  ['method', 'HTTP method', 'select'],
  ['path', 'Chat path', 'text'],
  ['messageField', 'Message field', 'text'],
  ['replyFormat', 'Reply format', 'select'],
  ['replyField', 'Reply field', 'text'],
  ['healthPath', 'Health check path', 'text'],
  ['connectTimeout', 'Connect timeout (s)', 'text'],
  ['idleTimeout', 'Idle timeout (s)', 'text']
]

export class SettingsPage {
  readonly heading: Locator
  readonly form: Locator
  readonly saveButton: Locator
  readonly connectButton: Locator
  readonly newProfileButton: Locator
  readonly formAlert: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Settings', level: 1 })
    // The profile form is the form named by its title (New profile / Edit profile / Create profile).
    this.form = page.getByRole('form', { name: /^(New profile|Edit profile|Create profile)$/ })
    this.saveButton = this.form.getByRole('button', { name: 'Save', exact: true })
    this.connectButton = this.form.getByRole('button', { name: 'Connect', exact: true })
    this.newProfileButton = page.getByRole('button', { name: 'New profile', exact: true })
    this.formAlert = this.form.getByRole('alert')
  }

  /** A select under Appearance, by its label in the language shown ("Language"/"언어", "Theme"/"테마"). */
  preference(label: string): Locator {
    return this.page.getByRole('combobox', { name: label, exact: true })
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true })
  }

  async backToChat(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back to chat' }).click()
  }

  async newProfile(): Promise<void> {
    await this.newProfileButton.click()
    await expect(this.form).toBeVisible()
  }

  async editProfile(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Edit ${name}`, exact: true }).click()
    await expect(this.form).toBeVisible()
  }

  async selectProfile(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Select ${name}`, exact: true }).click()
  }

  /** "Advanced settings": every field but the name and the address (collapsed at first start). */
  get advanced(): Locator {
    return this.form.locator('details.advanced')
  }

  async openAdvanced(): Promise<void> {
    // Counted before the form is on screen (right after the page loads), the part would be missing.
    await expect(this.form).toBeVisible()
    if ((await this.advanced.count()) === 0) return
    if ((await this.advanced.getAttribute('open')) === null)
      await this.advanced.locator('summary').click()
    await expect(this.advanced).toHaveAttribute('open', '')
  }

  /** Fill the given fields (others keep what the form shows). */
  async fill(values: Partial<ProfileFields>): Promise<void> {
    await this.openAdvanced()
    if (values.mode) await this.form.getByRole('radio', { name: values.mode, exact: true }).check()
    if (values.useJump !== undefined)
      await this.form
        .getByRole('checkbox', { name: 'Connect through a jump host' })
        .setChecked(values.useJump)
    for (const [key, label, kind] of fields) {
      const value = values[key]
      if (value === undefined) continue
      if (kind === 'select') await this.field(label).selectOption(String(value))
      else await this.field(label).fill(String(value))
    }
    if (values.headers)
      await this.fillRows('header', 'Header', 'Add header', 'Remove header', values.headers)
    if (values.params)
      await this.fillRows('param', 'Parameter', 'Add parameter', 'Remove parameter', values.params)
  }

  private async fillRows(
    _kind: string,
    prefix: string,
    addLabel: string,
    removeLabel: string,
    rows: Array<{ name: string; value: string }>
  ) {
    // Remove what is there (from the end, so the numbers of the others do not change), then add.
    for (;;) {
      const remove = this.form.getByRole('button', { name: new RegExp(`^${removeLabel} \\d+$`) })
      const count = await remove.count()
      if (count === 0) break
      await remove.last().click()
    }
    for (const [i, row] of rows.entries()) {
      await this.form.getByRole('button', { name: addLabel, exact: true }).click()
      await this.field(`${prefix} ${i + 1} name`).fill(row.name)
      await this.field(`${prefix} ${i + 1} value`).fill(row.value)
    }
  }

  /** What the form shows now, for every field that is on screen. */
  async read(): Promise<Partial<ProfileFields>> {
    await this.openAdvanced()
    const out: Partial<ProfileFields> = {}
    const set = <K extends keyof ProfileFields>(key: K, value: ProfileFields[K]) =>
      void (out[key] = value)
    set(
      'mode',
      (await this.form.getByRole('radio', { name: 'Direct', exact: true }).isChecked())
        ? 'Direct'
        : 'SSH tunnel'
    )
    const jump = this.form.getByRole('checkbox', { name: 'Connect through a jump host' })
    if (await jump.count()) set('useJump', await jump.isChecked())
    for (const [key, label] of fields) {
      const input = this.field(label)
      if ((await input.count()) === 0) continue
      set(key, (await input.inputValue()) as never)
    }
    set('headers', await this.readRows('Header'))
    set('params', await this.readRows('Parameter'))
    return out
  }

  private async readRows(prefix: string): Promise<Array<{ name: string; value: string }>> {
    const rows: Array<{ name: string; value: string }> = []
    for (let n = 1; ; n++) {
      const name = this.field(`${prefix} ${n} name`)
      if ((await name.count()) === 0) return rows
      rows.push({
        name: await name.inputValue(),
        value: await this.field(`${prefix} ${n} value`).inputValue()
      })
    }
  }

  /**
   * Save what the form shows. At first start the button is Connect, and in Settings Save on a new
   * profile or a changed connection: both check the server first. A spec that saves as typed goes
   * on past a failed check with "Save anyway". Returns once the form is done: saved (the chat at
   * first start, the list in Settings), or staying with field errors.
   */
  async save(): Promise<void> {
    const firstStart = (await this.connectButton.count()) > 0
    await (firstStart ? this.connectButton : this.saveButton).click()
    const anyway = this.form.getByRole('button', { name: 'Save anyway' })
    const composer = this.page.getByRole('textbox', { name: 'Message', exact: true })
    const outcome = async () => {
      if (firstStart && (await composer.isVisible())) return 'saved'
      if (!firstStart && (await this.form.count()) === 0) return 'saved'
      if (await anyway.isVisible()) return 'failed check'
      if (await this.formAlert.isVisible()) return 'field errors'
      return 'busy'
    }
    await expect.poll(outcome, { timeout: 30_000 }).not.toBe('busy')
    if ((await outcome()) !== 'failed check') return
    await anyway.click()
    if (firstStart) await expect(composer).toBeVisible()
    else await expect(this.form).toHaveCount(0)
  }

  /** First start: Connect (check, find out the server type, then save). */
  async connect(): Promise<void> {
    await this.connectButton.click()
  }

  /** Why the first-start check failed (the alert that stays in the form). */
  get checkFailure(): Locator {
    return this.form.locator('.check-failure')
  }

  /** The form's check while it runs: its steps so far and Stop. */
  get checkProgress(): Locator {
    return this.form.getByRole('region', { name: 'Connection check so far' })
  }

  /** Fields the person changed that were also changed elsewhere (another window, the CLI). */
  get conflict(): Locator {
    return this.form.getByRole('region', { name: 'Changed here and elsewhere' })
  }

  /** The form's profile was removed elsewhere: Save makes what it shows a new profile. */
  get removedElsewhere(): Locator {
    return this.form.getByRole('region', { name: 'Removed elsewhere' })
  }

  /** The error shown for a field: part of the text its input is described by (with any hint). */
  async expectFieldError(label: string, message: string | RegExp): Promise<void> {
    const input = this.field(label)
    await expect(input).toHaveAttribute('aria-invalid', 'true')
    const pattern =
      typeof message === 'string'
        ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        : message
    await expect(input).toHaveAccessibleDescription(pattern)
  }

  profileCard(name: string): Locator {
    return this.page.getByRole('listitem').filter({ hasText: name })
  }
}
