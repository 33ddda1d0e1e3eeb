/**
 * A file the core made (a conversation's export, the backup, the profiles file) handed to the
 * person: a download in the browser, the save dialog in the app; a toast says where it went, with
 * the caller's sentence (`savedKey`, given `{{fileName}}`). Cancelling the dialog says nothing.
 */
import type { ExportedFile } from '@shared/ipc/contract'
import { downloadFile, service } from '../api'
import type { Store } from './types'

export async function saveExported(
  get: () => Store,
  file: ExportedFile,
  savedKey: 'chat.exported' | 'profileFile.exported'
): Promise<void> {
  if (get().appInfo?.shell === 'web') {
    downloadFile(file)
    get().notify({ tone: 'info', key: savedKey, params: { fileName: file.fileName } })
    return
  }
  const saved = await service.app.saveFile({ fileName: file.fileName, content: file.content })
  if (!saved.ok) get().notify({ tone: 'error', error: saved.error })
  else if (saved.data.saved)
    get().notify({
      tone: 'info',
      key: savedKey,
      params: { fileName: saved.data.path ?? file.fileName }
    })
}
