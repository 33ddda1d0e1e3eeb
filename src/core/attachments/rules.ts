/** What a profile can carry, and the one shape of an attachment's refusal (it names the file). */
import { attachmentLimit, canSendImages, type Attachment } from '@shared/attachments'
import { AppFailure, appError } from '@shared/errors'
import type { BackendContract } from '@shared/profile'
import type { ExtractErrorCode } from './extract'

export function attachmentFailure(
  code: ExtractErrorCode | 'attachment.too_large' | 'attachment.images_unsupported',
  name: string,
  message: string,
  params: Record<string, string | number> = {}
): AppFailure {
  return new AppFailure(appError(code, `${name}: ${message}`, { params: { name, ...params } }))
}

/**
 * Refuse, by name, what the profile cannot carry: an image when its model takes none, documents
 * whose text together is over its limit (the file that crosses it is named). Nothing is stored or
 * sent then, so the composer keeps the typed message and the chips.
 */
export function checkAttachments(
  attachments: readonly Attachment[],
  contract: BackendContract
): void {
  const limit = attachmentLimit(contract)
  let total = 0
  for (const a of attachments) {
    if (a.kind === 'image') {
      if (!canSendImages(contract))
        throw attachmentFailure(
          'attachment.images_unsupported',
          a.name,
          'this server cannot take images'
        )
      continue
    }
    total += a.text.length
    if (total > limit) {
      throw attachmentFailure(
        'attachment.too_large',
        a.name,
        `the attached text is ${total} characters; this profile takes at most ${limit}`,
        { chars: total, limit }
      )
    }
  }
}
