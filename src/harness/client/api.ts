/**
 * Loaded by the web harness before the app's own script (see server.ts): gives the page the same
 * `window.api` the Electron preload gives it, built by the same `buildApi`, with calls and events
 * carried over a WebSocket to the harness's core instead of Electron IPC.
 */
import { buildApi } from '../../shared/ipc/buildApi'
import { harnessSocketPath } from './protocol'
import { createWsTransport, type SocketLike } from './wsTransport'

// The key the harness printed in this page's URL fragment (see server.ts): the socket needs it.
const key = new URLSearchParams(location.hash.slice(1)).get('key') ?? ''
const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${harnessSocketPath}?key=${encodeURIComponent(key)}`
// The browser's WebSocket is a SocketLike; its handler slots are typed with DOM event classes,
// which the transport (kept DOM-free so that it runs under Vitest) does not name.
const api = buildApi(
  createWsTransport(url, (u) => new WebSocket(u) as unknown as SocketLike),
  __KHA_CONTRACT__
)

// Like contextBridge's exposeInMainWorld: the page can use window.api but not replace it.
Object.defineProperty(window, 'api', {
  value: api,
  writable: false,
  configurable: false,
  enumerable: true
})
