/**
 * SSH tunnel mode (issue 3). The connection manager imports `createTunnelConnector`; the profile
 * form's "import from ~/.ssh/config" uses `readSshConfigHosts`.
 */
export { createTunnelConnector, type TunnelConnectorOptions } from './connector'
export {
  importSshConfig,
  readSshConfigHosts,
  type ImportedHost,
  type ImportOptions
} from './sshConfig'
export { fingerprintSha256 } from './hostKeys'
