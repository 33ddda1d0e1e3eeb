/**
 * The optional local port, like `ssh -L PORT:target`: for other tools (a browser, curl, a
 * Streamlit app) on this computer only. It listens on 127.0.0.1, never on all interfaces, and
 * each accepted connection gets its own channel through the tunnel. It stays open while the
 * tunnel reconnects, so a tool sees a refused request rather than a vanished port.
 */
import net from 'node:net'
import type { Duplex } from 'node:stream'
import { AppFailure, appError, isAppError } from '@shared/errors'
import type { Logger } from '../../logger'
import type { OpenStream as OpenChannel } from '../agents'

export interface LocalPortServer {
  readonly port: number
  readonly address: net.AddressInfo
  close(): Promise<void>
}

export function listenLocalPort(
  port: number,
  open: OpenChannel,
  logger: Logger
): Promise<LocalPortServer> {
  const sockets = new Set<net.Socket>()
  const channels = new Set<Duplex>()
  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
    sockets.add(socket)
    socket.setNoDelay(true)
    socket.on('error', () => socket.destroy())
    socket.once('close', () => sockets.delete(socket))
    open().then(
      (channel) => {
        if (socket.destroyed) return void channel.destroy()
        channels.add(channel)
        channel.once('close', () => {
          channels.delete(channel)
          socket.destroy()
        })
        channel.on('error', () => socket.destroy())
        socket.once('close', () => channel.destroy())
        socket.pipe(channel).pipe(socket)
        socket.resume()
      },
      (error: unknown) => {
        const e = error instanceof AppFailure ? error.error : isAppError(error) ? error : undefined
        logger.warn('local port: forward failed', { port, code: e?.code, message: e?.message })
        socket.destroy()
      }
    )
  })
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code ?? 'error'
      const text =
        reason === 'EADDRINUSE'
          ? `Port ${port} is already in use on this computer`
          : `Cannot listen on 127.0.0.1:${port} (${reason})`
      reject(new AppFailure(appError('ssh.port_in_use', text, { params: { port, reason } })))
    })
    // Loopback only: the tunnel carries the user's access to a private backend; other machines
    // on the network must not borrow it.
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      server.removeAllListeners('error')
      server.on('error', (error) => logger.warn('local port error', { port, error }))
      const address = server.address() as net.AddressInfo
      resolve({
        port: address.port,
        address,
        close: () =>
          new Promise<void>((done) => {
            for (const c of channels) c.destroy()
            for (const s of sockets) s.destroy()
            server.close(() => done())
          })
      })
    })
  })
}
