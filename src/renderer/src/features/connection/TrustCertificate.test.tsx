/**
 * "Trust this certificate" where a person meets it: under a failed reply in the chat (the real
 * MessageItem over a real core), and in English and Korean. A changed pinned certificate shows the
 * warning and no button.
 *
 * The failed replies are given by hand: a server with a self-signed certificate is a TLS server on
 * openssl-made certificates, which the core's integration tests run (test/integration/tls*).
 * So the core has refused no certificate in this session, and refuses to trust this one: the
 * success is stood in, the refusal is the core's own.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { AppError } from '@shared/errors'
import { i18n } from '../../i18n'
import { useAppStore } from '../../store'
import { fingerprint, selfSigned } from '../../test/certificates'
import { addProfile, ok, coreForEachTest } from '../../test/realCore'
import { MessageItem } from '../chat/MessageItem'
import { TrustCertificate } from './TrustCertificate'

function failedReply(error: AppError) {
  const reply = {
    id: 'a1',
    role: 'assistant' as const,
    text: '',
    createdAt: Date.now(),
    status: 'failed' as const,
    error
  }
  return render(
    <MessageItem conversationId="c1" message={reply} isLast questionId="u1" busy={false} />
  )
}

describe('Trust this certificate', () => {
  const core = coreForEachTest()
  beforeEach(async () => {
    await addProfile(core)
    await i18n.changeLanguage('en')
  })

  it('a failed reply with a self-signed certificate shows its facts and pins it through connection:trustCertificate', async () => {
    core.stand('connection:trustCertificate', () =>
      ok({ profileId: 'p1', mode: 'direct', status: 'connected' })
    )
    failedReply(selfSigned)
    expect(screen.getByRole('alert').textContent).toContain(
      'self-signed certificate (“kha dev box”)'
    )
    const section = screen.getByRole('region', { name: 'The server’s certificate' })
    expect(section.textContent).toContain(fingerprint)
    expect(section.textContent).toContain('kha dev box')
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Trust this certificate' }))
    })
    expect(core.callsTo('connection:trustCertificate')).toEqual([{ fingerprint }])
    expect(screen.getByRole('status').textContent).toBe(
      'The certificate is trusted for this profile.'
    )
    expect(screen.queryByRole('button', { name: 'Trust this certificate' })).toBeNull()
    expect(useAppStore.getState().connection.status).toBe('connected')
  })

  it('when main refuses, the button stays and the reason is shown as a notice', async () => {
    // Main never saw this certificate: it will not pin it.
    render(<TrustCertificate error={selfSigned} />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Trust this certificate' }))
    })
    await waitFor(() => expect(useAppStore.getState().notice).not.toBeNull())
    expect(screen.getByRole('button', { name: 'Trust this certificate' })).toBeTruthy()
    expect(useAppStore.getState().notice).toMatchObject({
      tone: 'error',
      error: {
        code: 'ipc.bad_request',
        message: expect.stringContaining('did not present') as unknown
      }
    })
    expect((await core.ok('profiles:list')).profiles[0]!.tls.pinnedCertificates).toEqual([])
  })

  it('a pinned certificate that changed: the warning, and no way to trust it from here', () => {
    failedReply({
      ...selfSigned,
      code: 'tls.pin_mismatch',
      params: { ...selfSigned.params, pinned: Array(32).fill('AA').join(':') }
    })
    expect(screen.getByRole('alert').textContent).toContain(
      'Someone may be intercepting the connection'
    )
    expect(screen.queryByRole('button', { name: 'Trust this certificate' })).toBeNull()
    expect(screen.getByRole('region', { name: 'The server’s certificate' }).textContent).toContain(
      'remove the old one'
    )
  })

  it('errors without a certificate (a handshake, a proxy) show no trust section', () => {
    failedReply({ code: 'tls.handshake', message: 'x', params: { host: 'h', reason: 'not_tls' } })
    failedReply({ code: 'proxy.auth_required', message: 'x', params: { proxy: 'p:3128' } })
    expect(screen.queryByRole('region', { name: 'The server’s certificate' })).toBeNull()
  })

  it('in Korean: 이 인증서 신뢰', async () => {
    await i18n.changeLanguage('ko')
    render(<TrustCertificate error={selfSigned} />)
    expect(screen.getByRole('button', { name: '이 인증서 신뢰' })).toBeTruthy()
    await i18n.changeLanguage('en')
  })
})
