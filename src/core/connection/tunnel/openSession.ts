/**
 * The hop sequence of a tunnel, written once: jump host (when there is one) → SSH host, each hop
 * logged in over a stream the previous one opened (`direct-tcpip`, what ProxyJump does), the first
 * over TCP or the profile's proxy. The connector opens its session with `openSession`; the doctor
 * runs the same hops one step at a time, each with `openNextHop`.
 */
import type { Duplex } from 'node:stream'
import type { Client } from 'ssh2'
import { AppFailure, appError } from '@shared/errors'
import type { SshEndpoint, TunnelConnection } from '@shared/profile'
import type { AuthPlan, Role } from './auth'
import { endClient, forward, type OpenHop } from './session'

export interface Hop {
  role: Role
  endpoint: SshEndpoint
}

/** The hops of a tunnel profile, in connection order. */
export function hopsOf(c: TunnelConnection): Hop[] {
  return [
    ...(c.jump ? [{ role: 'jump' as const, endpoint: c.jump }] : []),
    { role: 'ssh' as const, endpoint: c.ssh }
  ]
}

/** A stream to `to`, opened on the logged-in client of `from`. A closed SSH port behind it is "refused", as it would be directly. */
export async function throughHop(client: Client, from: Hop, to: Hop): Promise<Duplex> {
  try {
    return await forward(client, to.endpoint.host, to.endpoint.port, from.endpoint.host)
  } catch (error) {
    if (error instanceof AppFailure && error.error.code === 'ssh.target_closed') {
      const { host, port } = to.endpoint
      throw new AppFailure(
        appError(
          'ssh.refused',
          `Nothing accepts SSH connections at ${host}:${port} (through ${from.endpoint.host})`,
          { params: { host, port, via: from.endpoint.host } }
        )
      )
    }
    throw error
  }
}

export interface HopDriver {
  /** How to log in to a hop (its key, agent or password); throws for a missing secret before any socket opens. */
  plan(hop: Hop): Promise<AuthPlan>
  /** The first hop's stream through the profile's proxy (and how to name it), or nothing for plain TCP. */
  firstStream(hop: Hop): Promise<{ sock?: Duplex; via?: string }>
  /** Handshake and log in to one hop over `sock` (TCP when absent). */
  login(
    hop: Hop,
    plan: AuthPlan,
    sock: Duplex | undefined,
    via: string | undefined
  ): Promise<OpenHop>
  /** Called between steps: throws when the caller gave up (the tunnel was closed). */
  check?(): void
}

export interface OpenedHop {
  hop: Hop
  open: OpenHop
}

/**
 * One hop: its login plan first (a missing secret stops before any socket opens), then its stream
 * (through `previous`, or the first one), then the handshake and login. The doctor runs this per
 * hop, as two checks; `openSession` runs it for every hop.
 */
export async function openNextHop(
  previous: OpenedHop | undefined,
  hop: Hop,
  driver: HopDriver
): Promise<OpenHop> {
  const plan = await driver.plan(hop)
  driver.check?.()
  const { sock, via } = previous
    ? {
        sock: await throughHop(previous.open.client, previous.hop, hop),
        via: previous.hop.endpoint.host
      }
    : await driver.firstStream(hop)
  driver.check?.()
  return driver.login(hop, plan, sock, via)
}

/** Log in to every hop in order; on failure, the hops already open are ended. The last one is the SSH host. */
export async function openSession(hops: Hop[], driver: HopDriver): Promise<OpenedHop[]> {
  const opened: OpenedHop[] = []
  try {
    for (const hop of hops)
      opened.push({ hop, open: await openNextHop(opened.at(-1), hop, driver) })
    return opened
  } catch (error) {
    await Promise.all(opened.map((o) => endClient(o.open.client)))
    throw error
  }
}
