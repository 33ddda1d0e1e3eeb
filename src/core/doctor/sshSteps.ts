/**
 * The SSH part of a tunnel profile's check, built on the tunnel's own modules (auth.ts for the
 * login method and secrets, session.ts for the ssh2 client with its strict settings, knownHosts.ts
 * for the host key decision, sshErrors.ts for the messages), so the doctor fails exactly where and
 * why the real tunnel would.
 *
 * ssh2 does the handshake and the login in one `connect`; the doctor splits them at the moment
 * ssh2 first asks for a login method, which it does only after the key exchange and our host key
 * check have passed. With a jump host the steps run twice, first for the jump host, then for the
 * SSH host reached through it; each such step carries `hop` in its detail.
 */
import type { Duplex } from 'node:stream'
import type { Client, ClientChannel } from 'ssh2'
import { AppFailure, appError, type AppError } from '@shared/errors'
import type { SshEndpoint, TunnelConnection } from '@shared/profile'
import type { Link } from '../connection/link'
import { StreamHttpAgent, StreamHttpsAgent } from '../connection/agents'
import type { TlsPolicy } from '../connection/tls/secure'
import { prepareAuth, type AuthPlan, type Role } from '../connection/tunnel/auth'
import { hostsForgetCommand, type AuthPromptQuestion } from '@shared/connection'
import { legacyUsed } from '../connection/tunnel/algorithms'
import { fingerprintSha256, keyTypeOf } from '../connection/tunnel/hostKeys'
import { knownHostsFiles, knownKeyTypesFor, verifyHostKey } from '../connection/tunnel/knownHosts'
import { hopsOf, openNextHop, type OpenedHop } from '../connection/tunnel/openSession'
import { endClient, forward, openHop, type OpenHop } from '../connection/tunnel/session'
import { proxySockKey } from './networkSteps'
import { DoctorStepFailure, type DoctorContext, type StepDef, type StepDetail } from './types'

interface HopState {
  role: Role
  endpoint: SshEndpoint
  /** Resolves once the client is logged in; rejects with AppFailure. */
  ready: Promise<OpenHop>
  /** Why no login could even be attempted (no key file, no secret), reported by `ssh_auth`. */
  authError?: AppError
  hostKey?: { keyType: string; fingerprint: string }
  /** Legacy algorithms the handshake settled on (only with the profile's permission). */
  legacy?: string[]
  client?: Client
  /** For agent logins: which agents were tried, shown with the login step. */
  agentTried?: string
}

function tunnelOf(ctx: DoctorContext): TunnelConnection {
  if (ctx.profile.connection.kind !== 'tunnel') throw new Error('not a tunnel profile')
  return ctx.profile.connection
}

function endpointOf(ctx: DoctorContext, role: Role): SshEndpoint {
  const c = tunnelOf(ctx)
  if (role === 'jump') {
    if (!c.jump) throw new Error('no jump host')
    return c.jump
  }
  return c.ssh
}

const hopKey = (role: Role) => `ssh:${role}`
const hopOf = (ctx: DoctorContext, role: Role) => ctx.bag.get(hopKey(role)) as HopState | undefined

function hopDetail(ctx: DoctorContext, role: Role, extra: StepDetail = {}): StepDetail {
  const e = endpointOf(ctx, role)
  return { ...(tunnelOf(ctx).jump ? { hop: role } : {}), host: `${e.host}:${e.port}`, ...extra }
}

/** Logs in with nothing: used when the login method could not be prepared, so the handshake is still checked. */
const noLogin: AuthPlan = {
  authHandler: () => false,
  methods: 'none',
  serverMethods: () => undefined
}

