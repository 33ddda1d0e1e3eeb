/**
 * Direct mode: the backend URL is reached over the LAN or loopback (or through the profile's HTTP
 * proxy), through one keep-alive agent (sockets reused between messages, Nagle off). "Connected"
 * means the health route answered; a request that fails at the transport level (including a
 * refused certificate or proxy) turns the indicator to "failed" with the reason, and the next
 * success turns it back.
 */
import http from 'node:http'
import type { ConnectionState } from '@shared/connection'
import { AppFailure, errorCategory, isAppError, type ErrorCode } from '@shared/errors'
import type { Profile } from '@shared/profile'
import { checkHealth } from '../backend/client'
import { StreamHttpAgent, StreamHttpsAgent } from './agents'
import type { Connector, Link } from './link'
import { profileNetwork, type NetworkDeps } from './network'
import { createStateCell } from './stateCell'

/** Backend failures that mean the server cannot be reached at all (the link's state turns failed). */
const unreachableCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'backend.dns',
  'backend.refused',
  'backend.unreachable',
  'backend.connect_timeout',
  'backend.reset'
])

/** The agent for a direct profile's URL: plain TCP for http without a proxy, otherwise our own sockets (CONNECT, TLS with the profile's trust). */
export function directAgent(
  profile: Profile,
  deps: NetworkDeps,
  options: { keepAlive: boolean; maxSockets?: number; timeout?: number }
): http.Agent {
  if (profile.connection.kind !== 'direct') throw new Error('not a direct profile')
  const origin = new URL(profile.connection.url)
  const secure = origin.protocol === 'https:'
  const host = origin.hostname.replace(/^\[(.*)\]$/, '$1')
  const port = Number(origin.port) || (secure ? 443 : 80)
  if (!secure && profile.proxy.mode === 'none')
    return new http.Agent({ ...options, noDelay: true } as http.AgentOptions)
  const network = profileNetwork(profile, deps)
  const connectMs = profile.timeouts.connectSec * 1000
  const open = async () =>
    (await network.open({ host, port, protocol: secure ? 'https' : 'http' }, connectMs)).stream
  return secure
    ? new StreamHttpsAgent(open, network.tls(host, port), options)
    : new StreamHttpAgent(open, options)
}

export function createDirectConnector(profile: Profile, deps: NetworkDeps): Connector {
  if (profile.connection.kind !== 'direct') throw new Error('not a direct profile')
  const origin = new URL(profile.connection.url)
  // Idle sockets are dropped after 4 s, before uvicorn's 5 s keep-alive timeout closes them under
  // a request we are just sending.
  const agent = directAgent(profile, deps, { keepAlive: true, maxSockets: 16, timeout: 4000 })
  const base: Omit<ConnectionState, 'status'> = {
    profileId: profile.id,
    mode: 'direct',
    detail: { url: origin.toString() }
  }
  const cell = createStateCell({ ...base, status: 'connecting' })
  let closed = false

  const link: Link = {
    origin,
    agent,
    reportFailure(error) {
      if (
        !closed &&
        error instanceof AppFailure &&
        (unreachableCodes.has(error.error.code) ||
          errorCategory(error.error.code) === 'tls' ||
          errorCategory(error.error.code) === 'proxy')
      ) {
        cell.set({ ...base, status: 'failed', error: error.error })
      }
    },
    async close() {
      agent.destroy()
    }
  }

  const probe = async () => {
    cell.set({ ...base, status: 'connecting' })
    const health = await checkHealth(
      link,
      profile.contract.healthPath,
      profile.timeouts.connectSec * 1000
    )
    if (closed) return
    // A backend without a health route still answers: only transport failures mean "not connected".
    const reachable = health.ok || (health.status !== undefined && health.status < 500)
    cell.set(
      reachable
        ? { ...base, status: 'connected' }
        : {
            ...base,
            status: 'failed',
            ...(isAppError(health.error) ? { error: health.error } : {})
          }
    )
  }
  void probe()

  return {
    async link() {
      return link
    },
    state: cell.get,
    onState: cell.subscribe,
    markConnected() {
      if (!closed && cell.get().status !== 'connected') cell.set({ ...base, status: 'connected' })
    },
    reconnect() {
      void probe()
    },
    async close() {
      closed = true
      cell.set({ ...base, status: 'idle' })
      await link.close()
    }
  }
}
