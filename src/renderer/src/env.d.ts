/// <reference types="vite/client" />
import type { Api } from '@shared/ipc/contract'

declare global {
  interface Window {
    /** The only way the renderer reaches main: built from the IPC contract by the preload. */
    api: Api
  }
}
export {}
