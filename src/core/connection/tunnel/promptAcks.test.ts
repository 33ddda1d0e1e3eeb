import type { ClientChannel } from 'ssh2'
import { Channel, MAX_WINDOW } from 'ssh2/lib/Channel.js'
import { describe, expect, it } from 'vitest'
import { ackPromptly } from './promptAcks'

/** An ssh2 channel on a fake client that records the window adjusts it would send. */
function channel() {
  const adjusts: Array<[number, number]> = []
  const client = {
    _protocol: { channelWindowAdjust: (id: number, amount: number) => adjusts.push([id, amount]) }
  }
  const ch = new Channel(client, {
    type: 'direct-tcpip',
    incoming: { id: 1, window: MAX_WINDOW, packetSize: 32768, state: 'open' },
    outgoing: { id: 7, window: MAX_WINDOW, packetSize: 32768, state: 'open' }
  })
  // What ssh2's CHANNEL_DATA handler does with each packet (client.js).
  const receive = (data: Buffer) => {
    ch.incoming.window -= data.length
    const more = ch.push(data)
    if (!more) (ch as unknown as { _waitChanDrain: boolean })._waitChanDrain = true
    return more
  }
  return { ch, adjusts, receive }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('prompt window adjusts on forwarded channels', () => {
  it('answers the data of one event-loop turn with one window adjust, at once', async () => {
    const { ch, adjusts, receive } = channel()
    ackPromptly(ch as unknown as ClientChannel)
    ch.on('data', () => undefined)
    receive(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'))
    receive(Buffer.from('data: {"delta":"Echo: "}\n\n'))
    expect(adjusts).toEqual([])
    await tick()
    expect(adjusts).toEqual([[7, 19 + 26]])
    expect(ch.incoming.window).toBe(MAX_WINDOW)
  })

  it('does not reopen the window while the reader applies backpressure', async () => {
    const { ch, adjusts, receive } = channel()
    ackPromptly(ch as unknown as ClientChannel)
    // Nobody reads: the stream buffer fills to its high-water mark and push returns false.
    let more = true
    while (more) more = receive(Buffer.alloc(32768))
    await tick()
    expect(adjusts).toEqual([])
    expect(ch.incoming.window).toBe(0)
  })

  it('leaves a closed channel alone', async () => {
    const { ch, adjusts, receive } = channel()
    ackPromptly(ch as unknown as ClientChannel)
    ch.on('data', () => undefined)
    receive(Buffer.from('x'))
    ch.outgoing.state = 'closed'
    await tick()
    expect(adjusts).toEqual([])
  })
})
