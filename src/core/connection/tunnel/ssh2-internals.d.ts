/** The ssh2 internals the tunnel uses (see promptAcks.ts); @types/ssh2 does not describe them. */
declare module 'ssh2/lib/Channel.js' {
  import type { Duplex } from 'node:stream'
  /** Top the channel's receive window up to ssh2's maximum and send the CHANNEL_WINDOW_ADJUST. */
  export function windowAdjust(channel: unknown): void
  /** ssh2's receive window per channel (2 MiB). */
  export const MAX_WINDOW: number
  /** ssh2's channel stream; constructed by the client, or by a test with a fake client. */
  export class Channel extends Duplex {
    constructor(client: unknown, info: unknown, opts?: unknown)
    incoming: { id: number; window: number; packetSize: number; state: string }
    outgoing: { id: number; window: number; packetSize: number; state: string }
  }
}
