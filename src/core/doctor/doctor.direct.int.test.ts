/**
 * The doctor against real servers, direct mode: the reference backend under uvicorn, a port with
 * nothing behind it, a backend that is stopped, and a TCP server that accepts and never answers.
 * Each failure is produced for real; the report must name the step and the code a user would act on.
 */
import http from 'node:http'
import type net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DoctorReport, DoctorStep } from '@shared/doctor'
import { ProfileSchema, type Profile } from '@shared/profile'
import { silentLogger } from '../logger'
import { MemorySecretStore } from '../secrets'
import { runDoctor } from './index'
import { startBackend, type RunningBackend } from '../../../test/fixtures/backend'
import { freePort, startSilentServer } from '../../../test/fixtures/ports'
import { tempDir } from '../../../test/helpers/tempDir'

let backend: RunningBackend
const temp = tempDir()

beforeAll(async () => {
  backend = await startBackend()
})
afterAll(async () => {
  await backend?.stop()
  temp.cleanup()
})

function profile(
  url: string,
  contract: Record<string, unknown> = {},
  timeouts = { connectSec: 2, idleSec: 2 }
): Profile {
  return ProfileSchema.parse({
    id: 'p1',
    name: 'test',
    connection: { kind: 'direct', url },
    contract,
    timeouts
  })
}

const deps = () => ({
  secrets: new MemorySecretStore(),
  logger: silentLogger,
  dataDir: temp.dir,
  homeDir: temp.dir,
  env: {}
})
const statuses = (r: DoctorReport) => r.steps.map((s) => `${s.id}:${s.status}`)
const failed = (r: DoctorReport): DoctorStep | undefined =>
  r.steps.find((s) => s.status === 'failed')

describe('doctor, direct profiles', () => {
  it('passes every step against the reference backend, with the test reply', async () => {
    const seen: string[] = []
    const report = await runDoctor(profile(backend.url), deps(), { onStep: (s) => seen.push(s.id) })
    expect(statuses(report)).toEqual(['resolve:ok', 'tcp:ok', 'health:ok', 'chat:ok'])
    expect(report.ok).toBe(true)
    expect(seen).toEqual(['resolve', 'tcp', 'health', 'chat'])
    expect(report.steps[0]?.detail).toMatchObject({ addresses: '127.0.0.1' })
    expect(report.steps[2]?.detail).toMatchObject({ status: 200, path: '/health' })
    expect(report.steps[3]?.detail).toMatchObject({ reply: 'Echo: ping' })
  })

  it('resolves a name with the OS resolver (localhost)', async () => {
    const report = await runDoctor(profile(`http://localhost:${backend.port}`), deps())
    expect(report.steps[0]).toMatchObject({ id: 'resolve', status: 'ok' })
    expect(String(report.steps[0]?.detail?.addresses)).toMatch(/127\.0\.0\.1|::1/)
  })

  it('a name that does not resolve fails at resolve with backend.dns', async () => {
    const report = await runDoctor(profile('http://no-such-host.invalid:8000'), deps())
    expect(failed(report)).toMatchObject({
      id: 'resolve',
      error: { code: 'backend.dns', params: { host: 'no-such-host.invalid' } }
    })
    expect(statuses(report)).toEqual([
      'resolve:failed',
      'tcp:skipped',
      'health:skipped',
      'chat:skipped'
    ])
  })

  it('a wrong port fails at tcp with backend.refused', async () => {
    const port = await freePort()
    const report = await runDoctor(profile(`http://127.0.0.1:${port}`), deps())
    expect(failed(report)).toMatchObject({
      id: 'tcp',
      error: { code: 'backend.refused', params: { host: '127.0.0.1', port: String(port) } }
    })
    expect(statuses(report)).toEqual(['resolve:ok', 'tcp:failed', 'health:skipped', 'chat:skipped'])
  })

  it('a backend that is down fails at tcp (nothing listens any more)', async () => {
    await backend.stop()
    try {
      const report = await runDoctor(profile(backend.url), deps())
      expect(failed(report)).toMatchObject({ id: 'tcp', error: { code: 'backend.refused' } })
    } finally {
      await backend.start()
    }
  })

  it('a port that accepts and never answers fails at health with an idle timeout', async () => {
    const silent = await startSilentServer()
    const port = silent.port
    try {
      const report = await runDoctor(
        profile(`http://127.0.0.1:${port}`, {}, { connectSec: 1, idleSec: 1 }),
        deps()
      )
      expect(failed(report)).toMatchObject({
        id: 'health',
        error: { code: 'backend.idle_timeout', params: { seconds: 1 } }
      })
      expect(statuses(report)).toEqual(['resolve:ok', 'tcp:ok', 'health:failed', 'chat:skipped'])
    } finally {
      await silent.close()
    }
  })

  it('a backend whose chat route answers 500 fails at chat with the status and the server text', async () => {
    await backend.setKnobs({ fail_status: 500 })
    try {
      const report = await runDoctor(profile(backend.url), deps())
      expect(statuses(report)).toEqual(['resolve:ok', 'tcp:ok', 'health:ok', 'chat:failed'])
      expect(failed(report)?.error).toMatchObject({
        code: 'backend.http_status',
        params: { status: 500 }
      })
    } finally {
      await backend.clearKnobs()
    }
  })

  it('a health route that answers 503 fails at health with the status', async () => {
    const server = http.createServer((_req, res) =>
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"detail":"warming up"}')
    )
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as net.AddressInfo).port
    try {
      const report = await runDoctor(profile(`http://127.0.0.1:${port}`), deps())
      expect(failed(report)).toMatchObject({
        id: 'health',
        error: { code: 'backend.http_status', params: { status: 503 }, serverText: 'warming up' }
      })
    } finally {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    }
  })

  it('a reply field that does not match the reply fails at chat, saying which field', async () => {
    const report = await runDoctor(
      profile(backend.url, {
        replyFormat: 'sse',
        replyField: 'nope',
        extraParams: [{ name: 'format', value: 'sse' }]
      }),
      deps()
    )
    expect(failed(report)).toMatchObject({
      id: 'chat',
      error: { code: 'doctor.empty_reply', params: { format: 'sse', field: 'nope' } }
    })
  })

  it('a wrong chat path fails at chat with the HTTP status', async () => {
    const report = await runDoctor(profile(backend.url, { path: '/no_such_route' }), deps())
    expect(failed(report)).toMatchObject({
      id: 'chat',
      error: { code: 'backend.http_status', params: { status: 404 } }
    })
  })

  it('a backend without a health route still passes health (it answered HTTP) and the chat decides', async () => {
    const report = await runDoctor(profile(backend.url, { healthPath: '/no_health_here' }), deps())
    expect(report.steps[2]).toMatchObject({
      id: 'health',
      status: 'ok',
      detail: { status: 404, note: 'no_health_route' }
    })
    expect(report.ok).toBe(true)
  })
})
