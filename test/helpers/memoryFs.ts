/**
 * An in-memory file system of exact Windows paths (compared without regard to case, as NTFS and
 * the \\wsl.localhost share do), for the Windows and WSL logic's unit tests. Records every read.
 */
import { win32 } from 'node:path'
import type { ConfigFs } from '../../src/core/connection/tunnel/sshConfig'

export function memoryWindowsFs(files: Record<string, string>): ConfigFs & { reads: string[] } {
  const norm = (p: string) => win32.normalize(p).replace(/\\$/, '').toLowerCase()
  const byPath = new Map(Object.entries(files).map(([p, text]) => [norm(p), text]))
  const reads: string[] = []
  const enoent = (path: string) =>
    Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' })
  return {
    reads,
    async readFile(path) {
      reads.push(path)
      const text = byPath.get(norm(path))
      if (text === undefined) throw enoent(path)
      return text
    },
    async readdir(dir) {
      const parent = norm(dir)
      const names = new Set<string>()
      for (const p of Object.keys(files)) {
        // Every folder on the way down to a file exists too.
        let child = win32.normalize(p)
        while (norm(win32.dirname(child)) !== parent && win32.dirname(child) !== child)
          child = win32.dirname(child)
        if (norm(win32.dirname(child)) === parent && win32.dirname(child) !== child)
          names.add(win32.basename(child))
      }
      if (names.size === 0) throw enoent(dir)
      // Folder listings come in no promised order.
      return [...names].reverse()
    }
  }
}
