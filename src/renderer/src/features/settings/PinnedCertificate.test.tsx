/**
 * Trusting a server's certificate pins it into the profile (connection:trustCertificate answers
 * only the connection state; the profile comes with profiles:changed). The settings form that is
 * open on that profile shows the pin at once, and saving the form keeps it.
 *
 * Stood in: the doctor's report of a self-signed certificate, and the core's acceptance of the
 * trust, which needs a TLS server on openssl-made certificates (the core's own side is
 * test/integration/tls.test.ts). The stand-in pins as the core does, through profiles:save, so
 * the profile change reaches the window as the real profiles:changed event.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { Profile } from '@shared/profile'
import { i18n } from '../../i18n'
import { DoctorDialog } from '../connection/DoctorDialog'
import { useAppStore } from '../../store'
import { fingerprint, selfSigned } from '../../test/certificates'
import { addProfile, coreForEachTest, directDraft, ok, wireEvents } from '../../test/realCore'
import { SettingsView } from './SettingsView'

describe('a certificate trusted while its profile’s form is open', () => {
  const core = coreForEachTest()
  let profile: Profile

  beforeEach(async () => {
    await i18n.changeLanguage('en')
    profile = await addProfile(
      core,
      directDraft({ connection: { kind: 'direct', url: 'https://127.0.0.1:9' } })
    )
    core.stand('connection:doctor', () =>
      ok({
        profileId: profile.id,
        profileName: profile.name,
        startedAt: new Date().toISOString(),
        ms: 5,
        ok: false,
        steps: [
          { id: 'resolve', status: 'ok', ms: 1 },
          { id: 'tcp', status: 'ok', ms: 1 },
          { id: 'tls', status: 'failed', ms: 1, error: selfSigned }
        ]
      })
    )
    core.stand('connection:trustCertificate', async ({ fingerprint }) => {
      const [stored] = (await core.ok('profiles:list')).profiles
      await core.ok('profiles:save', {
        draft: { ...stored!, tls: { ...stored!.tls, pinnedCertificates: [fingerprint] } }
      })
      return ok(await core.ok('connection:state'))
    })
  })

  // The whole settings page, a connection check and a save: more than the default 5 s when the
  // machine is busy running other test files.
  it(
    'shows the pin in the form without a reload, and Save keeps it',
    { timeout: 15_000 },
    async () => {
      // Settings with the connection check's dialog over it, fed by the core's events as in the app.
      wireEvents(core.api, useAppStore)
      await act(() => useAppStore.getState().boot())
      render(
        <>
          <SettingsView />
          <DoctorDialog />
        </>
      )
      // (Label and text queries: role queries over the whole settings page are slow in jsdom.)
      fireEvent.click(await screen.findByLabelText(`Edit ${profile.name}`))
      await screen.findByText('Edit profile')
      expect(screen.queryByText('Trusted certificates (SHA-256)')).toBeNull()

      const troubleshooting = screen.getByText('Troubleshooting').closest('section')!
      fireEvent.click(within(troubleshooting).getByRole('button', { name: 'Check connection' }))
      const dialog = await screen.findByRole('dialog', { name: 'Connection check' })
      await act(async () => {
        fireEvent.click(
          await within(dialog).findByRole('button', { name: 'Trust this certificate' })
        )
      })
      expect(core.callsTo('connection:trustCertificate')).toEqual([{ fingerprint }])
      await waitFor(() =>
        expect(useAppStore.getState().profiles[0]?.tls.pinnedCertificates).toEqual([fingerprint])
      )
      fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }))

      expect(await screen.findByText('Trusted certificates (SHA-256)')).toBeTruthy()
      expect(screen.getByRole('button', { name: `Remove ${fingerprint}` })).toBeTruthy()

      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: 'Save' }))
      })
      await screen.findByLabelText(`Edit ${profile.name}`)
      const [saved] = (await core.ok('profiles:list')).profiles
      expect(saved!.tls.pinnedCertificates).toEqual([fingerprint])
    }
  )
})
