/**
 * The app's name and version, from package.json and nowhere else: Electron's app.getVersion()
 * reads the same file, and the CLI's --version, the harness's and the bench's appInfo read it here.
 */
import { name, version } from '../../package.json'

export const packageName: string = name
export const appVersion: string = version
