/**
 * Which error paths the profile form shows an input for, so that an error main reports lands
 * next to its input, opens "Advanced settings" when it is in there, or is listed at the top.
 */
import type { ProfileFormState } from './profileDraft'

/** Error paths that have an input on screen now; others are listed at the top of the form. */
export function visiblePaths(f: ProfileFormState): Set<string> {
  const paths = [
    'name',
    'contract.method',
    'contract.path',
    'contract.messageField',
    'contract.replyFormat',
    'contract.replyField',
    'contract.healthPath',
    'contract.model',
    'contract.auth',
    'contract.systemPrompt',
    'contract.attachmentLimit',
    'timeouts.connectSec',
    'timeouts.idleSec',
    'limits.replyKiB',
    'limits.eventKiB'
  ]
  paths.push(
    ...[
      'mode',
      'turns',
      'field',
      'roleField',
      'contentField',
      'userRole',
      'assistantRole',
      'systemRole'
    ].map((k) => `contract.history.${k}`)
  )
  if (f.kind === 'direct') paths.push('connection.url')
  else {
    // A key file is asked for only with key login.
    const endpoint = (which: 'ssh' | 'jump') =>
      ['host', 'port', 'username', 'auth', ...(f[which].auth === 'key' ? ['keyPath'] : [])].map(
        (k) => `connection.${which}.${k}`
      )
    paths.push(
      ...endpoint('ssh'),
      'connection.target.host',
      'connection.target.port',
      'connection.scheme',
      'connection.localPort',
      'connection.keepaliveIntervalSec',
      'connection.keepaliveCountMax',
      'connection.knownHostsPath'
    )
    if (f.useJump) paths.push(...endpoint('jump'))
  }
  f.headers.forEach((_, i) =>
    paths.push(`contract.headers.${i}.name`, `contract.headers.${i}.value`)
  )
  f.extraParams.forEach((_, i) =>
    paths.push(`contract.extraParams.${i}.name`, `contract.extraParams.${i}.value`)
  )
  paths.push('tls.caFile', 'proxy.mode')
  if (f.proxyMode === 'manual') paths.push('proxy.url', 'proxy.username')
  if (f.proxyMode !== 'none') paths.push('proxy.bypass')
  return new Set(paths)
}

/** Error paths whose inputs are above "Advanced settings" (an error elsewhere opens it). */
export function basicPaths(f: ProfileFormState): Set<string> {
  if (f.kind === 'direct') return new Set(['name', 'connection.url'])
  const paths = [
    'name',
    'connection.ssh.host',
    'connection.ssh.username',
    'connection.ssh.auth',
    'connection.target.host',
    'connection.target.port'
  ]
  if (f.ssh.auth === 'key') paths.push('connection.ssh.keyPath')
  return new Set(paths)
}
