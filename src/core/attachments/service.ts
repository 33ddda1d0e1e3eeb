/**
 * `attachments:extract`: a file from the composer (or the CLI) becomes an attachment, or is refused
 * by name. Besides what the file itself allows (extract.ts), the selected profile decides: an image
 * needs a model that takes images, and the text must fit the profile's limit, so the user hears it
 * when dropping the file, not after typing the question.
 */
import { MAX_FILE_BYTES, type Attachment } from '@shared/attachments'
import type { BackendContract } from '@shared/profile'
import type { Extractor } from './extractor'
import { attachmentFailure, checkAttachments } from './rules'

/** Bytes from base64, refusing what is not base64 rather than decoding garbage. */
export function bytesFromBase64(name: string, data: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data))
    throw attachmentFailure('attachment.unreadable', name, 'the file arrived damaged')
  return new Uint8Array(Buffer.from(data, 'base64'))
}

export async function extractAttachment(
  extractor: Extractor,
  file: { name: string; bytes: Uint8Array },
  contract: BackendContract | undefined
): Promise<Attachment> {
  if (file.bytes.byteLength > MAX_FILE_BYTES) {
    throw attachmentFailure(
      'attachment.file_too_large',
      file.name,
      `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`,
      { limitMb: MAX_FILE_BYTES / 1024 / 1024 }
    )
  }
  const attachment = await extractor.extract(file.name, file.bytes)
  if (contract) checkAttachments([attachment], contract)
  return attachment
}
