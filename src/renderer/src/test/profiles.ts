/**
 * A saved direct profile as the core stores it, for tests of the profile form's model and of
 * components that only display a profile. Tests that save or select one give it to the core
 * (realCore.ts: addProfile), which assigns its own id.
 */
import type { Profile } from '@shared/profile'

export const directProfile: Profile = {
  id: 'p1',
  name: 'Local backend',
  connection: { kind: 'direct', url: 'http://127.0.0.1:8030' },
  contract: {
    method: 'GET',
    path: '/api_chat',
    messageField: 'message',
    replyFormat: 'sse',
    replyField: 'delta',
    extraParams: [],
    headers: [],
    healthPath: '/health',
    history: {
      mode: 'none',
      turns: 10,
      field: 'history',
      includeCurrent: false,
      roleField: 'role',
      contentField: 'content',
      userRole: 'user',
      assistantRole: 'assistant',
      systemRole: 'system'
    },
    systemPrompt: '',
    model: '',
    auth: 'none',
    attachmentLimit: 0,
    images: false
  },
  timeouts: { connectSec: 10, idleSec: 60 },
  limits: { replyKiB: 8192, eventKiB: 1024 },
  tls: { caFile: '', pinnedCertificates: [] },
  proxy: { mode: 'none', url: '', username: '', bypass: '' }
}
