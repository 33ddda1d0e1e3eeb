import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { AppFailure } from '@shared/errors'
import { silentLogger } from '../../logger'
import { listenLocalPort, type LocalPortServer } from './localPort'

/** Stands in for an SSH channel: a plain TCP connection to an echo server. */
async function echoServer() {
  const server = net.createServer((s) => s.pipe(s))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as net.AddressInfo).port
  const open = () =>
    new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s))
      s.once('error', reject)
    })
  return { server, open }
}

let local: LocalPortServer | undefined
afterEach(async () => {
  await local?.close()
  local = undefined
})

describe('listenLocalPort', () => {
  it('binds 127.0.0.1 only and pipes each connection through its own channel', async () => {
    const echo = await echoServer()
    local = await listenLocalPort(0, echo.open, silentLogger)
    expect(local.address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' })
    const reply = await new Promise<string>((resolve, reject) => {
      const s = net.connect({ host: '127.0.0.1', port: local!.port }, () => s.write('ping'))
      s.once('data', (d) => {
        resolve(d.toString())
        s.destroy()
      })
      s.once('error', reject)
    })
    expect(reply).toBe('ping')
    echo.server.close()
  })

  it('reports a port in use as ssh.port_in_use with the port', async () => {
    const busy = net.createServer()
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()))
    const port = (busy.address() as net.AddressInfo).port
    const error = await listenLocalPort(
      port,
      () => Promise.reject(new Error('unused')),
      silentLogger
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).error).toMatchObject({
      code: 'ssh.port_in_use',
      params: { port, reason: 'EADDRINUSE' }
    })
    busy.close()
  })

  it('drops the accepted connection when no channel can be opened (tunnel down)', async () => {
    local = await listenLocalPort(
      0,
      () => Promise.reject(new AppFailure({ code: 'ssh.refused', message: 'down' })),
      silentLogger
    )
    const closed = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: local!.port })
      s.on('error', () => undefined)
      s.once('close', () => resolve(true))
    })
    expect(closed).toBe(true)
  })
})
