/**
 * The preload: exposes `window.api`, built by the same `buildApi` as the web harness's client, and
 * nothing else (no ipcRenderer, no Node). It runs sandboxed, so electron-vite bundles it with its
 * imports into one CommonJS file (see electron.vite.config.ts).
 */
import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from '@shared/ipc/buildApi'
import { ipcRendererTransport } from './transport'

contextBridge.exposeInMainWorld(
  'api',
  buildApi(ipcRendererTransport(ipcRenderer), __KHA_CONTRACT__)
)
