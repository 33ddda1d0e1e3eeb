/**
 * Several processes on one data folder (issue 15 item 6), on real database files: two processes
 * writing one conversation lose nothing; a process killed mid-reply leaves its partial reply,
 * marked stopped on the next open; a running core sees another process's change by itself, polling
 * the store about twice a second (a conversation, a profile).
 */
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/core/logger'
import { openConversationStore } from '../../src/core/store/conversations'
import { testCores, withBackend } from '../helpers/integration'
import { addTextProfile, runCli, spawnCli } from '../helpers/cli'
import { tempDir } from '../helpers/tempDir'

const root = resolve(__dirname, '../..')
const env = { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') }

function node(args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
    stdout: string
    stderr: string
  }>((res) => child.on('close', (code, signal) => res({ code, signal, stdout, stderr })))
  return { child, exited }
}

let data: { dir: string; cleanup(): void }
beforeEach(() => (data = tempDir('kha-procs-')))
afterEach(() => data.cleanup())

describe('several processes on one data folder', () => {
  it('two processes writing one conversation at once: every turn stored, in order, each reply under its question', async () => {
    const s = await openConversationStore(data.dir, silentLogger)
    const c = await s.create()
    s.close()
    const script = join(root, 'test/helpers/storeProcess.ts')
    const a = node(['--import', 'tsx', script, data.dir, c.id, '40', 'A'])
    const b = node(['--import', 'tsx', script, data.dir, c.id, '40', 'B'])
    const [ra, rb] = await Promise.all([a.exited, b.exited])
    expect(ra.stderr + rb.stderr).toBe('')
    expect([ra.code, rb.code]).toEqual([0, 0])

    const check = await openConversationStore(data.dir, silentLogger)
    const path = (await check.get(c.id)).messages
    check.close()
    expect(path).toHaveLength(160)
    for (let i = 0; i < path.length; i += 2) {
      const [q, r] = [path[i]!, path[i + 1]!]
      expect(q.role).toBe('user')
      expect(r).toMatchObject({
        role: 'assistant',
        status: 'done',
        parentId: q.id,
        text: q.text.replace('question', 'answer')
      })
    }
    for (const tag of ['A', 'B']) {
      expect(
        path.filter((m) => m.role === 'user' && m.text.startsWith(tag)).map((m) => m.text)
      ).toEqual(Array.from({ length: 40 }, (_, i) => `${tag} question ${i}`))
    }
  })

  describe('with the reference backend', () => {
    const backend = withBackend()
    const cores = testCores()

    async function addProfile() {
      const cli = await runCli(
        addTextProfile(
          'ref',
          backend.url,
          '--param',
          'tokens=60',
          '--header',
          'X-Test-Delay-Ms: 100'
        ),
        { home: data.dir, dataDir: data.dir }
      )
      expect(cli.code).toBe(0)
    }

    it('a process killed mid-reply leaves the text it had, marked stopped on the next open; a second send meanwhile is refused', async () => {
      await addProfile()
      const chat = spawnCli(['chat', '--profile', 'ref', '배포 절차 설명해줘'], {
        home: data.dir,
        dataDir: data.dir
      })
      // Wait for the stored reply to hold some text (written at least twice a second while it streams).
      const watcher = await openConversationStore(data.dir, silentLogger)
      let partial = ''
      let conversationId = ''
      for (let i = 0; i < 200 && !partial; i++) {
        await new Promise((r) => setTimeout(r, 100))
        const summary = watcher.list()[0]
        if (!summary) continue
        conversationId = summary.id
        const reply = (await watcher.get(summary.id)).messages[1]
        if (reply?.status === 'streaming' && reply.text) partial = reply.text
      }
      expect(partial).not.toBe('')
      // The CLI's reply is live: another process may not send into the conversation now.
      expect(() => watcher.beginTurn({ kind: 'send', conversationId, text: 'me too' })).toThrow(
        expect.objectContaining({ error: expect.objectContaining({ code: 'chat.busy' }) })
      )
      chat.child.kill('SIGKILL')
      expect((await chat.done).signal).toBe('SIGKILL')
      watcher.close()

      const reopened = await openConversationStore(data.dir, silentLogger)
      const reply = (await reopened.get(conversationId)).messages[1]!
      expect(reply.status).toBe('stopped')
      expect(reply.text.startsWith(partial)).toBe(true)
      // And the conversation takes a new turn again.
      expect(() =>
        reopened.beginTurn({ kind: 'send', conversationId, text: 'again' })
      ).not.toThrow()
      reopened.close()
    })

    it('a running core sees a conversation another process wrote, by itself', async () => {
      await addProfile()
      const core = await cores.start({ dataDir: data.dir })
      const changed = core.next(
        'conversations:changed',
        (p) => p.summaries.some((s) => s.title === 'from the command line'),
        // The CLI starts a whole core first: on a loaded two-core machine that alone takes seconds.
        20_000
      )
      const chat = spawnCli(['chat', '--profile', 'ref', 'from the command line'], {
        home: data.dir,
        dataDir: data.dir
      })
      const event = await changed
      expect(event.summaries[0]?.title).toBe('from the command line')
      chat.child.kill()
      await chat.done
    })

    it('a running core sees a profile another process edited, and its next save keeps what that process wrote', async () => {
      await addProfile()
      const core = await cores.start({ dataDir: data.dir })
      const [ref] = (await core.ok('profiles:list')).profiles
      const changed = core.next(
        'profiles:changed',
        (p) => p.profiles.some((x) => x.id === ref!.id && x.timeouts.idleSec === 42),
        20_000
      )
      const cli = await runCli(['profiles', 'edit', 'ref', '--idle-timeout', '42'], {
        home: data.dir,
        dataDir: data.dir
      })
      expect(cli.code).toBe(0)
      const edited = (await changed).profiles.find((x) => x.id === ref!.id)!
      // A second profile from the command line, then at once a save here: it lands on the file as
      // the command line left it, whether or not this core has polled since.
      expect(
        (await runCli(addTextProfile('other', backend.url), { home: data.dir, dataDir: data.dir }))
          .code
      ).toBe(0)
      await core.ok('profiles:save', { draft: { ...edited, name: 'renamed here' } })
      const listed = await runCli(['profiles', 'list', '--json'], {
        home: data.dir,
        dataDir: data.dir
      })
      const stored = (
        JSON.parse(listed.stdout) as {
          profiles: Array<{ name: string; timeouts: { idleSec: number } }>
        }
      ).profiles
      expect(stored.map((p) => [p.name, p.timeouts.idleSec])).toEqual([
        ['renamed here', 42],
        ['other', expect.any(Number)]
      ])
    })
  })
})
