import { describe, expect, it } from 'vitest'
import { appDataDir, defaultDataDir, logsDir, resolveDataDir } from './paths'

describe('data folder, as Electron userData for kha-desktop', () => {
  it('Linux: XDG_CONFIG_HOME when absolute, else ~/.config', () => {
    expect(defaultDataDir({ platform: 'linux', homeDir: '/home/kim', env: {} })).toBe(
      '/home/kim/.config/kha-desktop'
    )
    expect(
      defaultDataDir({ platform: 'linux', homeDir: '/home/kim', env: { XDG_CONFIG_HOME: '/xdg' } })
    ).toBe('/xdg/kha-desktop')
    expect(
      appDataDir({ platform: 'linux', homeDir: '/home/kim', env: { XDG_CONFIG_HOME: 'relative' } })
    ).toBe('/home/kim/.config')
  })
  it('macOS: ~/Library/Application Support', () => {
    expect(defaultDataDir({ platform: 'darwin', homeDir: '/Users/kim', env: {} })).toBe(
      '/Users/kim/Library/Application Support/kha-desktop'
    )
  })
  it('Windows: %APPDATA%', () => {
    expect(
      defaultDataDir({
        platform: 'win32',
        homeDir: 'C:\\Users\\kim',
        env: { APPDATA: 'C:\\Users\\kim\\AppData\\Roaming' }
      })
    ).toBe('C:\\Users\\kim\\AppData\\Roaming\\kha-desktop')
    expect(defaultDataDir({ platform: 'win32', homeDir: 'C:\\Users\\kim', env: {} })).toBe(
      'C:\\Users\\kim\\AppData\\Roaming\\kha-desktop'
    )
  })
  it('--data-dir, then KHA_DATA_DIR, then the default', () => {
    expect(resolveDataDir('/tmp/x', { env: { KHA_DATA_DIR: '/tmp/y' } })).toBe('/tmp/x')
    expect(resolveDataDir(undefined, { env: { KHA_DATA_DIR: '/tmp/y' } })).toBe('/tmp/y')
    expect(resolveDataDir(undefined, { env: {}, platform: 'linux', homeDir: '/home/kim' })).toBe(
      '/home/kim/.config/kha-desktop'
    )
    expect(logsDir('/d')).toBe('/d/logs')
  })
})
