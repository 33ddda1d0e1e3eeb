/**
 * SSH tunnel mode: the app's own `ssh -fN -o ServerAliveInterval=60 -o ServerAliveCountMax=5
 * -L …`. It keeps one SSH session per profile up (reconnecting with backoff when it drops), hands
 * the backend client an HTTP agent whose sockets are channels of that session, and publishes what
 * the connection indicator shows: connecting / connected / reconnecting (attempt n, next try at)
 * / failed, with the reason and, when the user must act, the host-key or secret prompt.
 *
 * Two kinds of failure, handled differently:
 * - transient (refused, timeout, DNS, a dropped link): retried on a backoff schedule, and at once
 *   when a request needs the link;
 * - needs the user (unknown or changed host key, missing or wrong secret, login refused, unusable
 *   key, no agent, local port taken): no retry loop (it would fail the same way, and repeated bad
 *   logins can lock an account); the state says what to do and `trustHostKey`, `provideSecret` or
 *   `reconnect` continues.
 */
import type { Duplex } from 'node:stream'
import type { Client, ClientChannel } from 'ssh2'
import type { AskUser, AuthPromptQuestion, ConnectionState, SecretPrompt } from '@shared/connection'
import { AppFailure, appError, type AppError, type ErrorCode } from '@shared/errors'
import {
  backendOrigin,
  type Profile,
  type SshEndpoint,
  type TunnelConnection
} from '@shared/profile'
import { registerSecret, type Logger } from '../../logger'
import { secretKey, sshSecretKey, type SecretStore } from '../../secrets'
import { StreamHttpAgent, StreamHttpsAgent } from '../agents'
import type { Connector, Link } from '../link'
import { openTcp, profileNetwork, type NetworkDeps } from '../network'
import { proxyName } from '../proxy/connect'
import { createStateCell } from '../stateCell'
import { prepareAuth, type AuthPlan, type Role } from './auth'
import { backoffDelay, type BackoffOptions } from './backoff'
import {
  initialMachine,
  statusOf,
  transition,
  type TunnelEvent,
  type TunnelMachine
} from './connectorMachine'
import { createHostKeyGate } from './hostKeyGate'
import { knownHostsFiles } from './knownHosts'
import { listenLocalPort, type LocalPortServer } from './localPort'
import { hopsOf, openSession, type Hop, type OpenedHop } from './openSession'
import { endClient, forward, openHop } from './session'
import { connectError } from './sshErrors'

export interface TunnelConnectorOptions {
  profile: Profile
  secrets: SecretStore
  logger: Logger
  dataDir: string
  homeDir: string
  env: Record<string, string | undefined>
  now?: () => number
  /** For tests: the backoff schedule (defaults: 1 s base, 30 s cap). */
  backoff?: BackoffOptions
  platform?: NodeJS.Platform
  /** Keyboard-interactive questions for the user (two-factor codes); see ConnectionEnvironment. */
  askUser?: AskUser
  /** Proxy and TLS settings' context (the OS proxy resolver, the refused-certificate log). */
  network?: Partial<NetworkDeps>
}

/** Errors that wait for the user instead of being retried. */
const needsUser = new Set<ErrorCode>([
  'ssh.hostkey_unknown',
  'ssh.hostkey_changed',
  'ssh.secret_needed',
  'ssh.bad_passphrase',
  'ssh.auth_failed',
  'ssh.key_unreadable',
  'ssh.agent_unavailable',
  'ssh.forward_refused',
  'ssh.port_in_use',
  // The server offers only SHA-1 / CBC algorithms: the profile must allow them first.
  'ssh.legacy_algorithms',
  // A two-factor question the user cancelled: asking again on our own would only nag.
  'ssh.prompt_unanswered',
  // The proxy in front of the SSH server: asking again would get the same answer.
  'proxy.auth_required',
  'proxy.denied'
])

interface LiveSession {
  client: Client
  jump?: Client
  cipher: string
  /** Legacy algorithms either hop settled on (the profile allowed them). */
  legacy: string[]
  channels: Set<ClientChannel>
}

