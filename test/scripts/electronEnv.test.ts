import { describe, expect, it } from 'vitest'
import { electronEnv } from '../../scripts/electron-env.mjs'

describe('the environment npm start gives Electron', () => {
  it('drops ELECTRON_RENDERER_URL and ELECTRON_RUN_AS_NODE, and keeps the rest', () => {
    const env = {
      PATH: '/usr/bin',
      KHA_DATA_DIR: '/tmp/k',
      ELECTRON_RENDERER_URL: 'http://127.0.0.1:9999/',
      ELECTRON_RUN_AS_NODE: '1'
    }
    expect(electronEnv(env)).toEqual({ PATH: '/usr/bin', KHA_DATA_DIR: '/tmp/k' })
    expect(env.ELECTRON_RENDERER_URL).toBe('http://127.0.0.1:9999/')
  })
})
