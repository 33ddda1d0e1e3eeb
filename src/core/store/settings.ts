/** UI settings (language, theme, the last open conversation) in `<dataDir>/settings.json`, owned by main like all data. */
import { join } from 'node:path'
import { z } from 'zod'
import type { Settings } from '@shared/ipc/contract'
import { createWriteQueue, readJsonFile, writeJsonFile } from './jsonFile'

const SettingsSchema = z.object({
  language: z.enum(['system', 'ko', 'en']).catch('system'),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  // The conversation open when the app last closed: reopening shows it, not a blank chat.
  lastConversationId: z.string().max(200).nullable().optional().catch(null)
})

export async function openSettingsStore(dataDir: string) {
  const file = join(dataDir, 'settings.json')
  const enqueue = createWriteQueue()
  const loaded = await readJsonFile(file, (raw) => SettingsSchema.parse(raw))
  let settings: Settings =
    loaded.kind === 'ok' ? loaded.value : { language: 'system', theme: 'system' }
  return {
    get: () => settings,
    async set(patch: Partial<Settings>): Promise<Settings> {
      const next = {
        ...settings,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      }
      await enqueue(() => writeJsonFile(file, next))
      settings = next
      return settings
    }
  }
}
