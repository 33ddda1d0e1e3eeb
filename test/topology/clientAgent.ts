/**
 * The app's core in another host of the topology. The suite itself runs in the desk's namespace;
 * to be a client on Server A's address (test 1), this agent is started there with
 * `ip netns exec <a> node --import tsx clientAgent.ts` and driven over stdin/stdout, one JSON object
 * per line:
 *
 *   in:  {"id": 1, "channel": "chat:send", "arg": {...}}      out: {"id": 1, "result": IpcResult}
 *   in:  {"close": true}                                        (dispose the core, exit)
 *   out: {"event": "chat:done", "payload": {...}}               (every core event, as it happens)
 *
 * It is the same core the app, the CLI and the harness run (startTestCore: temp data folder,
 * in-memory secrets). Nothing but protocol lines goes to stdout.
 */
import { createInterface } from 'node:readline'
import { startTestCore } from '../helpers/core'
import type { InvokeChannel } from '../../src/shared/ipc/contract'

async function main() {
  const t = await startTestCore()
  const write = (obj: unknown) => process.stdout.write(JSON.stringify(obj) + '\n')
  t.core.onEvent((event, payload) => write({ event, payload }))
  const closeAndExit = async () => {
    await t.close().catch(() => undefined)
    process.exit(0)
  }
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    const msg = JSON.parse(line) as {
      id?: number
      channel?: InvokeChannel
      arg?: unknown
      close?: boolean
    }
    if (msg.close) return void closeAndExit()
    void t.core
      .dispatch(msg.channel as InvokeChannel, msg.arg)
      .then((result) => write({ id: msg.id, result }))
  })
  // The suite went away: do not linger.
  lines.on('close', () => void closeAndExit())
  write({ ready: true })
}

void main()
