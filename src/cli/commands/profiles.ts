/**
 * `kha-desktop profiles …`: the same profile store as the app (`<dataDir>/profiles.json`), through
 * the same validation. Profiles are named by name (or id) on the command line.
 */
import { promises as fs } from 'node:fs'
import { userInfo } from 'node:os'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { AppFailure } from '@shared/errors'
import type { Profile } from '@shared/profile'
import {
  agentLikelyAvailable,
  importProfiles,
  importSshConfig,
  inlineIncludes,
  profileFileContent,
  type ProfileStore,
  readProfileFile,
  systemAgentProbe
} from '../../core'
import {
  appSecretsForCleanUp,
  callCore,
  cliErrorOf,
  findProfile,
  openProfiles,
  type CliContext
} from '../context'
import { exitCodes } from '../exitCodes'
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

/** Save through the store; field errors come back naming the flags. */
async function save(store: ProfileStore, draft: Record<string, unknown>): Promise<Profile> {
  try {
    return await store.save(draft)
  } catch (error) {
    if (error instanceof AppFailure && error.error.code === 'profile.invalid') {
      const fields = (error.error.fields ?? []).map((f) => ({ ...f, flag: flagForField(f.field) }))
      const names = [...new Set(fields.map((f) => f.flag))].join(', ')
      throw new CliError(
        { code: 'profile.invalid', message: `Invalid profile: check ${names}`, fields },
        exitCodes.usage
      )
    }
    throw cliErrorOf(error) ?? error
  }
}

function ensureUniqueName(store: ProfileStore, name: string, exceptId?: string): void {
  if (store.state().profiles.some((p) => p.name === name && p.id !== exceptId)) {
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
      const store = await openProfiles(ctx)
      const { profiles: list, activeId } = store.state()
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
      const store = await openProfiles(ctx)
      const profile = findProfile(store, name)
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
    const store = await openProfiles(ctx)
    ensureUniqueName(store, name)
    const draft = buildDraft('add', name, opts)
    const profile = await save(store, draft as Record<string, unknown>)
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
    const store = await openProfiles(ctx)
    const existing = findProfile(store, name)
    if (typeof opts.name === 'string') ensureUniqueName(store, opts.name, existing.id)
    const draft = buildDraft('edit', existing.name, opts, existing)
    const profile = await save(store, { ...(draft as Record<string, unknown>), id: existing.id })
    ctx.logger.info('profile edited (cli)', { profile: profile.name })
    ctx.out.result(profile, () => `Saved "${profile.name}": ${describeConnection(profile)}`)
  })

  profiles
    .command('remove')
    .description('remove a profile')
    .argument('<name>', 'profile name (or id)')
    .action(async (name: string, _opts, cmd: Command) => {
      const ctx = contextOf(cmd)
      const store = await openProfiles(ctx)
      const profile = findProfile(store, name)
      // Through the handler, so the profile's stored secrets (API key, passwords) go with it, as in the app.
      const state = await callCore(
        ctx,
        'profiles:remove',
        { id: profile.id },
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
      const store = await openProfiles(ctx)
      const profile = findProfile(store, name)
      const state = await store.select(profile.id)
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
      const store = await openProfiles(ctx)
      const path = resolve(ctx.io.cwd, file)
      const { profiles: list } = store.state()
      try {
        await fs.writeFile(path, profileFileContent(list), { mode: 0o600 })
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
      const store = await openProfiles(ctx)
      let result: { added: string[]; updated: string[] }
      try {
        result = await importProfiles(store, readProfileFile(text))
      } catch (error) {
        if (error instanceof AppFailure && error.error.code === 'profile.bad_file')
          throw new CliError(error.error, exitCodes.usage)
        throw cliErrorOf(error) ?? error
      }
      ctx.logger.info('profiles imported (cli)', {
        added: result.added.length,
        updated: result.updated.length
      })
      ctx.out.result({ ...result, activeId: store.state().activeId }, () => [
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
      const store = await openProfiles(ctx)
      const added: Profile[] = []
      const skipped: Array<{ alias: string; reason: string }> = []
      const warnings: Array<{ alias: string; warning: string }> = []
      for (const host of wanted) {
        if (store.state().profiles.some((p) => p.name === host.draft.name)) {
          skipped.push({ alias: host.alias, reason: 'a profile with this name exists' })
          continue
        }
        added.push(await save(store, host.draft as Record<string, unknown>))
        for (const warning of host.warnings) warnings.push({ alias: host.alias, warning })
      }
      ctx.out.result({ added, skipped, warnings }, () => [
        ...added.map((p) => `Added "${p.name}": ${describeConnection(p)}`),
        ...skipped.map((s) => `Skipped "${s.alias}": ${s.reason}`),
        ...warnings.map((w) => `Note for "${w.alias}": ${w.warning}`),
        ...(wanted.length === 0 ? [`No Host entries to import in ${file}.`] : [])
      ])
    })
}
