/**
 * "Trust this certificate" in the app, end to end: the reference backend over https with a
 * self-signed certificate (openssl-made), a reply that fails with the reason and the certificate's
 * fingerprint, the button, and Retry that then gets the answer. A pinned certificate that changes
 * afterwards shows the warning, without a button.
 */
import { expect, test } from './fixtures'
import { seedProfile } from './fixtures/seed'
import { ChatPage } from './pages/ChatPage'
import { startBackend, type RunningBackend } from '../test/fixtures/backend'
import { makeCertificates, type TestCertificates } from '../test/fixtures/tls'

let certs: TestCertificates
let https: RunningBackend | undefined

test.beforeAll(() => {
  certs = makeCertificates()
})
test.afterAll(() => certs?.cleanup())
test.afterEach(async () => {
  await https?.stop()
  https = undefined
})

test('a self-signed backend: the reason and fingerprint, Trust this certificate, then Retry works', async ({
  page
}) => {
  https = await startBackend({ extraArgs: certs.uvicornArgs(certs.selfSigned) })
  await seedProfile(page, { name: 'Dev box', connection: { kind: 'direct', url: https.url } })
  const chat = new ChatPage(page)
  await chat.waitReady()

  await chat.send('hello over https')
  const alert = chat.lastReply().getByRole('alert')
  await expect(alert).toContainText('self-signed certificate (“kha dev box”)')
  const certificate = alert.getByRole('region', { name: 'The server’s certificate' })
  await expect(certificate).toContainText(certs.selfSigned.fingerprint)
  await certificate.getByRole('button', { name: 'Trust this certificate' }).click()
  await expect(certificate.getByRole('status')).toHaveText(
    'The certificate is trusted for this profile.'
  )

  await chat.retryButton().click()
  await expect(chat.replyBody()).toHaveText('Echo: hello over https')
  await chat.expectConnection('Connected')

  // The server's certificate changes: a warning, and no button to trust the new one from there.
  await https.stop()
  https = await startBackend({ port: https.port, extraArgs: certs.uvicornArgs(certs.selfSigned2) })
  await chat.send('after the change')
  const warning = chat.lastReply().getByRole('alert')
  await expect(warning).toContainText('Someone may be intercepting the connection')
  await expect(warning.getByRole('button', { name: 'Trust this certificate' })).toHaveCount(0)
})
