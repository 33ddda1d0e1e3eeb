/**
 * Issue 17 item 11: the UI speaks the browser's language in the web harness (not the language of
 * the machine the harness runs on), the OS's in the desktop app, and the user's choice in Settings
 * wins over both.
 */
import { expect, test } from './fixtures'
import { openIn, spawnHarnessIn } from './fixtures/harnessProcess'
import { attachScreens } from './fixtures/screens'
import { seedDirectProfile } from './fixtures/seed'

test('a Korean browser gets Korean on an English server, an English browser English on a Korean one; Settings wins', async ({
  shell,
  webBrowser,
  backend
}, testInfo) => {
  test.skip(
    shell !== 'web',
    'the desktop app follows the OS language (app.getPreferredSystemLanguages), which a test cannot change'
  )
  const browser = await webBrowser.get()

  const english = await spawnHarnessIn(testInfo, 'en')
  const korean = await spawnHarnessIn(testInfo, 'ko')
  try {
    // A ko-KR browser (navigator.languages ko-KR first) on the English server.
    const ko = await openIn(browser, english.url, 'ko-KR')
    await seedDirectProfile(ko.page, backend.url)
    await expect(ko.page.getByRole('button', { name: '보내기', exact: true })).toBeVisible()
    await expect(ko.page.getByRole('textbox', { name: '메시지', exact: true })).toBeVisible()
    await expect(ko.page.locator('html')).toHaveAttribute('lang', 'ko')
    await attachScreens(ko.page, testInfo, 'ko-browser-en-server')

    // The user's choice wins, and stays after a reload.
    await ko.page.getByRole('button', { name: '설정', exact: true }).click()
    await ko.page
      .getByRole('combobox', { name: '언어', exact: true })
      .selectOption({ label: 'English' })
    await expect(ko.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
    await ko.page.reload()
    await expect(ko.page.getByRole('button', { name: 'Send', exact: true })).toBeVisible()
    await expect(ko.page.locator('html')).toHaveAttribute('lang', 'en')
    await ko.page.getByRole('button', { name: 'Settings', exact: true }).click()
    // Back to "System": Korean again, from the browser.
    await ko.page
      .getByRole('combobox', { name: 'Language', exact: true })
      .selectOption({ label: 'System' })
    await expect(ko.page.getByRole('heading', { name: '설정', level: 1 })).toBeVisible()
    await ko.context.close()

    // An en-US browser on the Korean server.
    const en = await openIn(browser, korean.url, 'en-US')
    await seedDirectProfile(en.page, backend.url)
    await expect(en.page.getByRole('button', { name: 'Send', exact: true })).toBeVisible()
    await expect(en.page.locator('html')).toHaveAttribute('lang', 'en')
    await attachScreens(en.page, testInfo, 'en-browser-ko-server')
    await en.context.close()
  } finally {
    await english.stop()
    await korean.stop()
  }
})
