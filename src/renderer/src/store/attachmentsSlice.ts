/**
 * Files in the composer. Each dropped, pasted or picked file is read here (FileReader, off the
 * page's main thread) and handed to main as base64, which extracts its text in a worker thread; the
 * renderer never parses a document. A refused file is named in the composer's error line and
 * leaves the typed text and the other chips as they were.
 */
import { MAX_FILE_BYTES } from '@shared/attachments'
import { appError } from '@shared/errors'
import { service } from '../api'
import type { AttachmentsSlice, ComposerFile, Slice } from './types'

/** The file's bytes as base64, read by the browser itself (a data: URL minus its header). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}

let nextId = 1

export const createAttachmentsSlice: Slice<AttachmentsSlice> = (set, get) => {
  const update = (key: string, change: (files: ComposerFile[]) => ComposerFile[]) =>
    set((s) => ({
      composerFiles: { ...s.composerFiles, [key]: change(s.composerFiles[key] ?? []) }
    }))
  const refuse = (key: string, error: AttachmentsSlice['attachErrors'][string]) =>
    set((s) => ({ attachErrors: { ...s.attachErrors, [key]: error } }))

  async function attachOne(key: string, file: File) {
    if (file.size > MAX_FILE_BYTES) {
      refuse(
        key,
        appError('attachment.file_too_large', `${file.name}: too large`, {
          params: { name: file.name }
        })
      )
      return
    }
    const id = `f${nextId++}`
    update(key, (files) => [...files, { id, name: file.name, size: file.size, attachment: null }])
    let data: string
    try {
      data = await readAsBase64(file)
    } catch {
      update(key, (files) => files.filter((f) => f.id !== id))
      refuse(
        key,
        appError('attachment.unreadable', `${file.name}: could not be read`, {
          params: { name: file.name }
        })
      )
      return
    }
    const res = await service.attachments.extract({ name: file.name, data: data })
    // The chip may have been removed (or the composer sent) meanwhile: then the result is dropped.
    if (!(get().composerFiles[key] ?? []).some((f) => f.id === id)) return
    if (!res.ok) {
      update(key, (files) => files.filter((f) => f.id !== id))
      refuse(key, res.error)
      return
    }
    update(key, (files) => files.map((f) => (f.id === id ? { ...f, attachment: res.data } : f)))
  }

  return {
    composerFiles: {},
    attachErrors: {},
    async attachFiles(key, files) {
      refuse(key, null)
      await Promise.all(files.map((file) => attachOne(key, file)))
    },
    removeFile(key, id) {
      update(key, (files) => files.filter((f) => f.id !== id))
      refuse(key, null)
    },
    clearFiles(key) {
      set((s) => {
        const composerFiles = { ...s.composerFiles }
        delete composerFiles[key]
        return { composerFiles, attachErrors: { ...s.attachErrors, [key]: null } }
      })
    }
  }
}