function hostKeyFailure(
  verdict: 'unknown' | 'changed' | 'revoked',
  e: SshEndpoint,
  keyType: string,
  fingerprint: string,
  source?: string
): AppError {
  const params = { host: e.host, port: e.port, keyType, fingerprint }
  if (verdict === 'unknown') {
    return appError(
      'ssh.hostkey_unknown',
      `The SSH server ${e.host}:${e.port} is not known yet: its ${keyType} key is ${fingerprint}. Compare it with the server's and trust it in the app to go on.`,
      { params }
    )
  }
  const where = source ? ` (the known key is in ${source})` : ''
  const command = hostsForgetCommand(e.host, e.port)
  return appError(
    'ssh.hostkey_changed',
    verdict === 'revoked'
      ? `The SSH server ${e.host}:${e.port} presented a revoked key (${fingerprint}). Do not connect.`
      : `The key of the SSH server ${e.host}:${e.port} has changed: it is now ${keyType} ${fingerprint}${where}. This can mean someone is intercepting the connection; ask the server's administrator, and only if they confirm the new key, remove the old one with: ${command}`,
    { params: { ...params, ...(verdict === 'revoked' ? { reason: 'revoked' } : { command }) } }
  )
}

/**
 * The server refused every modern algorithm: shake hands once more with the legacy ones allowed,
 * only to learn which ones it needs (no login is attempted and nothing secret is sent, so the host
 * key need not be trusted for this), and name them all in the failure.
 */
async function probeLegacy(
  ctx: DoctorContext,
  role: Role,
  endpoint: SshEndpoint,
  sock: Duplex | undefined
): Promise<string[] | undefined> {
  const c = tunnelOf(ctx)
  let needs: string[] | undefined
  let reached!: () => void
  const atLogin = new Promise<void>((resolve) => (reached = resolve))
  const attempt = openHop(
    {
      role,
      endpoint,
      plan: { ...noLogin, authHandler: () => (reached(), false) },
      ...(sock ? { sock } : {}),
      connectSec: ctx.profile.timeouts.connectSec,
      keepaliveIntervalSec: c.keepaliveIntervalSec,
      keepaliveCountMax: c.keepaliveCountMax,
      allowLegacy: true,
      knownKeyTypes: [],
      verifyHost: async () => true,
      hostKeyError: () => undefined,
      onHandshake: (n) => (needs = legacyUsed(n)),
      register(client) {
        ctx.defer(() => endClient(client))
        void atLogin.then(() => client.destroy())
      }
    },
    () => undefined
  )
  await Promise.race([atLogin, attempt.catch(() => undefined)])
  return needs
}

