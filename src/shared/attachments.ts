/**
 * Attachments: files the user adds to a message. The main process extracts their text (see
 * src/core/attachments); the message then carries each one as a clearly delimited block of text,
 * which every backend contract can take (a query parameter, a JSON field, a history list). Images
 * are the exception: only an OpenAI-compatible profile whose model takes images sends them, as
 * `image_url` parts.
 *
 * How a file travels from the renderer to main: the renderer reads the File's bytes and sends them
 * base64-encoded in `attachments:extract`. One design for both shells: Electron's IPC would carry
 * an ArrayBuffer, but the web harness's JSON WebSocket would not, and a path from
 * `webUtils.getPathForFile` exists only in Electron (and not for a pasted image).
 */

export type AttachmentKind = 'text' | 'image'

export interface Attachment {
  name: string
  /** MIME type, from the file's extension (checked against its content for images). */
  type: string
  /** Size of the original file in bytes. */
  size: number
  kind: AttachmentKind
  /** The extracted text (kind `text`); empty for images. */
  text: string
  /** `data:image/…;base64,…` (kind `image`). */
  dataUrl?: string
}

/** The largest file the app reads at all (before extraction). Base64 of it fits the harness socket's 16 MiB frames. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
/** The largest image sent inline as a data URL. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024

export const textExtensions = [
  'txt',
  'md',
  'markdown',
  'csv',
  'tsv',
  'json',
  'log',
  'pdf',
  'docx',
  'xlsx',
  'hwpx'
] as const
export const imageExtensions = ['png', 'jpg', 'jpeg', 'gif', 'webp'] as const
/** For the file picker's `accept`. `.hwp` is listed so that it gets a clear "save it as HWPX" message, not silence. */
export const acceptedExtensions = [...textExtensions, ...imageExtensions, 'hwp']
  .map((e) => `.${e}`)
  .join(',')

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase()
}

export function isImageName(name: string): boolean {
  return (imageExtensions as readonly string[]).includes(extensionOf(name))
}

/**
 * The characters of extracted text one message may carry for a contract. `0` in the profile means
 * automatic: a GET request carries the message in its URL, which servers cap at a few kilobytes
 * (uvicorn at 16 KiB of request line, and Korean text is 9 bytes a character once URL-encoded).
 */
export function attachmentLimit(contract: {
  method: 'GET' | 'POST'
  attachmentLimit?: number
}): number {
  if (contract.attachmentLimit && contract.attachmentLimit > 0) return contract.attachmentLimit
  return contract.method === 'GET' ? 1500 : 200_000
}

/** A closing tag inside a file's text must not end its block early. */
function escapeBlock(text: string): string {
  return text.replace(/<\/attachment>/gi, '<\\/attachment>')
}

function attributeValue(value: string): string {
  return value.replace(/["\n\r]/g, ' ')
}

/**
 * The text a backend receives for a message: each attached document in its own
 * `<attachment name="…" type="…">…</attachment>` block (tags are what model vendors recommend for
 * delimiting documents in a prompt), then what the user typed. Images are not text: they travel as
 * image parts where the profile allows, and are named in a line otherwise.
 */
export function composeMessage(
  text: string,
  attachments: readonly Attachment[] | undefined
): string {
  if (!attachments || attachments.length === 0) return text
  const blocks = attachments
    .filter((a) => a.kind === 'text')
    .map(
      (a) =>
        `<attachment name="${attributeValue(a.name)}" type="${attributeValue(a.type)}">\n${escapeBlock(a.text)}\n</attachment>`
    )
  return [...blocks, text].filter((part) => part !== '').join('\n\n')
}

/** Characters of extracted text a message's attachments carry (what the per-profile limit counts). */
export function attachedChars(attachments: readonly Attachment[] | undefined): number {
  return (attachments ?? []).reduce((sum, a) => sum + (a.kind === 'text' ? a.text.length : 0), 0)
}

/** `12.3 KB`, `1.2 MB`: a size a chip can show. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** True when a profile sends images: its model takes them, and the new message travels in a list (OpenAI style) where image parts can go. */
export function canSendImages(contract: {
  images?: boolean
  history: { field: string; includeCurrent: boolean }
}): boolean {
  return (
    contract.images === true && contract.history.field !== '' && contract.history.includeCurrent
  )
}
