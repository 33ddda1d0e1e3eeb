/**
 * What `npm run dist` promises, checked without building (Electron's binary cannot be downloaded
 * here; the desktop workflow builds the installers): electron-builder.yml passes electron-builder's
 * own schema, the Windows install is per-user without administrator, Linux gets a desktop entry
 * that matches the running window, the icons are real files of the right formats, and the installed
 * app keeps its data in the same folder as the CLI on every platform.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { appDataDir, appName, resolveDataDir } from '../src/core/paths'

const root = join(__dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string
  productName?: string
  desktopName?: string
}
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
> & {
  appId: string
  productName: string
  extraMetadata?: Record<string, unknown>
  linux: {
    target: string[]
    category: string
    icon: string
    executableName: string
    syncDesktopName: boolean
    desktop: { entry: Record<string, string> }
  }
  win: { target: string[]; icon: string }
  nsis: {
    oneClick: boolean
    perMachine: boolean
    packElevateHelper: boolean
    deleteAppDataOnUninstall: boolean
  }
  mac: { target: string[]; icon: string }
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration schema', async () => {
    // Through electron-builder's own dependency, so it is the validator `npm run dist` runs.
    const fromBuilder = createRequire(require.resolve('electron-builder'))
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, l: unknown): Promise<void>
    }
    const { DebugLogger } = fromBuilder('builder-util') as {
      DebugLogger: new (enabled: boolean) => unknown
    }
    await expect(
      validateConfiguration(structuredClone(config), new DebugLogger(false))
    ).resolves.toBeUndefined()
    // …and the validator does refuse a wrong option (so the line above can fail).
    await expect(
      validateConfiguration(
        { ...structuredClone(config), nsis: { oneClick: 'yes' } },
        new DebugLogger(false)
      )
    ).rejects.toThrow(/nsis/)
  })

  it('names the app kha-desktop everywhere, with one app id', () => {
    expect(config.appId).toBe('com.company.kha-desktop')
    expect(config.productName).toBe('kha-desktop')
    expect(config.linux.executableName).toBe('kha-desktop')
  })

  it('Windows: a per-user NSIS install that never asks for administrator rights and keeps the data on uninstall', () => {
    expect(config.win.target).toEqual(['nsis'])
    // oneClick + perMachine false: installs for this user into %LOCALAPPDATA%\Programs, no questions.
    expect(config.nsis).toMatchObject({
      oneClick: true,
      perMachine: false,
      packElevateHelper: false,
      deleteAppDataOnUninstall: false
    })
  })

  it('Linux: AppImage and deb with a desktop entry whose StartupWMClass is the window’s class', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.linux.category.split(';')).toContain('Network')
    // Electron takes the window's WM_CLASS / Wayland app id from package.json desktopName.
    expect(pkg.desktopName).toBe('kha-desktop.desktop')
    expect(config.linux.syncDesktopName).toBe(true)
    expect(config.linux.desktop.entry.StartupWMClass).toBe(
      pkg.desktopName?.replace(/\.desktop$/, '')
    )
    expect(config.mac.target).toEqual(['dmg'])
  })
})

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) }
}

describe('icons (made from build/icon.svg by scripts/make-icons.sh)', () => {
  const build = (p: string) => readFileSync(join(root, 'build', p))

  it('Linux: a PNG per size, each the size its name says', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512])
      expect(pngSize(build(`icons/${size}x${size}.png`))).toEqual({ width: size, height: size })
    expect(config.linux.icon).toBe('build/icons')
  })

  it('Windows: an .ico with every size up to 256 × 256', () => {
    const ico = build('icon.ico')
    expect(config.win.icon).toBe('build/icon.ico')
    expect(ico.readUInt16LE(0)).toBe(0) // reserved
    expect(ico.readUInt16LE(2)).toBe(1) // 1 = icon
    const count = ico.readUInt16LE(4)
    // In the directory, a width byte of 0 means 256.
    const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + i * 16) || 256)
    expect(widths).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]))
  })

  it('macOS: an .icns up to 1024 × 1024 (its ic10 entry)', () => {
    const icns = build('icon.icns')
    expect(config.mac.icon).toBe('build/icon.icns')
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const types: string[] = []
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.subarray(at, at + 4).toString('latin1'))
    expect(types).toEqual(expect.arrayContaining(['ic10', 'ic09', 'ic08']))
  })
})

describe('the installed app’s data folder is the CLI’s', () => {
  // Electron's app.getName(): the packaged package.json's productName, else its name (electron-builder
  // packs package.json, merged with extraMetadata). userData is <appData>/<that name>.
  const packaged = { ...pkg, ...(config.extraMetadata ?? {}) } as {
    name: string
    productName?: string
  }
  const electronName = packaged.productName ?? packaged.name

  it('Electron’s name for the packaged app is the core’s appName, and the installer’s product name', () => {
    expect(electronName).toBe(appName)
    expect(config.productName).toBe(appName)
  })

  const cases: Array<{
    platform: NodeJS.Platform
    homeDir: string
    env: Record<string, string>
    userData: string
  }> = [
    {
      platform: 'win32',
      homeDir: 'C:\\Users\\kim',
      env: { APPDATA: 'C:\\Users\\kim\\AppData\\Roaming' },
      userData: 'C:\\Users\\kim\\AppData\\Roaming\\kha-desktop'
    },
    {
      platform: 'darwin',
      homeDir: '/Users/kim',
      env: {},
      userData: '/Users/kim/Library/Application Support/kha-desktop'
    },
    { platform: 'linux', homeDir: '/home/kim', env: {}, userData: '/home/kim/.config/kha-desktop' },
    {
      platform: 'linux',
      homeDir: '/home/kim',
      env: { XDG_CONFIG_HOME: '/home/kim/.xdg' },
      userData: '/home/kim/.xdg/kha-desktop'
    }
  ]
  for (const c of cases) {
    it(`${c.platform}${c.env.XDG_CONFIG_HOME ? ' with XDG_CONFIG_HOME' : ''}: ${c.userData}`, () => {
      // Electron's rule, from its appData and the packaged app's name…
      const sep = c.platform === 'win32' ? '\\' : '/'
      expect(
        `${appDataDir({ platform: c.platform, homeDir: c.homeDir, env: c.env })}${sep}${electronName}`
      ).toBe(c.userData)
      // …is where the CLI and the web harness look when given no --data-dir.
      expect(
        resolveDataDir(undefined, { platform: c.platform, homeDir: c.homeDir, env: c.env })
      ).toBe(c.userData)
    })
  }

  it('main renames nothing: only KHA_DATA_DIR (tests, portable setups) moves userData', () => {
    const source = readFileSync(join(root, 'src/main/index.ts'), 'utf8')
    expect(source).not.toMatch(/app\.setName\(/)
    const moves = source.split('\n').filter((line) => /setPath\(\s*['"]userData/.test(line))
    expect(moves).toHaveLength(1)
    expect(moves[0]).toMatch(/^if \(process\.env\.KHA_DATA_DIR\) app\.setPath\('userData', /)
  })
})
