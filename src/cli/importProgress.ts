/**
 * On the first start after an upgrade from 0.1 the core imports its history in the background
 * (seconds to a minute); a command that reads the history waits for it. On a terminal, stderr says
 * why and how far, on one line rewritten in place, in the user's language (the app's own strings).
 * Not on a pipe or a file: a script's stderr gets no progress lines.
 */
import type { LegacyImportProgress } from '@shared/conversation'
import { pickLanguage } from '@shared/i18n/errorText'
import { appTranslator } from '@shared/i18n/translator'
import type { Core } from '../core'
import { localeOf } from './i18n'
import type { Io } from './output'

export function showImportProgress(core: Pick<Core, 'onEvent'>, io: Io): () => void {
  if (!io.stderr.isTTY) return () => undefined
  const lng = pickLanguage('system', localeOf(io.env))
  const i18n = appTranslator(lng)
  const count = (n: number) => n.toLocaleString(lng)
  let shown = false
  const line = (p: LegacyImportProgress) =>
    p.state === 'conversations'
      ? i18n.t('app.importing', { done: count(p.done), total: count(p.total) })
      : i18n.t('app.importingSearch', { total: count(p.total) })
  return core.onEvent((event, payload) => {
    if (event !== 'conversations:importProgress') return
    const p = payload as LegacyImportProgress
    if (p.state === 'conversations' || p.state === 'search') {
      // Back to the line's start and clear it: one line that counts up.
      io.stderr.write(`\r${line(p)}\x1b[K`)
      shown = true
    } else if (shown) {
      io.stderr.write('\n')
      shown = false
    }
  })
}