function handshakeStep(role: Role): StepDef {
  return {
    id: 'ssh_handshake',
    async run(ctx) {
      const c = tunnelOf(ctx)
      const endpoint = endpointOf(ctx, role)
      const files = knownHostsFiles({
        homeDir: ctx.deps.homeDir,
        dataDir: ctx.deps.dataDir,
        env: ctx.deps.env,
        ...(c.knownHostsPath ? { extraPath: c.knownHostsPath } : {})
      })
      const knownKeyTypes = await knownKeyTypesFor(files, endpoint.host, endpoint.port)
      const state: HopState = { role, endpoint, ready: Promise.reject(new Error('not started')) }
      state.ready.catch(() => undefined)
      ctx.bag.set(hopKey(role), state)

      // Through the HTTP proxy (the first hop only): the stream the `proxy` step opened.
      const isFirstHop = role === 'jump' || !c.jump
      const proxySock = isFirstHop ? (ctx.bag.get(proxySockKey) as Duplex | undefined) : undefined
      if (proxySock) ctx.bag.delete(proxySockKey)
      // Through the jump host, logged in by the previous steps: the same next hop as the tunnel's openSession.
      const jump = role === 'ssh' ? hopOf(ctx, 'jump') : undefined
      const previous: OpenedHop | undefined = jump?.client
        ? {
            hop: { role: 'jump', endpoint: jump.endpoint },
            open: { client: jump.client, legacy: [] }
          }
        : undefined

      let refused: AppError | undefined
      let loginStarted = false
      let reachedLogin!: () => void
      const handshakeDone = new Promise<void>((resolve) => (reachedLogin = resolve))
      const askUser = ctx.deps.askUser
      state.ready = openNextHop(
        previous,
        { role, endpoint },
        {
          async plan() {
            const auth = await prepareAuth({
              profileId: ctx.profile.id,
              endpoint,
              role,
              secrets: ctx.deps.secrets,
              homeDir: ctx.deps.homeDir,
              env: ctx.deps.env,
              source: 'doctor',
              allowLegacy: c.allowLegacyAlgorithms,
              // Stopping the check withdraws its question too.
              ...(askUser
                ? { askUser: (q: AuthPromptQuestion) => askUser(q, ctx.opts.signal) }
                : {})
            })
            // No login can be tried (no key file, no secret): the handshake is still checked, and ssh_auth reports why.
            if (!auth.ok) state.authError = auth.error
            else if (auth.plan.agentTried) state.agentTried = auth.plan.agentTried
            const plan = auth.ok ? auth.plan : noLogin
            return {
              ...plan,
              authHandler: (left, partial, next) => {
                reachedLogin()
                return plan.authHandler(left, partial, next)
              }
            }
          },
          firstStream: async () => (proxySock ? { sock: proxySock, via: 'the proxy' } : {}),
          login(_hop, plan, sock, via) {
            loginStarted = true
            return openHop(
              {
                role,
                endpoint,
                plan,
                ...(sock ? { sock, via: via ?? 'the proxy' } : {}),
                connectSec: ctx.profile.timeouts.connectSec,
                keepaliveIntervalSec: c.keepaliveIntervalSec,
                keepaliveCountMax: c.keepaliveCountMax,
                allowLegacy: c.allowLegacyAlgorithms,
                knownKeyTypes,
                onHandshake: (n) => (state.legacy = legacyUsed(n)),
                async verifyHost(_role, host, port, key) {
                  const keyType = keyTypeOf(key)
                  const fingerprint = fingerprintSha256(key)
                  state.hostKey = { keyType, fingerprint }
                  const verdict = await verifyHostKey(files, host, port, key)
                  if (verdict.verdict === 'known') return true
                  const source =
                    verdict.verdict === 'changed' ? verdict.entries[0]?.source : undefined
                  refused = hostKeyFailure(verdict.verdict, endpoint, keyType, fingerprint, source)
                  return false
                },
                hostKeyError: () => refused,
                register(client) {
                  ctx.defer(() => endClient(client))
                  // Stopping the check ends a handshake in progress at once (not after readyTimeout).
                  ctx.opts.signal?.addEventListener('abort', () => client.destroy(), { once: true })
                }
              },
              () => undefined
            )
          }
        }
      )
      state.ready.catch(() => undefined)
      state.ready.then(
        (open) => void (state.client = open.client),
        () => undefined
      )

      const hostKeyDetail = (): StepDetail => ({
        ...(state.hostKey
          ? { keyType: state.hostKey.keyType, fingerprint: state.hostKey.fingerprint }
          : {}),
        // Said on success too: the profile allows legacy algorithms and this server needed them.
        ...(state.legacy?.length ? { legacyAlgorithms: state.legacy.join(', ') } : {})
      })
      try {
        await Promise.race([handshakeDone, state.ready])
      } catch (error) {
        let err =
          refused ??
          (error instanceof AppFailure ? error.error : appError('ssh.disconnected', String(error)))
        if (err.code === 'ssh.legacy_algorithms' && !proxySock) {
          // A second channel through the jump host; through a proxy the probe is skipped (its stream is used up).
          const probeSock = jump?.client
            ? await forward(jump.client, endpoint.host, endpoint.port, jump.endpoint.host).catch(
                () => undefined
              )
            : undefined
          const needs =
            jump?.client && !probeSock
              ? undefined
              : await probeLegacy(ctx, role, endpoint, probeSock)
          if (needs?.length)
            err = {
              ...err,
              params: { ...err.params, needs: needs.join(', ') },
              message: err.message.replace(/\(([^)]*)\)/, `(${needs.join(', ')})`)
            }
        }
        // The way to this hop failed before any handshake (the jump host could not reach it): say through which.
        throw new DoctorStepFailure(
          err,
          hopDetail(
            ctx,
            role,
            !loginStarted && previous ? { via: previous.hop.endpoint.host } : hostKeyDetail()
          )
        )
      }
      return hopDetail(ctx, role, hostKeyDetail())
    }
  }
}

