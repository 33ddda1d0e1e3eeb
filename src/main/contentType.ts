import { contentType, lookup } from 'mime-types'

/** The Content-Type for a file of the built renderer, by its extension (UTF-8 for text). */
export function contentTypeFor(path: string): string {
  const type = lookup(path)
  return (type && contentType(type)) || 'application/octet-stream'
}
