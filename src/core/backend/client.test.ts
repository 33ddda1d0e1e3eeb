import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { BackendContractSchema } from '@shared/profile'
import { streamChat } from './client'
import { buildChatRequest } from './request'

let server: http.Server | undefined
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())))

async function serve(handler: http.RequestListener) {
  server = http.createServer(handler)
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r))
  const origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  return { origin, agent: new http.Agent({ keepAlive: true }), close: async () => undefined }
}

describe('streamChat', () => {
  it('keeps every chunk that arrived before a stream was cut, then reports the drop', async () => {
    const link = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      // The last words and the end of the connection arrive in one burst, as they do under load.
      res.socket?.cork()
      res.write('Echo: the last words')
      res.socket?.end()
    })
    const seen: string[] = []
    const spec = buildChatRequest(link.origin, BackendContractSchema.parse({ replyFormat: 'text' }), { text: 'x' })
    await expect(streamChat(link, spec, { format: 'text', field: '', connectMs: 2000, idleMs: 2000, onDelta: (d) => seen.push(d) })).rejects.toMatchObject({
      error: { code: 'backend.stream_dropped' }
    })
    expect(seen.join('')).toBe('Echo: the last words')
  })

  it('stops reading and closes the request when the caller aborts', async () => {
    let closedByClient: () => void = () => undefined
    const closed = new Promise<void>((r) => (closedByClient = r))
    const link = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('Echo: ')
      req.socket.on('close', () => closedByClient())
    })
    const controller = new AbortController()
    const spec = buildChatRequest(link.origin, BackendContractSchema.parse({ replyFormat: 'text' }), { text: 'x' })
    const run = streamChat(link, spec, { format: 'text', field: '', connectMs: 2000, idleMs: 10_000, signal: controller.signal, onDelta: () => controller.abort() })
    await expect(run).rejects.toMatchObject({ error: { code: 'backend.aborted' } })
    // The backend sees its connection close: a stopped reply costs it nothing more.
    await closed
  })
})

describe('streamChat with Server-Sent Events', () => {
  it('is complete at [DONE] even when the body ends later or breaks after it', async () => {
    const link = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write('data: {"delta":"Echo: "}\n\ndata: {"delta":"done"}\n\ndata: [DONE]\n\n')
      setTimeout(() => res.socket?.destroy(), 50)
    })
    const spec = buildChatRequest(link.origin, BackendContractSchema.parse({ replyFormat: 'sse', replyField: 'delta' }), { text: 'x' })
    await expect(streamChat(link, spec, { format: 'sse', field: 'delta', connectMs: 2000, idleMs: 2000 })).resolves.toBe('Echo: done')
  })
})