function authStep(role: Role): StepDef {
  return {
    id: 'ssh_auth',
    async run(ctx) {
      const state = hopOf(ctx, role)
      if (!state) throw new AppFailure(appError('internal', 'The SSH handshake did not run'))
      const endpoint = state.endpoint
      try {
        const open = await state.ready
        state.client = open.client
        return hopDetail(ctx, role, {
          user: endpoint.username,
          method: endpoint.auth,
          ...(state.agentTried ? { agent: state.agentTried } : {}),
          ...(open.negotiated ? { cipher: open.negotiated.cs.cipher } : {})
        })
      } catch (error) {
        const err =
          state.authError ??
          (error instanceof AppFailure ? error.error : appError('ssh.auth_failed', String(error)))
        throw new DoctorStepFailure(
          err,
          hopDetail(ctx, role, {
            user: endpoint.username,
            method: endpoint.auth,
            ...(state.agentTried ? { agent: state.agentTried } : {})
          })
        )
      }
    }
  }
}

const targetKey = 'ssh:target'
type TargetState = { channel: ClientChannel } | { error: AppError }

function sshClient(ctx: DoctorContext): { client: Client; host: string } {
  const state = hopOf(ctx, 'ssh')
  if (!state?.client) throw new AppFailure(appError('internal', 'The SSH login did not complete'))
  return { client: state.client, host: state.endpoint.host }
}

/** The tunnel's own agents: every socket is a fresh `direct-tcpip` channel to the target on this client. */
export function tunnelLink(
  client: Client,
  sshHost: string,
  c: TunnelConnection,
  tls: TlsPolicy
): Link {
  const origin = new URL(
    `${c.scheme}://${c.target.host.includes(':') ? `[${c.target.host}]` : c.target.host}:${c.target.port}`
  )
  const open = () => forward(client, c.target.host, c.target.port, sshHost)
  const agent =
    c.scheme === 'https'
      ? new StreamHttpsAgent(open, tls, { keepAlive: false })
      : new StreamHttpAgent(open, { keepAlive: false })
  return {
    origin,
    agent,
    async close() {
      agent.destroy()
    }
  }
}

const forwardStep: StepDef = {
  id: 'forward',
  async run(ctx) {
    const c = tunnelOf(ctx)
    const { client, host } = sshClient(ctx)
    const target = `${c.target.host}:${c.target.port}`
    try {
      const channel = await forward(client, c.target.host, c.target.port, host)
      ctx.bag.set(targetKey, { channel } satisfies TargetState)
      ctx.defer(() => channel.destroy())
    } catch (error) {
      const err =
        error instanceof AppFailure ? error.error : appError('ssh.disconnected', String(error))
      // The server tried to connect to the target and could not: forwarding itself works, and the
      // next step reports the target.
      if (err.code !== 'ssh.target_closed') throw new DoctorStepFailure(err, { target })
      ctx.bag.set(targetKey, { error: err } satisfies TargetState)
    }
    const link = tunnelLink(client, host, c, ctx.network.tls(c.target.host, c.target.port))
    ctx.link = link
    ctx.openStream = () => forward(client, c.target.host, c.target.port, host)
    ctx.defer(() => link.close())
    return { target, via: host }
  }
}

const targetStep: StepDef = {
  id: 'target',
  async run(ctx) {
    const c = tunnelOf(ctx)
    const state = ctx.bag.get(targetKey) as TargetState | undefined
    const target = `${c.target.host}:${c.target.port}`
    if (!state) throw new AppFailure(appError('internal', 'The forward was not opened'))
    if ('error' in state) throw new DoctorStepFailure(state.error, { target })
    // The channel is open: the SSH server connected to the target (OpenSSH confirms a
    // direct-tcpip channel only once its connect() succeeded).
    state.channel.destroy()
    return { target }
  }
}

/** The SSH hops (jump host first, when there is one), the forward and the target. */
export function hopSteps(profile?: { connection: { kind: string; jump?: unknown } }): StepDef[] {
  // The same hops, in the same order, as the tunnel's openSession; each split into its two checks.
  const roles: Role[] =
    profile?.connection.kind === 'tunnel'
      ? hopsOf(profile.connection as TunnelConnection).map((h) => h.role)
      : ['ssh']
  return [
    ...roles.flatMap((role) => [handshakeStep(role), authStep(role)]),
    forwardStep,
    targetStep
  ]
}
