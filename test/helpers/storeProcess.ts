/**
 * A second process on the same data folder, for the several-processes tests: it opens the store
 * and appends `turns` finished turns to one conversation, retrying when the conversation is busy
 * (a reply of the other process streams), and prints one JSON line with what it did.
 *   node --import tsx test/helpers/storeProcess.ts DATA_DIR CONVERSATION_ID TURNS TAG
 */
import { AppFailure } from '../../src/shared/errors'
import { silentLogger } from '../../src/core/logger'
import { openConversationStore } from '../../src/core/store/conversations'

async function main() {
  const [dataDir, conversationId, turns, tag] = process.argv.slice(2) as [
    string,
    string,
    string,
    string
  ]
  const store = await openConversationStore(dataDir, silentLogger)
  let done = 0
  let busy = 0
  while (done < Number(turns)) {
    try {
      const t = store.beginTurn({ kind: 'send', conversationId, text: `${tag} question ${done}` })
      // Hold the "stream" a moment so the other process meets a busy conversation now and then.
      await new Promise((r) => setTimeout(r, 2))
      store.finish(t.assistant.id, { status: 'done', text: `${tag} answer ${done}` })
      done++
    } catch (error) {
      if (!(error instanceof AppFailure) || error.error.code !== 'chat.busy') throw error
      busy++
      await new Promise((r) => setTimeout(r, 1))
    }
  }
  store.close()
  process.stdout.write(`${JSON.stringify({ tag, done, busy })}\n`)
}
void main()