const toAppError = (error: unknown): AppError =>
  error instanceof AppFailure
    ? error.error
    : appError('internal', `Unexpected tunnel error: ${(error as Error)?.message ?? String(error)}`)

export function createTunnelConnector(opts: TunnelConnectorOptions): Connector {
  const { profile, logger } = opts
  if (profile.connection.kind !== 'tunnel') throw new Error('not a tunnel profile')
  const conn: TunnelConnection = profile.connection
  const now = opts.now ?? Date.now
  const connectMs = profile.timeouts.connectSec * 1000
  const hostKeys = createHostKeyGate(
    knownHostsFiles({
      homeDir: opts.homeDir,
      dataDir: opts.dataDir,
      extraPath: conn.knownHostsPath,
      env: opts.env
    }),
    logger
  )
  const sshName = `${conn.ssh.host}:${conn.ssh.port}`
  const network = profileNetwork(profile, {
    env: opts.env,
    homeDir: opts.homeDir,
    secrets: opts.secrets,
    ...opts.network
  })

  const baseDetail: Record<string, string | number> = {
    host: `${conn.ssh.username}@${sshName}`,
    target: `${conn.target.host}:${conn.target.port}`,
    ...(conn.jump ? { via: `${conn.jump.username}@${conn.jump.host}:${conn.jump.port}` } : {})
  }
  const base = { profileId: profile.id, mode: 'tunnel' as const }
  const cell = createStateCell({ ...base, status: 'connecting', detail: baseDetail })

  // What phase the tunnel is in, and every rule about it, lives in connectorMachine.ts (pure); what
  // follows are its effects at the edges: the live session, the timer, sockets, the published state.
  let machine: TunnelMachine = initialMachine
  const isClosed = () => machine.phase.kind === 'closed'
  let session: LiveSession | undefined
  let attemptInFlight: Promise<void> | undefined
  let retryTimer: NodeJS.Timeout | undefined
  let pendingSecret: SecretPrompt | undefined
  let localServer: LocalPortServer | undefined
  /** Withdraws a two-factor question still on screen when the tunnel closes. */
  const asking = new AbortController()
  const askUser = opts.askUser
    ? (q: AuthPromptQuestion) => (opts.askUser as AskUser)(q, asking.signal)
    : undefined
  /** Clients of attempts still connecting, so close() can abort them. */
  const connecting = new Set<Client>()

  const closedError = () =>
    appError('ssh.disconnected', 'The SSH tunnel is closed', {
      params: { host: conn.ssh.host, port: conn.ssh.port }
    })

  function publish(next: Omit<ConnectionState, 'profileId' | 'mode'>) {
    if (isClosed() && next.status !== 'idle') return
    const detail = {
      ...baseDetail,
      ...(localServer ? { localPort: localServer.port } : {}),
      ...next.detail
    }
    cell.set({ ...base, ...next, detail })
  }

  /** A proxy setting that cannot be used (not a URL, a SOCKS proxy) fails the same way every time. */
  const waitsForUser = (e: AppError) =>
    needsUser.has(e.code) ||
    e.code === 'internal' ||
    (e.code === 'proxy.failed' &&
      /^(invalid_url|unsupported_scheme)$/.test(String(e.params?.reason)))

  /** Feed the machine one event and carry out what it says. */
  function apply(event: TunnelEvent) {
    const next = transition(machine, event, {
      now: now(),
      backoff: (attempt) => backoffDelay(attempt, opts.backoff),
      needsUser: waitsForUser
    })
    machine = next.machine
    for (const effect of next.effects) {
      if (effect.type === 'publish') publishMachine()
      else {
        clearTimeout(retryTimer)
        retryTimer =
          effect.type === 'scheduleRetry'
            ? setTimeout(() => void startAttempt(), effect.delayMs)
            : undefined
      }
    }
  }

  function publishMachine() {
    const phase = machine.phase
    const extra =
      phase.kind === 'connected' && session
        ? { detail: connectedDetail(session) }
        : phase.kind === 'needsUser'
          ? prompts()
          : {}
    publish({ ...statusOf(machine), ...extra })
  }

  /** What "connected" shows: the cipher, and the legacy algorithms in use (a visible warning). */
  const connectedDetail = (s: LiveSession): Record<string, string> => ({
    cipher: s.cipher,
    ...(s.legacy.length > 0 ? { legacyAlgorithms: s.legacy.join(', ') } : {})
  })

  // --- one connection attempt ------------------------------------------------------------------

  async function planFor(role: Role, endpoint: SshEndpoint): Promise<AuthPlan> {
    const outcome = await prepareAuth({
      profileId: profile.id,
      endpoint,
      role,
      secrets: opts.secrets,
      homeDir: opts.homeDir,
      env: opts.env,
      source: 'tunnel',
      allowLegacy: conn.allowLegacyAlgorithms,
      ...(askUser ? { askUser } : {}),
      ...(opts.platform ? { platform: opts.platform } : {})
    })
    if (outcome.ok) return outcome.plan
    if (outcome.prompt) {
      // Ask for a password only once the server is known to answer: for a server that is down
      // or out of reach the prompt would be the wrong cause, and the answer useless.
      await assertReachable(role, endpoint)
      pendingSecret = outcome.prompt
    }
    throw new AppFailure(outcome.error)
  }

  /** Open (and close) a TCP connection to the first hop, through the profile's proxy if it has one; throw the network error. */
  async function assertReachable(role: Role, endpoint: SshEndpoint): Promise<void> {
    // Behind a jump host the SSH host is reached only through it: the jump host's own check covers the way there.
    if (role === 'ssh' && conn.jump) return
    try {
      const target = { host: endpoint.host, port: endpoint.port, protocol: 'ssh' as const }
      const stream = (await network.route(target))
        ? (await network.open(target, connectMs)).stream
        : await openTcp(endpoint.host, endpoint.port, connectMs)
      stream.destroy()
    } catch (error) {
      throw new AppFailure(
        connectError(error, {
          host: endpoint.host,
          port: endpoint.port,
          connectSec: profile.timeouts.connectSec
        })
      )
    }
  }

  /** A refused password is forgotten and asked again (only if the server takes passwords at all). */
  async function afterLoginFailure(
    error: unknown,
    plan: AuthPlan,
    endpoint: SshEndpoint
  ): Promise<never> {
    const e = toAppError(error)
    const kind = plan.secretKind
    if (e.code === 'ssh.auth_failed' && (kind === 'password' || kind === 'jumpPassword')) {
      const server = plan.serverMethods()
      if (!server || /password|keyboard-interactive/.test(server)) {
        await opts.secrets.delete(sshSecretKey(profile.id, kind, endpoint))
        pendingSecret = { kind, host: endpoint.host, retry: true }
      }
    }
    throw new AppFailure(e)
  }

  async function openLiveSession(onLost: (error: AppError) => void): Promise<LiveSession> {
    const hop = async (
      role: Role,
      endpoint: SshEndpoint,
      plan: AuthPlan,
      sock?: Duplex,
      via?: string
    ) =>
      openHop(
        {
          role,
          allowLegacy: conn.allowLegacyAlgorithms,
          knownKeyTypes: await hostKeys.knownTypes(endpoint.host, endpoint.port),
          endpoint,
          plan,
          ...(sock ? { sock } : {}),
          ...(via ? { via } : {}),
          connectSec: profile.timeouts.connectSec,
          keepaliveIntervalSec: conn.keepaliveIntervalSec,
          keepaliveCountMax: conn.keepaliveCountMax,
          verifyHost: hostKeys.verify,
          hostKeyError: () => hostKeys.errorFor(role),
          // KHA_SSH_DEBUG=1: ssh2's protocol trace in the log, for "why does it not connect" (no secrets in it).
          ...(opts.env.KHA_SSH_DEBUG
            ? { debug: (m: string) => logger.debug(`ssh2 ${role}: ${m}`) }
            : {}),
          register: (client) => {
            connecting.add(client)
            client.once('close', () => connecting.delete(client))
          }
        },
        onLost
      ).catch((error: unknown) => afterLoginFailure(error, plan, endpoint))

    // Through the HTTP proxy, when the profile has one for the first host we connect to.
    const firstStream = async (h: Hop): Promise<{ sock?: Duplex; via?: string }> => {
      const target = { host: h.endpoint.host, port: h.endpoint.port, protocol: 'ssh' as const }
      const proxied = await network.route(target)
      if (!proxied) return {}
      const { stream } = await network.open(target, connectMs)
      return { sock: stream, via: `proxy ${proxyName(proxied)}` }
    }
    const opened = await openSession(hopsOf(conn), {
      plan: (h) => planFor(h.role, h.endpoint),
      firstStream,
      login: (h, plan, sock, via) => hop(h.role, h.endpoint, plan, sock, via),
      // close() may come while we read a key file or wait for a hop: do not start the next hop then.
      check: () => {
        if (isClosed()) throw new AppFailure(closedError())
      }
    })
    for (const o of opened) connecting.delete(o.open.client)
    const main = opened.at(-1) as OpenedHop
    const jump = opened.length > 1 ? opened[0]?.open.client : undefined
    const legacy = [...new Set(opened.flatMap((o) => o.open.legacy))]
    return {
      client: main.open.client,
      ...(jump ? { jump } : {}),
      cipher: main.open.negotiated?.cs.cipher ?? '',
      legacy,
      channels: new Set()
    }
  }

  async function endSession(s: LiveSession, reason?: AppError) {
    // Requests in flight fail with the reason the link died, not a bare "socket closed".
    for (const channel of s.channels)
      (channel as Duplex).destroy(reason ? new AppFailure(reason) : undefined)
    await endClient(s.client)
    if (s.jump) await endClient(s.jump)
  }

  function onSessionLost(s: LiveSession, error: AppError) {
    if (isClosed() || session !== s) return
    session = undefined
    logger.warn('ssh tunnel lost', { host: sshName, code: error.code, message: error.message })
    void endSession(
      s,
      appError('ssh.disconnected', `The SSH connection to ${sshName} was lost`, {
        params: { host: conn.ssh.host, port: conn.ssh.port, reason: error.code }
      })
    )
    apply({ type: 'sessionLost', error })
  }

  async function runAttempt(): Promise<void> {
    hostKeys.reset()
    pendingSecret = undefined
    apply({ type: 'attemptStarted' })
    try {
      if (conn.localPort !== null && !localServer)
        localServer = await listenLocalPort(conn.localPort, openChannel, logger)
      // A loss reported before we hold the session (between 'ready' and here) still counts.
      const watch: { live?: LiveSession; lostEarly?: AppError } = {}
      const s = await openLiveSession((error) =>
        watch.live ? onSessionLost(watch.live, error) : (watch.lostEarly = error)
      )
      if (isClosed()) return void (await endSession(s))
      if (watch.lostEarly) {
        await endSession(s)
        throw new AppFailure(watch.lostEarly)
      }
      watch.live = s
      session = s
      logger.info('ssh tunnel connected', { host: sshName, cipher: s.cipher, via: conn.jump?.host })
      if (s.legacy.length > 0)
        logger.warn('ssh tunnel uses legacy algorithms', {
          host: sshName,
          algorithms: s.legacy.join(',')
        })
      apply({ type: 'attemptSucceeded' })
    } catch (error) {
      if (isClosed()) return
      const e = toAppError(error)
      if (waitsForUser(e))
        logger.warn('ssh tunnel needs attention', {
          host: sshName,
          code: e.code,
          message: e.message
        })
      else
        logger.info('ssh tunnel attempt failed', {
          host: sshName,
          code: e.code,
          attempt: machine.failures + 1
        })
      apply({ type: 'attemptFailed', error: e })
    }
  }

  /** The questions for the user, if the last attempt raised one (read here, after the awaits). */
  function prompts(): Pick<ConnectionState, 'hostKeyPrompt' | 'secretPrompt'> {
    const hostKeyPrompt = hostKeys.prompt()
    return {
      ...(hostKeyPrompt ? { hostKeyPrompt } : {}),
      ...(pendingSecret ? { secretPrompt: pendingSecret } : {})
    }
  }

  function startAttempt(): Promise<void> {
    if (isClosed()) return Promise.resolve()
    // Join the attempt that runs. Its failure may already have armed the next retry (the
    // `finally` below comes a few ticks after it): clearing the timer here would leave the tunnel
    // waiting for a retry that never comes.
    if (attemptInFlight) return attemptInFlight
    clearTimeout(retryTimer)
    retryTimer = undefined
    attemptInFlight = runAttempt()
      // runAttempt handles its own failures; this only keeps a bug (a throwing state listener)
      // from becoming an unhandled rejection in the main process.
      .catch((error: unknown) => logger.error('ssh tunnel attempt crashed', { error }))
      .finally(() => (attemptInFlight = undefined))
    return attemptInFlight
  }

  /** After the user answered (trusted a key, gave a secret): try again now, with the answer. */
  async function retryForUser(): Promise<void> {
    apply({ type: 'userRetry' })
    // An attempt started before the answer would not use it: let it end, then start a fresh one.
    await attemptInFlight
    if (!session && !isClosed()) await startAttempt()
  }

  // --- the link --------------------------------------------------------------------------------

  /** Wait until the session is up (starting an attempt now if none runs), at most connectSec. */
  async function ready(): Promise<LiveSession> {
    if (isClosed()) throw new AppFailure(closedError())
    if (session) return session
    if (machine.phase.kind === 'needsUser') throw new AppFailure(machine.phase.error)
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, connectMs)))
    try {
      await Promise.race([startAttempt(), timeout])
    } finally {
      clearTimeout(timer)
    }
    if (session) return session
    if (isClosed()) throw new AppFailure(closedError())
    throw new AppFailure(
      machine.lastError ??
        appError(
          'ssh.timeout',
          `Connecting to ${sshName} took longer than ${profile.timeouts.connectSec} s`,
          {
            params: {
              host: conn.ssh.host,
              port: conn.ssh.port,
              seconds: profile.timeouts.connectSec
            }
          }
        )
    )
  }

  async function openChannel(): Promise<Duplex> {
    const s = await ready()
    try {
      const channel = await forward(s.client, conn.target.host, conn.target.port, conn.ssh.host)
      s.channels.add(channel)
      channel.once('close', () => s.channels.delete(channel))
      return channel
    } catch (error) {
      const e = toAppError(error)
      // The tunnel is up but the far side said no: keep "connected", and show why requests fail.
      if (session === s && (e.code === 'ssh.target_closed' || e.code === 'ssh.forward_refused'))
        apply({ type: 'farSide', error: e })
      throw new AppFailure(e)
    }
  }

  const origin = backendOrigin(profile)
  const agent =
    conn.scheme === 'https'
      ? new StreamHttpsAgent(openChannel, network.tls(conn.target.host, conn.target.port))
      : new StreamHttpAgent(openChannel)
  const link: Link = {
    origin,
    agent,
    async close() {
      agent.destroy()
    }
  }

  void startAttempt()

  return {
    async link() {
      await ready()
      return link
    },
    state: cell.get,
    onState: cell.subscribe,
    markConnected() {
      if (session) apply({ type: 'farSide' })
    },
    reconnect() {
      if (isClosed() || session) return
      apply({ type: 'userRetry' })
      void startAttempt()
    },
    async trustHostKey(fingerprint: string) {
      await hostKeys.trust(fingerprint)
      await retryForUser()
    },
    async provideSecret(value: string, remember: boolean) {
      const p = pendingSecret
      if (!p)
        throw new AppFailure(
          appError('ssh.secret_needed', 'No password or passphrase is being asked for')
        )
      registerSecret(value)
      // Bound to the endpoint of this profile as it is now (secrets.ts): never sent elsewhere.
      await opts.secrets.set(secretKey(profile, p.kind) as string, value, remember)
      pendingSecret = undefined
      await retryForUser()
    },
    async close() {
      if (isClosed()) return
      apply({ type: 'close' })
      asking.abort()
      for (const client of connecting) client.destroy()
      await attemptInFlight?.catch(() => undefined)
      const s = session
      session = undefined
      agent.destroy()
      await Promise.all([s ? endSession(s) : undefined, localServer?.close()])
      localServer = undefined
      cell.set({ ...base, status: 'idle' })
    }
  }
}
