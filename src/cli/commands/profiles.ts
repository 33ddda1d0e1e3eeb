/**
 * `kha-desktop profiles …`: the same profiles as the app (`<dataDir>/profiles.json`), through the
 * core's own channels (`profiles:list`, `profiles:save`, `profiles:select`, `profiles:export`,
 * `profiles:import`, `profiles:remove`), so validation and the clean-up of stored secrets are the
 * app's. Profiles are named by name (or id) on the command line.
 */
import { promises as fs } from 'node:fs'
import { userInfo } from 'node:os'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { SavedProfile } from '@shared/ipc/contract'
import { secretHeaderValueErrors } from '@shared/credentials'
import type { Profile } from '@shared/profile'
import {
  agentLikelyAvailable,
  type Core,
  importSshConfig,
  inlineIncludes,
  systemAgentProbe
} from '../../core'
import {
  appSecretsForCleanUp,
  dispatchOn,
  findProfile,
  type ProfileList,
  withCore,
  type CliContext
} from '../context'
import { exitCodeForError, exitCodes } from '../exitCodes'
import { CliError, usageError } from '../output'
import { addProfileFlags, buildDraft, flagForField } from '../profileFlags'

type ContextOf = (cmd: Command) => CliContext

/** Where a profile connects, in one line: the URL, or `user@host:port → target`. */
export function describeConnection(p: Profile): string {
  const c = p.connection
  if (c.kind === 'direct') return c.url
  const jump = c.jump ? ` via ${c.jump.username}@${c.jump.host}:${c.jump.port}` : ''
  return `ssh ${c.ssh.username}@${c.ssh.host}:${c.ssh.port}${jump} → ${c.scheme}://${c.target.host}:${c.target.port}`
}

/** `connection.url: http://…` lines, the same dotted names as validation errors. */
export function flatten(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${prefix}: []`]
    return value.flatMap((v, i) => flatten(v, `${prefix}.${i}`))
  }
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      flatten(v, prefix ? `${prefix}.${k}` : k)
    )
  }
  return [`${prefix}: ${value === null ? '(none)' : String(value)}`]
}

/** Field errors of `profile.invalid`, each with the flag that sets it, as the person typed it. */
function invalidProfile(
  fields: Array<{ field: string; code: string; params?: Record<string, string | number> }>
): CliError {
  const named = fields.map((f) => ({ ...f, flag: flagForField(f.field) }))
  const names = [...new Set(named.map((f) => f.flag))].join(', ')
  return new CliError(
    { code: 'profile.invalid', message: `Invalid profile: check ${names}`, fields: named },
    exitCodes.usage
  )
}

/**
 * Save through `profiles:save`; field errors come back naming the flags. A credential header's
 * value is refused here, as the profile store refuses it: the handler would move it to the app's
 * secret store, which is encrypted for the app only (a value the profile already had may stay).
 */
async function save(
  core: Core,
  draft: Record<string, unknown>,
  existing?: Profile
): Promise<Profile> {
  const headers = (draft.contract as { headers?: unknown } | undefined)?.headers
  const secretValues = secretHeaderValueErrors(
    Array.isArray(headers) ? headers : [],
    existing?.contract.headers
  )
  if (secretValues.length > 0) throw invalidProfile(secretValues)
  // An edit is saved only over the profile it was made from (another process may save it meanwhile).
  const res = await core.dispatch('profiles:save', {
    draft,
    ...(existing ? { expected: existing as unknown as Record<string, unknown> } : {})
  })
  if (res.ok) return (res.data as SavedProfile).saved
  if (res.error.code === 'profile.invalid') throw invalidProfile(res.error.fields ?? [])
  throw new CliError(res.error, exitCodeForError(res.error.code))
}

function ensureUniqueName(state: ProfileList, name: string, exceptId?: string): void {
  if (state.profiles.some((p) => p.name === name && p.id !== exceptId)) {
    throw usageError(
      `A profile named "${name}" already exists (change it with \`profiles edit\`)`,
      { params: { name } }
    )
  }
}

