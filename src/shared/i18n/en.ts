/**
 * English UI strings. This file defines the key set: `ko.ts` must have exactly the same keys (a
 * unit test checks it) and `Resources` below makes a missing key a type error there.
 * Error codes from `src/shared/errors.ts` live under `errors.<code>` (the code's dot nests).
 */
export const en = {
  app: {
    name: 'kha-desktop',
    loading: 'Loading…',
    importing: 'Bringing over your conversations from the previous version… {{done}} of {{total}}',
    importingSearch: 'Preparing search for {{total}} conversations…',
    importingNote: 'This happens once, after the update. The old files are kept.',
    recovered: 'Some data files could not be read and were moved aside: {{files}}',
    dismiss: 'Dismiss'
  },
  common: {
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    delete: 'Delete',
    edit: 'Edit',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy',
    back: 'Back to chat',
    optional: 'optional'
  },
  sidebar: {
    label: 'Conversations',
    newChat: 'New chat',
    search: 'Search',
    searchPlaceholder: 'Search conversations',
    empty: 'No conversations yet',
    noResults: 'Nothing found',
    searching: 'Searching…',
    results: 'Search results',
    untitled: 'New conversation',
    rename: 'Rename',
    renameLabel: 'Conversation title',
    delete: 'Delete',
    deleted: 'Conversation “{{title}}” deleted',
    undo: 'Undo',
    settings: 'Settings',
    messages: '{{count}} messages',
    show: 'Show sidebar',
    hide: 'Hide sidebar',
    pin: 'Pin',
    unpin: 'Unpin',
    group: {
      pinned: 'Pinned',
      today: 'Today',
      yesterday: 'Yesterday',
      week: 'Previous 7 days',
      month: 'Previous 30 days'
    }
  },
  chat: {
    log: 'Messages',
    messageLabel: 'Message',
    placeholder: 'Type a message. Enter sends, Shift+Enter adds a line.',
    send: 'Send',
    stop: 'Stop',
    you: 'You',
    assistant: 'Assistant',
    streaming: 'Replying…',
    stopped: 'Stopped',
    failed: 'Failed',
    retriesAfterSecret: 'Once you have entered it, this question is asked again by itself.',
    retry: 'Retry',
    regenerate: 'Regenerate',
    versions: 'Versions',
    previousVersion: 'Previous version',
    nextVersion: 'Next version',
    versionOf: 'Version {{n}} of {{total}}',
    copyReply: 'Copy reply',
    copyCode: 'Copy code',
    edit: 'Edit',
    editLabel: 'Edit message',
    saveEdit: 'Save and resend',
    cancelEdit: 'Cancel',
    confirmEditTitle: 'Replace what followed?',
    confirmEditBody:
      'Resending this message replaces the reply and every message after it on screen; they stay available as the previous version (‹ ›).',
    confirmEditAction: 'Replace and resend',
    exportMarkdown: 'Export as Markdown',
    exportJson: 'Export as JSON',
    exported: 'Saved {{fileName}}',
    emptyTitle: 'Start a conversation',
    emptyBody: 'Your messages stay on this computer. Replies come from the selected backend.',
    loading: 'Loading conversation…',
    image: 'Image: {{alt}}',
    imageNoAlt: 'Image',
    sendFailed: 'The message was not sent: {{reason}}',
    serverSaid: 'Server said: {{text}}',
    newConversation: 'New conversation',
    jumpToLatest: 'Jump to latest',
    openSettings: 'Open settings',
    history: {
      off: 'This server does not get the earlier conversation: each message is answered on its own.',
      unsupported:
        'This server does not get the earlier conversation: its connection (GET {{path}}) takes one message only, so say what a follow-up question refers to.',
      turnOn: 'Send the last {{turns}} turns',
      openSettings: 'Connection settings',
      turnedOn: 'The last {{turns}} turns now go with each message.'
    }
  },
  prompts: {
    title: 'Prompts',
    open: 'Prompts',
    openHint: 'Insert a saved prompt (or type / at the start of the message)',
    search: 'Search prompts',
    none: 'No prompt matches.',
    insert: 'Insert',
    fillTitle: 'Fill in “{{title}}”',
    library: 'Prompt library',
    libraryHint:
      'Type / at the start of a message to insert one. A name in double braces, like {{example}}, asks for a value when the prompt is inserted.',
    add: 'New prompt',
    edit: 'Edit',
    remove: 'Delete',
    save: 'Save prompt',
    titleField: 'Title',
    textField: 'Prompt',
    removed: 'Prompt “{{title}}” deleted'
  },
  attachments: {
    add: 'Attach files',
    addHint:
      'Attach files (.txt, .md, .csv, .pdf, .docx, .xlsx, .hwpx, images); you can also drop or paste them here',
    list: 'Attached files',
    reading: 'reading…',
    image: 'image',
    chars: '{{formatted}} characters',
    remove: 'Remove {{name}}'
  },
  connection: {
    label: 'Connection: {{status}}',
    status: {
      idle: 'Not connected',
      connecting: 'Connecting…',
      connected: 'Connected',
      reconnecting: 'Reconnecting',
      failed: 'Connection failed',
      waiting: 'Waiting for you'
    },
    waitingFor: {
      password: 'The SSH server {{host}} answers and needs your password.',
      passphrase: 'The key for {{host}} needs its passphrase.',
      jumpPassword: 'The jump host {{host}} answers and needs your password.',
      jumpPassphrase: 'The key for the jump host {{host}} needs its passphrase.',
      hostKey: 'The SSH server {{host}} is new to this computer: confirm its key to go on.'
    },
    enterSecret: 'Enter password',
    enterPassphrase: 'Enter passphrase',
    confirmKey: 'Check the key',
    reconnected: 'Reconnected',
    attempt: 'Attempt {{attempt}}',
    nextTry: 'next try in {{seconds}} s',
    check: 'Check connection',
    checkProfile: 'Check connection for {{name}}',
    reconnect: 'Reconnect',
    details: 'Connection details',
    cipher: 'Cipher {{cipher}}',
    localPort: 'Local port 127.0.0.1:{{port}}',
    target: 'Target {{target}}',
    noProfile: 'No profile',
    hostKey: {
      title: 'Trust this server?',
      changedTitle: 'Warning: the server’s key has changed',
      body: 'The app has not seen this SSH server before. Compare the fingerprint with the one your administrator gave you before you trust it.',
      changedBody:
        'The key of this server differs from the one trusted before. This can mean someone is intercepting the connection. Do not connect; ask your administrator.',
      forgetHint:
        'Only if your administrator confirms that the server’s key really changed: run this command in a terminal to forget the old key, then connect again and check the new fingerprint.',
      host: 'Host',
      keyType: 'Key type',
      fingerprint: 'Fingerprint',
      trust: 'Trust',
      cancel: 'Cancel'
    },
    authPrompt: {
      title: 'The SSH server asks',
      titleCheck: 'The SSH server asks (connection check)',
      from: 'Question from {{server}}, exactly as it sent it:',
      answer: 'Answer',
      submit: 'Send',
      cancel: 'Cancel'
    },
    secret: {
      title: {
        password: 'SSH password for {{host}}',
        passphrase: 'Key passphrase for {{host}}',
        jumpPassword: 'Jump host password for {{host}}',
        jumpPassphrase: 'Jump host key passphrase for {{host}}'
      },
      field: {
        password: 'Password',
        passphrase: 'Passphrase',
        jumpPassword: 'Password',
        jumpPassphrase: 'Passphrase'
      },
      retry: 'That was not accepted. Try again.',
      remember: 'Remember',
      rememberSession: 'Remember (until the app closes)',
      submit: 'Connect',
      cancel: 'Cancel'
    }
  },
  doctor: {
    title: 'Connection check',
    profile: 'Profile: {{name}}',
    running: 'Checking the connection…',
    passed: 'Every step passed ({{ms}} ms).',
    failedAt: 'The check stopped at “{{step}}”.',
    steps: 'Steps',
    ms: '{{ms}} ms',
    stepWithHop: '{{step}} ({{hop}})',
    runAgain: 'Run again',
    stop: 'Stop the check',
    copyDiagnostics: 'Copy diagnostics',
    status: {
      ok: 'Passed',
      failed: 'Failed',
      skipped: 'Skipped'
    },
    step: {
      resolve: 'Look up the name',
      proxy: 'Proxy',
      tcp: 'TCP connection',
      ssh_handshake: 'SSH handshake and host key',
      ssh_auth: 'SSH login',
      forward: 'Open the forward',
      target: 'Reach the target',
      tls: 'TLS',
      detect: 'Find out the server type',
      health: 'Health check',
      chat: 'Test chat'
    },
    detail: {
      addresses: 'Addresses',
      host: 'Host',
      address: 'Connected to',
      port: 'Port',
      keyType: 'Key type',
      fingerprint: 'Fingerprint',
      user: 'User',
      method: 'Method',
      cipher: 'Cipher',
      target: 'Target',
      via: 'Via',
      hop: 'Hop',
      path: 'Path',
      status: 'HTTP status',
      chars: 'Characters',
      reply: 'Reply',
      mode: 'Mode',
      route: 'Route',
      reason: 'Why',
      proxy: 'Proxy',
      source: 'Taken from',
      roots: 'Trusted roots',
      caFile: 'CA file',
      trust: 'Trusted because',
      chainError: 'Chain check',
      subject: 'Issued to',
      issuer: 'Issued by',
      validFrom: 'Valid from',
      validTo: 'Valid until',
      names: 'Names',
      preset: 'Server type',
      models: 'Models',
      agent: 'SSH agent',
      wsl: 'WSL setting',
      distros: 'WSL distributions'
    },
    hop: {
      jump: 'Jump host',
      ssh: 'SSH server'
    },
    note: {
      no_health_route: 'No health route (404): the test chat decides'
    },
    section: 'Troubleshooting',
    sectionBody:
      'Check each step of the selected profile’s connection, or copy diagnostics (no passwords or keys) to send to whoever supports the app.'
  },
  sshImport: {
    open: 'Import from SSH config',
    title: 'Import from SSH config',
    loading: 'Reading ~/.ssh/config…',
    empty: 'No hosts found in ~/.ssh/config',
    intro: 'Importing a host fills in a new profile. Nothing is saved until you press Save.',
    hosts: 'Hosts in ~/.ssh/config',
    warning: 'Warning:',
    import: 'Import',
    importHost: 'Import {{alias}}',
    fromWsl: 'WSL {{distro}} ({{user}})'
  },
  settings: {
    title: 'Settings',
    appearance: 'Appearance',
    language: 'Language',
    languageSystem: 'System',
    theme: 'Theme',
    themeSystem: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
    profiles: 'Connection profiles',
    noProfiles: 'No profiles yet.',
    unusableProfiles:
      'profiles.json also holds profiles this version cannot use: {{names}}. They are kept as they are; a newer kha-desktop, or the file corrected, shows them again.',
    newProfile: 'New profile',
    active: 'Active',
    select: 'Select',
    selectProfile: 'Select {{name}}',
    editProfile: 'Edit {{name}}',
    deleteProfile: 'Delete {{name}}',
    confirmDeleteTitle: 'Delete profile?',
    confirmDeleteBody:
      'The profile “{{name}}” and its saved secrets will be deleted. Conversations stay.',
    saved: 'Profile saved',
    modeDirect: 'Direct',
    modeTunnel: 'SSH tunnel',
    via: 'via {{host}}'
  },
  profile: {
    newTitle: 'New profile',
    editTitle: 'Edit profile',
    name: 'Name',
    mode: 'Connection',
    direct: 'Direct',
    tunnel: 'SSH tunnel',
    url: 'Backend URL',
    urlHint: 'For example http://127.0.0.1:8030 or http://192.168.0.20:8000',
    sshServer: 'SSH server',
    sshHost: 'SSH host',
    sshPort: 'SSH port',
    sshUser: 'SSH user',
    auth: 'Authentication',
    authKey: 'Key file',
    authAgent: 'SSH agent',
    authPassword: 'Password',
    keyPath: 'Key file path',
    useJump: 'Connect through a jump host',
    jump: 'Jump host',
    jumpHost: 'Jump host address',
    jumpPort: 'Jump host port',
    jumpUser: 'Jump host user',
    jumpAuth: 'Jump host authentication',
    jumpKeyPath: 'Jump host key file path',
    target: 'Forward target',
    targetHost: 'Target host',
    targetPort: 'Target port',
    scheme: 'Scheme',
    keepaliveInterval: 'Keepalive interval (s)',
    keepaliveCount: 'Keepalive max missed',
    localPort: 'Local port (optional)',
    knownHosts: 'known_hosts file (optional)',
    allowLegacyAlgorithms:
      'Allow legacy SSH algorithms (ssh-rsa, hmac-sha1, SHA-1 key exchange, CBC) for an old server',
    legacyAlgorithmsWarning:
      'Warning: these algorithms rely on SHA-1 or CBC, which attackers can weaken. OpenSSH turned them off years ago. Allow them only for a server that cannot be updated, and ask its administrator to update it.',
    contract: 'Backend contract',
    method: 'HTTP method',
    path: 'Chat path',
    messageField: 'Message field',
    replyFormat: 'Reply format',
    formatJson: 'JSON',
    formatText: 'Plain text',
    formatSse: 'Server-Sent Events',
    formatNdjson: 'NDJSON',
    replyField: 'Reply field',
    healthPath: 'Health check path',
    headers: 'Headers',
    headerName: 'Header {{n}} name',
    headerValue: 'Header {{n}} value',
    addHeader: 'Add header',
    headerSecretStored: 'Kept in the secret store (type to replace)',
    headerSecretMissing: 'Missing for this server: enter it again',
    removeHeader: 'Remove header {{n}}',
    params: 'Extra parameters',
    paramName: 'Parameter {{n}} name',
    paramValue: 'Parameter {{n}} value',
    addParam: 'Add parameter',
    removeParam: 'Remove parameter {{n}}',
    paramJson: 'Send parameter {{n}} as JSON',
    preset: 'Preset',
    presetChoose: 'Choose a kind of server…',
    presetKhaGet: 'kha backend: GET /api_chat, JSON reply',
    presetKhaStream: 'kha backend: streaming (SSE) with history',
    presetOpenai: 'OpenAI-compatible server',
    applyPreset: 'Apply preset',
    backendAuth: 'Backend authentication',
    backendAuthNone: 'None',
    backendAuthBearer: 'API key (Bearer)',
    apiKey: 'API key',
    apiKeyHint:
      'Kept in the app’s secret store, never in the profile file. Leave empty to keep the stored key.',
    apiKeyStored: 'An API key is stored for this profile.',
    forgetApiKey: 'Forget API key',
    model: 'Model',
    loadModels: 'Load models',
    loadingModels: 'Loading models…',
    modelsHint: 'Asks the server for its models (GET /v1/models).',
    modelsFound: 'Models found: {{count}}',
    modelsEmpty: 'The server listed no models. Type the model name.',
    modelsFailed: 'Could not load the models: {{reason}}',
    modelChoose: 'Choose a model…',
    modelManual: 'Type a name instead',
    systemPrompt: 'System prompt',
    attachmentLimit: 'Attached text per message (characters)',
    attachmentLimitHint:
      '0 = automatic: 1,500 for GET (the message travels in the URL), 200,000 for POST.',
    images:
      'The model accepts images (sent as OpenAI image parts; needs a message list that includes the new message)',
    history: 'Conversation context',
    historyMode: 'Earlier messages sent with each request',
    historyNone: 'None (only the new message)',
    historyLastN: 'The last N turns',
    historyAll: 'All of them',
    historyTurns: 'Turns',
    historyField: 'History field',
    historyIncludeCurrent: 'Also put the new message at the end of the list',
    roleField: 'Role field',
    contentField: 'Content field',
    userRole: 'User role name',
    assistantRole: 'Assistant role name',
    systemRole: 'System role name',
    timeouts: 'Timeouts and limits',
    connectTimeout: 'Connect timeout (s)',
    idleTimeout: 'Idle timeout (s)',
    replyKiB: 'Largest reply (KiB)',
    eventKiB: 'Largest streamed piece (KiB)',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    invalid: 'Some fields need attention.',
    otherErrors: 'Other problems'
  },
  profileMerge: {
    updated:
      '“{{name}}” was changed elsewhere (another window or the command line): {{fields}}. The form now shows the new values.',
    conflictTitle: 'Changed here and elsewhere',
    conflictBody:
      'While you were editing, “{{name}}” was also changed elsewhere (another window or the command line), to other values than yours:',
    yours: 'yours: {{value}}',
    theirs: 'elsewhere: {{value}}',
    empty: '(empty)',
    on: 'on',
    off: 'off',
    conflictHint: 'The form keeps yours until you choose. Save saves what the form shows.',
    keepMine: 'Keep mine',
    takeTheirs: 'Take theirs',
    removedTitle: 'Removed elsewhere',
    removed:
      '“{{name}}” was removed elsewhere (another window or the command line). Everything you typed is still here: save it as a new profile, or cancel.',
    saveAsNew: 'Save as new profile',
    fields: {
      allowLegacyAlgorithms: 'Legacy SSH algorithms',
      images: 'Images',
      historyIncludeCurrent: 'New message at the end of the list'
    }
  },
  network: {
    legend: 'HTTPS and proxy',
    caFile: 'Company CA file (PEM)',
    caFileHint:
      'Only needed when the backend’s certificate comes from your company’s own CA and this computer does not trust it yet.',
    pinned: 'Trusted certificates (SHA-256)',
    removePin: 'Remove {{fingerprint}}',
    proxyMode: 'Proxy',
    proxyNone: 'No proxy',
    proxySystem: 'System settings (HTTPS_PROXY, NO_PROXY)',
    proxyManual: 'Manual',
    proxyUrl: 'Proxy address',
    proxyUrlHint: 'http://host:port',
    proxyUser: 'Proxy user name',
    proxyPassword: 'Proxy password',
    proxyPasswordHint: 'Kept in the app’s secret store, never in the profile.',
    proxyPasswordStored: 'A password is stored.',
    forgetProxyPassword: 'Forget the proxy password',
    proxyBypass: 'Go direct for (NO_PROXY syntax)',
    proxyBypassHint:
      'For example .corp.example, 10.0.0.0/8. This computer (localhost) always goes direct.',
    trust: {
      title: 'The server’s certificate',
      subject: 'Issued to',
      issuer: 'Issued by',
      validity: 'Valid',
      validRange: '{{from}} – {{to}}',
      fingerprint: 'SHA-256 fingerprint',
      button: 'Trust this certificate',
      explain:
        'Trust it only if this fingerprint matches the one the server’s administrator gave you. It is trusted for this profile only.',
      trusted: 'The certificate is trusted for this profile.',
      changed:
        'If the server’s administrator confirms the new certificate, remove the old one under “HTTPS and proxy” in the profile; the app will then offer to trust the new one.'
    }
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    group: {
      app: 'Everywhere',
      chat: 'Message box',
      list: 'Conversation list'
    },
    action: {
      newChat: 'New chat',
      search: 'Search conversations',
      toggleSidebar: 'Show or hide the sidebar',
      settings: 'Settings',
      shortcuts: 'This list of shortcuts',
      switchProfile: 'Choose the connection profile',
      switchModel: 'Choose the model',
      send: 'Send',
      newline: 'New line',
      stop: 'Stop the reply',
      editLast: 'Edit your last message (empty box)',
      cancelEdit: 'Leave the message editor, back to the message box',
      listMove: 'Move through the conversations',
      rename: 'Rename the conversation',
      delete: 'Delete the conversation (Undo is offered)'
    }
  },
  plain: {
    unreachable:
      'The chat server cannot be reached. Try again in a moment, or contact your IT help desk.',
    dropped:
      'The connection to the chat server broke off before the answer was complete. Try again.',
    http502:
      'The chat server did not answer properly (502: the gateway in front of it got no valid reply). It may be restarting: try again in a moment.',
    http503:
      'The chat server is not taking requests right now (503: busy or under maintenance). Try again in a few minutes.',
    http504:
      'The chat server took too long to answer (504: the gateway in front of it gave up waiting). Try again, perhaps with a shorter question.',
    http5xx:
      'Something went wrong on the chat server. If it happens again, tell your IT help desk.',
    http4xx:
      'The chat server refused the request: the connection settings may not match the server. Contact your IT help desk.',
    unauthorized:
      'The chat server did not accept the sign-in (API key). Check the API key in Settings.',
    badReply:
      'The chat server’s answer could not be read: the connection settings may not match the server. Contact your IT help desk.',
    sshLogin:
      'Signing in to the SSH server did not work. Check the user name, key or password in Settings.',
    tls: 'The secure (HTTPS) connection could not be verified, so the app did not connect. Show the details to your IT help desk.',
    details: 'Details',
    reason: 'Reason',
    host: 'Server',
    port: 'Port',
    status: 'Status',
    code: 'Error code'
  },
  export: {
    untitled: 'Conversation',
    user: 'You',
    assistant: 'Assistant',
    stopped: 'stopped',
    failed: 'failed',
    created: 'Started',
    exported: 'Exported'
  },
  backup: {
    title: 'Conversations backup',
    body: 'Save every conversation, with every version of every reply, to one file; import it on this or another computer. Conversations already here are skipped, nothing is overwritten.',
    export: 'Back up all conversations',
    import: 'Import a backup…',
    file: 'Backup file',
    imported:
      'Imported {{imported}} conversations; {{duplicates}} were already here and were skipped.'
  },
  welcome: {
    title: 'Welcome to kha-desktop',
    body: 'To start chatting, give the chat server a name and enter its address (your IT team knows it). The app checks the server and sets up the rest by itself.',
    create: 'Create profile',
    haveFile: 'Got a profile file from IT?'
  },
  setup: {
    defaultName: 'Company chatbot',
    connect: 'Connect',
    checking: 'Checking the server…',
    checkProgress: 'Connection check so far',
    advanced: 'Advanced settings',
    advancedHint:
      'The app finds out the server type by itself. Change these only if IT gave you other values.',
    failedAt: 'Could not connect: the step “{{step}}” failed.',
    stoppedAt: 'You stopped the check at “{{step}}”. Nothing was saved.',
    saveAnyway: 'Save anyway',
    tryAgain: 'Try again',
    detected: 'Server type: {{preset}}',
    connected: 'Connected: {{preset}}',
    details: 'Details',
    sshPassword: 'SSH password',
    sshPasswordHint:
      'Used to check the connection, then kept in the app’s secret store, never in the profile.',
    advice: {
      network:
        'Check the address and port, that you are on the company network (or VPN), and that the server is running. Then press Try again.',
      ssh: 'Check the SSH host, the user name and the login method, and the target address as the SSH server sees it.',
      tls: 'The server’s certificate is not trusted. Ask IT for the company CA file (Advanced settings), or save anyway and trust the certificate when the app shows it, after comparing its fingerprint with IT.',
      detect:
        'This address answers, but not as a chat server. Check the port, or set the chat route under Advanced settings.',
      server:
        'The server answered, but the test chat did not work. Try again later, or ask your IT team.',
      hostKey:
        'This SSH server is new to this computer. Save anyway, then compare and confirm its key when the app asks.'
    },
    kinds: {
      kha_get: 'kha backend',
      kha_stream: 'kha backend (streaming)',
      openai: 'OpenAI-compatible server'
    }
  },
  picker: {
    profile: 'Connection profile',
    model: 'Model',
    modelDefault: 'Server default',
    modelsFailed: 'Could not load the models: {{reason}}',
    modelsProblem: 'The model list could not be loaded',
    modelSaved: 'Model: {{model}}'
  },
  profileFile: {
    import: 'Import a profile file',
    export: 'Export profiles',
    exported: 'Profiles saved to {{fileName}}. Passwords and API keys are not in the file.',
    imported: 'Imported {{count}} profile(s): {{names}}'
  },
  field: {
    required: 'This field is required.',
    invalid_url: 'Enter a full http:// or https:// URL.',
    url_has_credentials:
      'Take the user name and password out of the URL. An API key goes in the API key field, other credentials in a header (Authorization, X-Api-Key): both are kept in the secret store, not in the profile file.',
    header_is_secret:
      'This header carries a credential, so its value is kept in the app’s secret store, never in profiles.json. Enter it in the app’s profile settings.',
    invalid_port: 'Enter a port between 1 and 65535.',
    invalid_path: 'Enter a path that starts with / (no spaces, ? or #).',
    invalid_file: 'A file path cannot contain line breaks or other control characters.',
    invalid_host: 'Enter a host name or IP address.',
    invalid_header: 'A header name may only contain letters, digits and - _ .',
    too_long: 'This is too long.',
    too_small: 'This number is too small.',
    too_large: 'This number is too large.',
    invalid_fingerprint: 'Enter a SHA-256 fingerprint: 64 hex digits, with or without colons.',
    invalid_proxy_url: 'Enter the proxy as http://host:port (no user name or password in it).',
    invalid_number: 'Enter a number.',
    invalid: 'This value is not valid.'
  },
  /** What to do about an error: `errorTable[code].action` in src/shared/errors.ts. */
  errorAction: {
    retry: 'Try again.',
    wait: 'Wait for the current reply to finish, then try again.',
    checkConnection: 'Check the connection (Settings → Check connection).',
    editProfile: "Fix the profile's settings.",
    chooseProfile: 'Choose a profile in Settings.',
    enterSecret: 'Enter the password or key again.',
    trustHostKey: "Compare the server's key with your administrator's, then trust it.",
    trustCertificate:
      "Compare the certificate's fingerprint with your administrator's, then trust it.",
    askAdmin: 'Ask the server administrator.',
    chooseOtherFile: 'Choose another file.',
    fixInput: 'Correct what you entered.',
    update: 'Update kha-desktop.',
    report: 'Copy the diagnostics and send them to your administrator.'
  },
  /** Buttons next to an error's advice (the error table's action, where one button does it). */
  errorButton: {
    editProfile: 'Open profile settings',
    enterSecret: 'Enter password or key',
    chooseProfile: 'Choose a profile'
  },
  errors: {
    ipc: {
      bad_request: 'The app sent a request it could not handle.',
      forbidden: 'This request is not allowed.',
      unknown_channel: 'The app asked for something that does not exist.'
    },
    profile: {
      invalid: 'Some profile fields are not valid.',
      not_found: 'That profile no longer exists.',
      changed:
        'Not saved: this profile was changed elsewhere (another window or the command line) just before. Look at it as it is now and save again.',
      none_selected: 'No connection profile is selected. Create or select one in Settings.',
      bad_file: 'This file cannot be imported: {{reason}}',
      bad_file_not_json:
        'This file cannot be imported: it is not a kha-desktop profile file (not JSON).',
      bad_file_format: 'This file cannot be imported: it is not a kha-desktop profile file.',
      bad_file_version:
        'This file cannot be imported: it was made by a newer kha-desktop; update the app first.',
      bad_file_empty: 'This file cannot be imported: it has no profiles.',
      bad_file_invalid:
        'This file cannot be imported: the profile “{{name}}” in it is not valid ({{fields}}).',
      secret_missing:
        'The value of the header {{header}} is not stored for this server (it was given for another address, or never). Enter it again in the profile.'
    },
    conversation: { not_found: 'That conversation no longer exists.' },
    message: {
      not_found: 'That message is no longer in this conversation.',
      empty: 'The message is empty.'
    },
    chat: {
      busy: 'A reply is still being written in this conversation. Stop it first.',
      interrupted: 'The app stopped before this reply arrived. Try again.'
    },
    backend: {
      dns: 'The server name {{host}} could not be found.',
      refused: 'Nothing is answering at {{host}}:{{port}}. Is the backend running?',
      unreachable: '{{host}} cannot be reached from this computer.',
      connect_timeout: 'Connecting to the backend took too long.',
      idle_timeout: 'The backend stopped answering (nothing for {{seconds}} s).',
      reset: 'The connection to the backend was closed.',
      stream_dropped: 'The connection closed before the reply was complete.',
      http_status: 'The backend answered with an error (HTTP {{status}}).',
      unauthorized:
        'The backend refused the credentials (HTTP {{status}}). Check the API key in the profile.',
      bad_reply: 'The backend’s reply could not be read. Check the reply format in the profile.',
      aborted: 'The request was stopped.',
      reply_too_large:
        'The reply is larger than this profile allows ({{limit}}), so the app stopped reading it. The text received so far is kept. If the server really sends replies this long, raise “Largest reply” in the profile.',
      event_too_large:
        'One piece of the streamed reply is larger than this profile allows ({{limit}}), so the app stopped reading it. The text received so far is kept. If the server really sends pieces this large, raise “Largest streamed piece” in the profile.',
      wsl_localhost:
        'Nothing answers at {{host}}:{{port}}, and WSL’s localhost forwarding is off ({{setting}} in {{file}}), so a backend inside WSL cannot be reached as localhost. Set {{fix}} under [wsl2] in that file (or networkingMode=mirrored), then run “wsl --shutdown”.'
    },
    ssh: {
      dns: 'The SSH server name could not be found. Check the SSH host (or jump host) in the profile.',
      refused:
        'The SSH server refused the connection. Check the SSH host and port, and that the SSH server is running.',
      timeout:
        'The SSH server did not answer in time. Check the host, your network or VPN, and the connect timeout.',
      auth_failed:
        'The SSH server did not accept the login. Check the SSH user and the key, agent or password in the profile.',
      bad_passphrase: 'The key passphrase is wrong.',
      key_unreadable: 'The SSH key file could not be read. Check the key file path in the profile.',
      hostkey_unknown: 'The SSH server’s key is not trusted yet.',
      hostkey_changed:
        'The SSH server’s key has changed. The connection was stopped for your safety.',
      forward_refused:
        'The SSH server refused to forward to the backend. Ask its administrator to allow TCP forwarding (AllowTcpForwarding).',
      target_closed:
        'The backend behind the SSH server closed the connection. Check the target host and port, and that the backend runs there.',
      disconnected: 'The SSH connection was lost.',
      secret_needed: 'A password or passphrase is needed to connect.',
      port_in_use: 'The local port is already in use.',
      agent_unavailable:
        'No SSH agent could be used (tried: {{tried}}). Start one (on Windows the “OpenSSH Authentication Agent” service, or Pageant), or use a key file.',
      prompt_unanswered:
        'The SSH server asked “{{prompt}}” and no answer was given, so the login stopped. Reconnect to answer it.',
      legacy_algorithms:
        'The SSH server {{host}} offers only old algorithms ({{needs}}) that rely on SHA-1 or CBC. Ask its administrator to update it; if that cannot be done, allow legacy algorithms in the profile.'
    },
    tls: {
      expired:
        'The server’s certificate expired on {{validTo}}. Ask the server’s administrator to renew it.',
      not_yet_valid:
        'The server’s certificate is not valid before {{validFrom}}. Is this computer’s date and time right?',
      wrong_host:
        'The server’s certificate is for {{names}}, not for {{host}}. Check the address in the profile.',
      unknown_issuer:
        'The server’s certificate was issued by “{{issuer}}”, which this computer does not trust. Add your company’s CA file to the profile, or trust this certificate if you know it is the server’s.',
      self_signed:
        'The server uses a self-signed certificate (“{{subject}}”). Trust it only if its fingerprint matches the one the server’s administrator gave you.',
      untrusted: 'The server’s certificate is not trusted ({{reason}}).',
      pin_mismatch:
        'Warning: the server presented a different certificate than the one you trusted for this profile. Someone may be intercepting the connection. Ask the server’s administrator before you trust the new one.',
      handshake:
        'A secure (TLS) connection to {{host}} could not be set up. Is the address really https://?',
      ca_file: 'The CA file {{path}} cannot be used ({{reason}}).'
    },
    proxy: {
      dns: 'The proxy name {{host}} could not be found. Check the proxy address.',
      refused: 'The proxy {{proxy}} is not answering. Check the proxy address in the profile.',
      auth_required:
        'The proxy {{proxy}} wants a user name and password (or did not accept the ones given).',
      denied: 'The proxy {{proxy}} does not allow connections to {{target}}.',
      failed: 'The proxy {{proxy}} could not be used or could not reach the server.'
    },
    doctor: {
      empty_reply:
        'The backend answered, but no text was found in the reply (format {{format}}, field “{{field}}”). Check the reply format and field in the profile.',
      unknown_server:
        'The server at {{host}} answers, but it is not a chat server this app knows (no kha /api_chat route, no OpenAI-compatible /v1/models).'
    },
    attachment: {
      unsupported:
        '“{{name}}” cannot be attached: use a .txt, .md, .csv, .pdf, .docx, .xlsx or .hwpx file (or an image).',
      hwp: '“{{name}}” is an HWP file, which the app cannot read. Save it as HWPX or PDF in Hancom Office and attach that.',
      encrypted:
        '“{{name}}” is protected with a password. Remove the password (or save an unprotected copy) and attach it again.',
      no_text:
        '“{{name}}” has no text the app can read (a scanned document?). Attach a version with text, or copy the text in.',
      unreadable: '“{{name}}” could not be read; the file may be damaged.',
      file_too_large: '“{{name}}” is too large to attach (at most 10 MB, images 5 MB).',
      too_large:
        '“{{name}}” makes the attached text too long for this server: {{chars}} characters, at most {{limit}}. Attach a shorter part, or raise the limit in the profile.',
      images_unsupported:
        '“{{name}}” is an image, and this server cannot take images. Images work with OpenAI-compatible profiles whose model accepts them (Settings → profile → “The model accepts images”).'
    },
    store: {
      corrupt: 'A data file could not be read; it was moved aside.',
      io: 'A data file could not be written.',
      too_new:
        'The conversation history was saved by a newer version of the app. Update the app to open it.',
      bad_backup:
        'This file is not a kha-desktop conversation backup ({{reason}}). Nothing was imported.'
    },
    internal: 'Something went wrong inside the app.',
    unknown: 'Something went wrong ({{code}}).'
  }
} as const

/** The same tree with every leaf a string: what a translation must provide. */
export type Resources = { readonly [K in keyof typeof en]: Strings<(typeof en)[K]> }
type Strings<T> = T extends string ? string : { readonly [K in keyof T]: Strings<T[K]> }
