/**
 * Issue 17 item 2: first start in one step. A name (Korean in Korean) and the server address are
 * all a person types; the app checks the server, finds out its type, and saves only when the
 * check passed. When it fails the form stays, with the step, the reason and what to do.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort } from '../test/fixtures/ports'
import { expect, test } from './fixtures'
import { openIn, spawnHarnessIn } from './fixtures/harnessProcess'
import { attachScreens } from './fixtures/screens'
import { withSshd } from './fixtures/tunnel'
import { ChatPage } from './pages/ChatPage'
import { SettingsPage } from './pages/SettingsPage'

test('first start asks for a name and an address, finds the server type, and stays with the reason when nothing answers', async ({
  page,
  backend,
  app
}, testInfo) => {
  const chat = new ChatPage(page)
  const form = new SettingsPage(page)

  await expect(page.getByRole('heading', { name: 'Welcome to kha-desktop' })).toBeVisible()
  await expect(form.field('Name')).toHaveValue('Company chatbot')
  await expect(form.field('Backend URL')).toBeVisible()
  // Everything else waits, collapsed, under Advanced settings.
  await expect(form.advanced).not.toHaveAttribute('open', '')
  await expect(form.field('HTTP method')).toBeHidden()
  await expect(chat.composer).toHaveCount(0)
  await attachScreens(page, testInfo, 'first-start')

  // A URL that is not one: the field says so, and what was typed stays.
  await form.field('Backend URL').fill('localhost 8030')
  await form.connect()
  await form.expectFieldError('Backend URL', 'Enter a full http:// or https:// URL.')
  await expect(form.field('Backend URL')).toHaveValue('localhost 8030')

  // Nothing answers there: the form stays, saying which step failed, why, and what to do.
  const port = await freePort()
  await form.field('Backend URL').fill(`http://127.0.0.1:${port}`)
  await form.connect()
  await expect(form.checkFailure).toContainText(
    'Could not connect: the step “TCP connection” failed.'
  )
  await expect(form.checkFailure).toContainText(`127.0.0.1`)
  await expect(form.checkFailure).toContainText('company network')
  await expect(form.field('Backend URL')).toHaveValue(`http://127.0.0.1:${port}`)
  await expect(chat.composer).toHaveCount(0)
  await attachScreens(page, testInfo, 'first-start-failed')

  // The real server: found to be the kha backend with its streaming route, checked, saved, chatting.
  await form.field('Backend URL').fill(backend.url)
  await form.connect()
  await chat.waitReady()
  await expect(
    page.getByRole('status').filter({ hasText: 'Connected: kha backend (streaming)' })
  ).toBeVisible()
  await chat.expectConnection('Connected')
  await expect(chat.connection).toContainText('Company chatbot')
  const saved = JSON.parse(readFileSync(join(app.dataDir, 'profiles.json'), 'utf8')) as {
    profiles: Array<{ contract: { method: string; replyFormat: string } }>
  }
  expect(saved.profiles).toHaveLength(1)
  expect(saved.profiles[0]?.contract).toMatchObject({ method: 'POST', replyFormat: 'sse' })
  await chat.ask('안녕하세요')
})

test('in Korean: the suggested name is Korean, and the check speaks Korean', async ({
  shell,
  webBrowser,
  backend
}, testInfo) => {
  test.skip(
    shell !== 'web',
    'the desktop app takes its language from the OS, which a test cannot change'
  )
  const harness = await spawnHarnessIn(testInfo, 'ko')
  const { context, page } = await openIn(await webBrowser.get(), harness.url, 'ko-KR')
  try {
    const form = page.getByRole('form', { name: '프로필 만들기' })
    await expect(form.getByLabel('이름', { exact: true })).toHaveValue('회사 챗봇')
    await expect(form.getByText('고급 설정')).toBeVisible()

    const port = await freePort()
    await form.getByLabel('백엔드 URL', { exact: true }).fill(`http://127.0.0.1:${port}`)
    await form.getByRole('button', { name: '연결', exact: true }).click()
    await expect(form.locator('.check-failure')).toContainText('연결하지 못했습니다')
    await expect(form.locator('.check-failure')).toContainText('다시 시도를 누르세요')
    await attachScreens(page, testInfo, 'first-start-ko-failed')

    await form.getByLabel('백엔드 URL', { exact: true }).fill(backend.url)
    await form.getByRole('button', { name: '연결', exact: true }).click()
    await expect(page.getByRole('textbox', { name: '메시지', exact: true })).toBeVisible()
    await expect(
      page.getByRole('status').filter({ hasText: '연결되었습니다: kha 백엔드 (스트리밍)' })
    ).toBeVisible()
    await attachScreens(page, testInfo, 'first-start-ko-connected')
  } finally {
    await context.close()
    await harness.stop()
  }
})

test(
  'first start through an SSH tunnel with a password: typed once, checked, and the tunnel does not ask again',
  { tag: '@sshd' },
  async ({ page, backend }, testInfo) => {
    await withSshd({ password: true }, async (sshd) => {
      const chat = new ChatPage(page)
      const form = new SettingsPage(page)
      const knownHosts = testInfo.outputPath('known_hosts')
      writeFileSync(knownHosts, sshd.hostPublicKeyLine + '\n')

      await form.form.getByRole('radio', { name: 'SSH tunnel', exact: true }).check()
      await form.field('SSH host').fill(sshd.host)
      await form.field('SSH user').fill(sshd.passwordUser!)
      await form.field('Authentication').selectOption('password')
      // The key file means nothing for a password login: not shown.
      await expect(form.field('Key file path')).toHaveCount(0)
      await form.field('SSH password').fill(sshd.password!)
      await form.field('Target host').fill('127.0.0.1')
      await form.field('Target port').fill(String(backend.port))
      // What IT would put in the file or tell: the port and the host key, under Advanced settings.
      await form.openAdvanced()
      await form.field('SSH port').fill(String(sshd.port))
      await form.field('known_hosts file (optional)').fill(knownHosts)
      await attachScreens(page, testInfo, 'first-start-tunnel')

      await form.connect()
      await chat.waitReady()
      await chat.expectConnection('Connected', { timeout: 15_000 })
      await expect(page.getByRole('dialog')).toHaveCount(0)
      await chat.ask('터널로 안녕하세요')
    })
  }
)