export function registerProfileCommands(program: Command, contextOf: ContextOf): void {
  const profiles = program
    .command('profiles')
    .description('list, show, add, edit, remove, export and import connection profiles')

  profiles
    .command('list')
    .description('list the profiles (* = the one the app has selected)')
    .action(async (_opts, cmd: Command) => {
      const ctx = contextOf(cmd)
      const { profiles: list, activeId } = await withCore(ctx, (core) =>
        dispatchOn(core, 'profiles:list')
      )
      ctx.out.result({ profiles: list, activeId }, () =>
        list.length === 0
          ? 'No profiles yet: add one with `kha-desktop profiles add NAME --url URL`.'
          : list.map((p) => `${p.id === activeId ? '*' : ' '} ${p.name}  ${describeConnection(p)}`)
      )
    })

  profiles
    .command('show')
    .description('show every field of a profile')
    .argument('<name>', 'profile name (or id)')
    .action(async (name: string, _opts, cmd: Command) => {
      const ctx = contextOf(cmd)
      const state = await withCore(ctx, (core) => dispatchOn(core, 'profiles:list'))
      const profile = findProfile(state, name)
      ctx.out.result(profile, () => flatten(profile))
    })

  addProfileFlags(
    profiles
      .command('add')
      .description(
        'add a profile: --url URL for a direct connection, or --ssh user@host for an SSH tunnel'
      )
      .argument('<name>', 'a name for the profile'),
    'add'
  ).action(async (name: string, opts: Record<string, unknown>, cmd: Command) => {
    const ctx = contextOf(cmd)
    // The app's stored secrets, for the handler's clean-up of ones the profile can no longer use.
    const profile = await withCore(
      ctx,
      async (core) => {
        ensureUniqueName(await dispatchOn(core, 'profiles:list'), name)
        const draft = buildDraft('add', name, opts)
        return save(core, draft as Record<string, unknown>)
      },
      { secrets: appSecretsForCleanUp(ctx) }
    )
    ctx.logger.info('profile added (cli)', { profile: profile.name })
    ctx.out.result(profile, () => `Added "${profile.name}": ${describeConnection(profile)}`)
  })

  addProfileFlags(
    profiles
      .command('edit')
      .description('change fields of a profile; only the flags given change')
      .argument('<name>', 'profile name (or id)'),
    'edit'
  ).action(async (name: string, opts: Record<string, unknown>, cmd: Command) => {
    const ctx = contextOf(cmd)
    // Re-pointed elsewhere, a profile's stored secrets for the old backend go (profiles:save).
    const profile = await withCore(
      ctx,
      async (core) => {
        const state = await dispatchOn(core, 'profiles:list')
        const existing = findProfile(state, name)
        if (typeof opts.name === 'string') ensureUniqueName(state, opts.name, existing.id)
        const draft = buildDraft('edit', existing.name, opts, existing)
        return save(core, { ...(draft as Record<string, unknown>), id: existing.id }, existing)
      },
      { secrets: appSecretsForCleanUp(ctx) }
    )
    ctx.logger.info('profile edited (cli)', { profile: profile.name })
    ctx.out.result(profile, () => `Saved "${profile.name}": ${describeConnection(profile)}`)
  })

  profiles
    .command('remove')
    .description('remove a profile')
    .argument('<name>', 'profile name (or id)')
    .action(async (name: string, _opts, cmd: Command) => {
      const ctx = contextOf(cmd)
      // Through the handler, so the profile's stored secrets (API key, passwords) go with it, as in the app.
      const { profile, state } = await withCore(
        ctx,
        async (core) => {
          const profile = findProfile(await dispatchOn(core, 'profiles:list'), name)
          return { profile, state: await dispatchOn(core, 'profiles:remove', { id: profile.id }) }
        },
        { secrets: appSecretsForCleanUp(ctx) }
      )
      ctx.logger.info('profile removed (cli)', { profile: profile.name })
      ctx.out.result(
        { removed: profile.id, profiles: state.profiles, activeId: state.activeId },
        () => `Removed "${profile.name}".`
      )
    })

  profiles
    .command('select')
    .description('make a profile the one the app (and commands without --profile) use')
    .argument('<name>', 'profile name (or id)')
    .action(async (name: string, _opts, cmd: Command) => {
      const ctx = contextOf(cmd)
      const { profile, state } = await withCore(ctx, async (core) => {
        const profile = findProfile(await dispatchOn(core, 'profiles:list'), name)
        return { profile, state: await dispatchOn(core, 'profiles:select', { id: profile.id }) }
      })
      ctx.out.result(
        { profiles: state.profiles, activeId: state.activeId },
        () => `Selected "${profile.name}".`
      )
    })

  profiles
    .command('export')
    .description(
      'write every profile to FILE for others to import (passwords and API keys are never included)'
    )
    .argument('<file>', 'the file to write (e.g. company-profiles.json)')
    .action(async (file: string, _opts, cmd: Command) => {
      const ctx = contextOf(cmd)
      const path = resolve(ctx.io.cwd, file)
      const { list, content } = await withCore(ctx, async (core) => ({
        list: (await dispatchOn(core, 'profiles:list')).profiles,
        content: (await dispatchOn(core, 'profiles:export')).content
      }))
      try {
        await fs.writeFile(path, content, { mode: 0o600 })
      } catch (error) {
        throw new CliError(
          {
            code: 'cli.file',
            message: `${path} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
            params: { path }
          },
          exitCodes.failed
        )
      }
      ctx.out.result(
        { file: path, profiles: list.map((p) => p.name) },
        () => `Exported ${list.length} profile(s) to ${path}.`
      )
    })

  profiles
    .command('import')
    .description(
      'add the profiles of a file made by `profiles export` (a profile with the same id is updated)'
    )
    .argument('<file>', 'the profile file')
    .action(async (file: string, _opts, cmd: Command) => {
      const ctx = contextOf(cmd)
      const path = resolve(ctx.io.cwd, file)
      let text: string
      try {
        text = await fs.readFile(path, 'utf8')
      } catch (error) {
        throw new CliError(
          {
            code: 'cli.file',
            message: `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
            params: { path }
          },
          exitCodes.usage
        )
      }
      // A credential header in the file would go to the app's secret store: refused (store.io).
      const imported = await withCore(
        ctx,
        (core) => dispatchOn(core, 'profiles:import', { content: text }),
        { secrets: appSecretsForCleanUp(ctx) }
      )
      const result = { added: imported.added, updated: imported.updated }
      ctx.logger.info('profiles imported (cli)', {
        added: result.added.length,
        updated: result.updated.length
      })
      ctx.out.result({ ...result, activeId: imported.activeId }, () => [
        ...result.added.map((n) => `Added "${n}".`),
        ...result.updated.map((n) => `Updated "${n}".`)
      ])
    })

  profiles
    .command('import-ssh-config')
    .description(
      'add a tunnel profile for each Host of an OpenSSH config file (all, or the HOSTs named)'
    )
    .argument('[hosts...]', 'Host aliases to import (default: every concrete Host)')
    .option('--config <file>', 'the config file (default ~/.ssh/config)')
    .action(async (hosts: string[], opts: { config?: string }, cmd: Command) => {
      const ctx = contextOf(cmd)
      const file = opts.config
        ? resolve(ctx.io.cwd, opts.config)
        : resolve(ctx.homeDir, '.ssh', 'config')
      let text: string
      try {
        text = await fs.readFile(file, 'utf8')
      } catch (error) {
        throw new CliError(
          {
            code: 'cli.file',
            message: `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
            params: { path: file }
          },
          exitCodes.usage
        )
      }
      // Includes are followed as ssh does (relative to ~/.ssh); hosts without a key use the agent
      // when one is there (SSH_AUTH_SOCK, or on Windows the OpenSSH agent service).
      const expanded = await inlineIncludes(text, {
        home: ctx.homeDir,
        platform: process.platform,
        env: ctx.env
      })
      const hasAgent = await agentLikelyAvailable(systemAgentProbe(process.platform, ctx.env))
      const imported = importSshConfig(expanded, {
        defaultUser: ctx.env.USER || ctx.env.USERNAME || userInfo().username,
        hasAgent
      })
      const wanted = hosts.length > 0 ? imported.filter((h) => hosts.includes(h.alias)) : imported
      const missing = hosts.filter((h) => !imported.some((i) => i.alias === h))
      if (missing.length > 0)
        throw new CliError(
          {
            code: 'cli.host_not_found',
            message: `Not in ${file}: ${missing.join(', ')}`,
            params: { hosts: missing.join(',') }
          },
          exitCodes.notFound
        )
      const added: Profile[] = []
      const skipped: Array<{ alias: string; reason: string }> = []
      const warnings: Array<{ alias: string; warning: string }> = []
      await withCore(
        ctx,
        async (core) => {
          for (const host of wanted) {
            const { profiles: list } = await dispatchOn(core, 'profiles:list')
            if (list.some((p) => p.name === host.draft.name)) {
              skipped.push({ alias: host.alias, reason: 'a profile with this name exists' })
              continue
            }
            added.push(await save(core, host.draft as Record<string, unknown>))
            for (const warning of host.warnings) warnings.push({ alias: host.alias, warning })
          }
        },
        { secrets: appSecretsForCleanUp(ctx) }
      )
      ctx.out.result({ added, skipped, warnings }, () => [
        ...added.map((p) => `Added "${p.name}": ${describeConnection(p)}`),
        ...skipped.map((s) => `Skipped "${s.alias}": ${s.reason}`),
        ...warnings.map((w) => `Note for "${w.alias}": ${w.warning}`),
        ...(wanted.length === 0 ? [`No Host entries to import in ${file}.`] : [])
      ])
    })
}
