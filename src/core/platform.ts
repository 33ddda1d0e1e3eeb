/**
 * What only the shell can do for the core: open the system browser, show a save dialog. The
 * Electron glue passes `shell.openExternal` and `dialog.showSaveDialog`; the web harness and the
 * CLI pass what they can (or nothing: the call then reports it was not done).
 */
export interface Platform {
  openExternal?(url: string): Promise<void>
  saveFile?(fileName: string, content: string): Promise<{ saved: boolean; path?: string }>
  /**
   * The OS proxy for a URL, as a PAC result (`PROXY host:port; DIRECT`): Electron's
   * `session.defaultSession.resolveProxy`. Used by profiles whose proxy is `system` when the
   * environment names none. Absent in the CLI, the harness and tests (environment only).
   */
  resolveProxy?(url: string): Promise<string>
}
