/** 한국어 UI 문자열. 키 구성은 en.ts와 같아야 한다 (타입과 단위 테스트가 확인한다). */
import type { Resources } from './en'

export const ko: Resources = {
  app: {
    name: 'kha-desktop',
    loading: '불러오는 중…',
    importing: '이전 버전의 대화를 옮겨 오는 중… {{total}}개 중 {{done}}개',
    importingSearch: '대화 {{total}}개를 검색할 수 있도록 준비하는 중…',
    importingNote: '업데이트 후 한 번만 하는 작업입니다. 이전 파일은 그대로 보관됩니다.',
    recovered: '읽을 수 없는 데이터 파일을 다른 곳으로 옮겨 두었습니다: {{files}}',
    dismiss: '닫기'
  },
  common: {
    cancel: '취소',
    close: '닫기',
    save: '저장',
    delete: '삭제',
    edit: '편집',
    copy: '복사',
    copied: '복사됨',
    copyFailed: '복사하지 못했습니다',
    back: '대화로 돌아가기',
    optional: '선택'
  },
  sidebar: {
    label: '대화 목록',
    newChat: '새 대화',
    search: '검색',
    searchPlaceholder: '대화 검색',
    empty: '아직 대화가 없습니다',
    noResults: '검색 결과가 없습니다',
    searching: '검색 중…',
    results: '검색 결과',
    untitled: '새 대화',
    rename: '이름 바꾸기',
    renameLabel: '대화 제목',
    delete: '삭제',
    deleted: '“{{title}}” 대화를 삭제했습니다',
    undo: '되돌리기',
    settings: '설정',
    messages: '메시지 {{count}}개',
    show: '사이드바 보이기',
    hide: '사이드바 숨기기',
    pin: '고정',
    unpin: '고정 해제',
    group: {
      pinned: '고정됨',
      today: '오늘',
      yesterday: '어제',
      week: '지난 7일',
      month: '지난 30일'
    }
  },
  chat: {
    log: '메시지',
    messageLabel: '메시지',
    placeholder: '메시지를 입력하세요. Enter로 보내고 Shift+Enter로 줄을 바꿉니다.',
    send: '보내기',
    stop: '중지',
    you: '나',
    assistant: '어시스턴트',
    streaming: '답변 작성 중…',
    stopped: '중지됨',
    failed: '실패',
    retriesAfterSecret: '입력하시면 이 질문을 자동으로 다시 보냅니다.',
    retry: '다시 시도',
    regenerate: '다시 생성',
    versions: '버전',
    previousVersion: '이전 버전',
    nextVersion: '다음 버전',
    versionOf: '{{total}}개 중 {{n}}번째 버전',
    copyReply: '답변 복사',
    copyCode: '코드 복사',
    edit: '편집',
    editLabel: '메시지 편집',
    saveEdit: '저장 후 다시 보내기',
    cancelEdit: '취소',
    confirmEditTitle: '이후 내용을 바꿀까요?',
    confirmEditBody:
      '이 메시지를 다시 보내면 답변과 그 뒤의 모든 메시지가 바뀝니다. 지금 내용은 이전 버전(‹ ›)으로 남습니다.',
    confirmEditAction: '바꾸고 다시 보내기',
    exportMarkdown: 'Markdown으로 내보내기',
    exportJson: 'JSON으로 내보내기',
    exported: '{{fileName}} 저장됨',
    emptyTitle: '대화를 시작하세요',
    emptyBody: '메시지는 이 컴퓨터에 저장됩니다. 답변은 선택한 백엔드에서 옵니다.',
    loading: '대화를 불러오는 중…',
    image: '이미지: {{alt}}',
    imageNoAlt: '이미지',
    sendFailed: '메시지를 보내지 못했습니다: {{reason}}',
    serverSaid: '서버 메시지: {{text}}',
    newConversation: '새 대화',
    jumpToLatest: '최신 메시지로',
    openSettings: '설정 열기',
    history: {
      off: '이 서버는 이전 대화를 보내지 않습니다. 메시지마다 처음 묻는 것처럼 답합니다.',
      unsupported:
        '이 서버는 이전 대화를 보내지 않습니다. 이 연결 방식(GET {{path}})은 메시지 하나만 받으므로, 이어지는 질문에는 필요한 내용을 함께 적어 주세요.',
      turnOn: '최근 {{turns}}턴 함께 보내기',
      openSettings: '연결 설정',
      turnedOn: '이제 메시지마다 최근 {{turns}}턴의 대화를 함께 보냅니다.'
    }
  },
  prompts: {
    title: '프롬프트',
    open: '프롬프트',
    openHint: '저장한 프롬프트 넣기(메시지 맨 앞에 /를 입력해도 됩니다)',
    search: '프롬프트 검색',
    none: '맞는 프롬프트가 없습니다.',
    insert: '넣기',
    fillTitle: '“{{title}}” 채우기',
    library: '프롬프트 라이브러리',
    libraryHint:
      '메시지 맨 앞에 /를 입력하면 넣을 수 있습니다. {{example}}처럼 이중 중괄호로 감싼 이름은 넣을 때 값을 물어봅니다.',
    add: '새 프롬프트',
    edit: '편집',
    remove: '삭제',
    save: '프롬프트 저장',
    titleField: '제목',
    textField: '프롬프트',
    removed: '“{{title}}” 프롬프트를 삭제했습니다'
  },
  attachments: {
    add: '파일 첨부',
    addHint:
      '파일 첨부(.txt, .md, .csv, .pdf, .docx, .xlsx, .hwpx, 이미지). 여기에 끌어다 놓거나 붙여 넣어도 됩니다',
    list: '첨부한 파일',
    reading: '읽는 중…',
    image: '이미지',
    chars: '{{formatted}}자',
    remove: '{{name}} 빼기'
  },
  connection: {
    label: '연결: {{status}}',
    status: {
      idle: '연결 안 됨',
      connecting: '연결 중…',
      connected: '연결됨',
      reconnecting: '다시 연결 중',
      failed: '연결 실패',
      waiting: '입력 대기 중'
    },
    waitingFor: {
      password: 'SSH 서버 {{host}}에 연결되었습니다. 비밀번호를 입력하세요.',
      passphrase: '{{host}}용 키의 암호를 입력하세요.',
      jumpPassword: '점프 호스트 {{host}}에 연결되었습니다. 비밀번호를 입력하세요.',
      jumpPassphrase: '점프 호스트 {{host}}용 키의 암호를 입력하세요.',
      hostKey: 'SSH 서버 {{host}}에 처음 접속합니다. 계속하려면 서버 키를 확인하세요.'
    },
    enterSecret: '비밀번호 입력',
    enterPassphrase: '암호 입력',
    confirmKey: '키 확인',
    reconnected: '다시 연결됨',
    attempt: '{{attempt}}번째 시도',
    nextTry: '{{seconds}}초 후 다시 시도',
    check: '연결 확인',
    checkProfile: '{{name}} 연결 확인',
    reconnect: '다시 연결',
    details: '연결 세부 정보',
    cipher: '암호화 방식 {{cipher}}',
    localPort: '로컬 포트 127.0.0.1:{{port}}',
    target: '대상 {{target}}',
    noProfile: '프로필 없음',
    hostKey: {
      title: '이 서버를 신뢰할까요?',
      changedTitle: '경고: 서버 키가 바뀌었습니다',
      body: '처음 연결하는 SSH 서버입니다. 신뢰하기 전에 관리자에게 받은 지문과 비교하세요.',
      changedBody:
        '이 서버의 키가 이전에 신뢰한 키와 다릅니다. 누군가 연결을 가로채고 있을 수 있습니다. 연결하지 말고 관리자에게 문의하세요.',
      forgetHint:
        '서버 키가 실제로 바뀌었다고 관리자가 확인해 준 경우에만, 터미널에서 아래 명령으로 이전 키를 지운 뒤 다시 연결하여 새 지문을 확인하세요.',
      host: '호스트',
      keyType: '키 종류',
      fingerprint: '지문',
      trust: '신뢰',
      cancel: '취소'
    },
    authPrompt: {
      title: 'SSH 서버의 질문',
      titleCheck: 'SSH 서버의 질문 (연결 확인)',
      from: '{{server}}에서 보낸 질문입니다(서버가 보낸 그대로):',
      answer: '답',
      submit: '보내기',
      cancel: '취소'
    },
    secret: {
      title: {
        password: '{{host}}의 SSH 비밀번호',
        passphrase: '{{host}}용 키의 암호',
        jumpPassword: '점프 호스트 {{host}}의 비밀번호',
        jumpPassphrase: '점프 호스트 {{host}}용 키의 암호'
      },
      field: {
        password: '비밀번호',
        passphrase: '암호',
        jumpPassword: '비밀번호',
        jumpPassphrase: '암호'
      },
      retry: '받아들여지지 않았습니다. 다시 입력하세요.',
      remember: '기억하기',
      rememberSession: '기억하기 (앱을 닫을 때까지)',
      submit: '연결',
      cancel: '취소'
    }
  },
  doctor: {
    title: '연결 점검',
    profile: '프로필: {{name}}',
    running: '연결을 확인하는 중…',
    passed: '모든 단계를 통과했습니다({{ms}}ms).',
    failedAt: '“{{step}}” 단계에서 멈췄습니다.',
    steps: '단계',
    ms: '{{ms}}ms',
    stepWithHop: '{{step}} ({{hop}})',
    runAgain: '다시 확인',
    stop: '점검 중지',
    copyDiagnostics: '진단 정보 복사',
    status: {
      ok: '통과',
      failed: '실패',
      skipped: '건너뜀'
    },
    step: {
      resolve: '이름 확인(DNS)',
      proxy: '프록시',
      tcp: 'TCP 연결',
      ssh_handshake: 'SSH 핸드셰이크 및 호스트 키',
      ssh_auth: 'SSH 인증',
      forward: '포워딩 열기',
      target: '대상 연결',
      tls: 'TLS',
      detect: '서버 종류 확인',
      health: '상태 확인',
      chat: '테스트 채팅'
    },
    detail: {
      addresses: '주소',
      host: '호스트',
      address: '연결된 주소',
      port: '포트',
      keyType: '키 유형',
      fingerprint: '지문',
      user: '사용자',
      method: '방식',
      cipher: '암호화 방식',
      target: '대상',
      via: '경유',
      hop: '단계',
      path: '경로',
      status: 'HTTP 상태',
      chars: '글자 수',
      reply: '응답',
      mode: '방식',
      route: '경로',
      reason: '이유',
      proxy: '프록시',
      source: '설정 출처',
      roots: '신뢰하는 루트 인증서',
      caFile: 'CA 파일',
      trust: '신뢰 근거',
      chainError: '인증서 체인 확인',
      subject: '발급 대상',
      issuer: '발급자',
      validFrom: '유효 시작',
      validTo: '유효 기간 만료',
      names: '이름',
      preset: '서버 종류',
      models: '모델',
      agent: 'SSH 에이전트',
      wsl: 'WSL 설정',
      distros: 'WSL 배포판'
    },
    hop: {
      jump: '점프 호스트',
      ssh: 'SSH 서버'
    },
    note: {
      no_health_route: 'health 경로 없음(404): 테스트 채팅으로 확인합니다'
    },
    section: '문제 해결',
    sectionBody:
      '선택한 프로필의 연결을 단계별로 확인하거나, 앱 지원 담당자에게 보낼 진단 정보(비밀번호와 키 제외)를 복사합니다.'
  },
  sshImport: {
    open: 'SSH 설정에서 가져오기',
    title: 'SSH 설정에서 가져오기',
    loading: '~/.ssh/config를 읽는 중…',
    empty: '~/.ssh/config에서 호스트를 찾지 못했습니다',
    intro:
      '호스트를 가져오면 새 프로필 양식이 채워집니다. 저장을 누르기 전에는 아무것도 저장되지 않습니다.',
    hosts: '~/.ssh/config의 호스트',
    warning: '주의:',
    import: '가져오기',
    importHost: '{{alias}} 가져오기',
    fromWsl: 'WSL {{distro}} ({{user}})'
  },
  settings: {
    title: '설정',
    appearance: '화면',
    language: '언어',
    languageSystem: '시스템 설정',
    theme: '테마',
    themeSystem: '시스템 설정',
    themeLight: '밝게',
    themeDark: '어둡게',
    profiles: '연결 프로필',
    noProfiles: '아직 프로필이 없습니다.',
    unusableProfiles:
      'profiles.json에 이 버전에서 쓸 수 없는 프로필이 더 있습니다: {{names}}. 그대로 보존되며, 새 버전의 kha-desktop을 쓰거나 파일을 고치면 다시 보입니다.',
    newProfile: '새 프로필',
    active: '사용 중',
    select: '선택',
    selectProfile: '{{name}} 선택',
    editProfile: '{{name}} 편집',
    deleteProfile: '{{name}} 삭제',
    confirmDeleteTitle: '프로필을 삭제할까요?',
    confirmDeleteBody: '“{{name}}” 프로필과 저장된 비밀 정보가 삭제됩니다. 대화는 남습니다.',
    saved: '프로필을 저장했습니다',
    modeDirect: '직접 연결',
    modeTunnel: 'SSH 터널',
    via: '{{host}} 경유'
  },
  profile: {
    newTitle: '새 프로필',
    editTitle: '프로필 편집',
    name: '이름',
    mode: '연결 방식',
    direct: '직접 연결',
    tunnel: 'SSH 터널',
    url: '백엔드 URL',
    urlHint: '예: http://127.0.0.1:8030 또는 http://192.168.0.20:8000',
    sshServer: 'SSH 서버',
    sshHost: 'SSH 호스트',
    sshPort: 'SSH 포트',
    sshUser: 'SSH 사용자',
    auth: '인증 방식',
    authKey: '키 파일',
    authAgent: 'SSH 에이전트',
    authPassword: '비밀번호',
    keyPath: '키 파일 경로',
    useJump: '점프 호스트를 거쳐 연결',
    jump: '점프 호스트',
    jumpHost: '점프 호스트 주소',
    jumpPort: '점프 호스트 포트',
    jumpUser: '점프 호스트 사용자',
    jumpAuth: '점프 호스트 인증 방식',
    jumpKeyPath: '점프 호스트 키 파일 경로',
    target: '포워딩 대상',
    targetHost: '대상 호스트',
    targetPort: '대상 포트',
    scheme: '스킴',
    keepaliveInterval: 'Keepalive 간격(초)',
    keepaliveCount: 'Keepalive 최대 무응답 횟수',
    localPort: '로컬 포트(선택)',
    knownHosts: 'known_hosts 파일(선택)',
    allowLegacyAlgorithms:
      '오래된 서버를 위해 레거시 SSH 알고리즘 허용 (ssh-rsa, hmac-sha1, SHA-1 키 교환, CBC)',
    legacyAlgorithmsWarning:
      '경고: 이 알고리즘들은 공격자가 약화시킬 수 있는 SHA-1 또는 CBC에 기반합니다. OpenSSH는 오래전에 이를 꺼 두었습니다. 업데이트할 수 없는 서버에만 허용하고, 서버 관리자에게 업데이트를 요청하세요.',
    contract: '백엔드 규약',
    method: 'HTTP 메서드',
    path: '채팅 경로',
    messageField: '메시지 필드',
    replyFormat: '응답 형식',
    formatJson: 'JSON',
    formatText: '일반 텍스트',
    formatSse: 'Server-Sent Events',
    formatNdjson: 'NDJSON',
    replyField: '응답 필드',
    healthPath: '상태 확인 경로',
    headers: '헤더',
    headerName: '헤더 {{n}} 이름',
    headerValue: '헤더 {{n}} 값',
    addHeader: '헤더 추가',
    headerSecretStored: '비밀 저장소에 보관됨 (바꾸려면 입력)',
    headerSecretMissing: '이 서버용 값이 없습니다: 다시 입력하세요',
    removeHeader: '헤더 {{n}} 삭제',
    params: '추가 파라미터',
    paramName: '파라미터 {{n}} 이름',
    paramValue: '파라미터 {{n}} 값',
    addParam: '파라미터 추가',
    removeParam: '파라미터 {{n}} 삭제',
    paramJson: '파라미터 {{n}}을(를) JSON 값으로 보내기',
    preset: '프리셋',
    presetChoose: '서버 종류 선택…',
    presetKhaGet: 'kha 백엔드: GET /api_chat, JSON 응답',
    presetKhaStream: 'kha 백엔드: 스트리밍(SSE), 대화 기록 포함',
    presetOpenai: 'OpenAI 호환 서버',
    applyPreset: '프리셋 적용',
    backendAuth: '백엔드 인증',
    backendAuthNone: '없음',
    backendAuthBearer: 'API 키 (Bearer)',
    apiKey: 'API 키',
    apiKeyHint:
      '프로필 파일이 아닌 앱의 비밀 저장소에 보관됩니다. 비워 두면 저장된 키를 그대로 씁니다.',
    apiKeyStored: '이 프로필에는 API 키가 저장되어 있습니다.',
    forgetApiKey: 'API 키 삭제',
    model: '모델',
    loadModels: '모델 목록 불러오기',
    loadingModels: '모델 목록을 불러오는 중…',
    modelsHint: '서버에 모델 목록을 요청합니다(GET /v1/models).',
    modelsFound: '모델 {{count}}개를 찾았습니다',
    modelsEmpty: '서버가 알려 준 모델이 없습니다. 모델 이름을 입력하세요.',
    modelsFailed: '모델 목록을 불러오지 못했습니다: {{reason}}',
    modelChoose: '모델 선택…',
    modelManual: '직접 입력',
    systemPrompt: '시스템 프롬프트',
    attachmentLimit: '메시지당 첨부 글자 수(자)',
    attachmentLimitHint: '0 = 자동: GET은 1,500자(메시지가 URL에 실림), POST는 200,000자.',
    images: '모델이 이미지를 받음(OpenAI 이미지 파트로 보냄, 새 메시지를 목록에 넣는 설정 필요)',
    history: '대화 맥락',
    historyMode: '요청마다 함께 보낼 이전 메시지',
    historyNone: '없음 (새 메시지만)',
    historyLastN: '최근 N턴',
    historyAll: '전부',
    historyTurns: '턴 수',
    historyField: '기록 필드',
    historyIncludeCurrent: '새 메시지도 목록 끝에 넣기',
    roleField: '역할 필드',
    contentField: '내용 필드',
    userRole: '사용자 역할 이름',
    assistantRole: '어시스턴트 역할 이름',
    systemRole: '시스템 역할 이름',
    timeouts: '제한 시간과 크기',
    connectTimeout: '연결 제한 시간(초)',
    idleTimeout: '유휴 제한 시간(초)',
    replyKiB: '최대 응답 크기(KiB)',
    eventKiB: '최대 스트리밍 조각 크기(KiB)',
    save: '저장',
    saving: '저장 중…',
    cancel: '취소',
    invalid: '확인이 필요한 항목이 있습니다.',
    otherErrors: '기타 문제'
  },
  profileMerge: {
    updated:
      '“{{name}}” 프로필이 다른 곳(다른 창 또는 명령줄)에서 바뀌었습니다: {{fields}}. 폼에 새 값을 반영했습니다.',
    conflictTitle: '여기와 다른 곳에서 모두 바뀐 항목',
    conflictBody:
      '편집하는 동안 “{{name}}” 프로필이 다른 곳(다른 창 또는 명령줄)에서도 바뀌었고, 입력하신 값과 다릅니다:',
    yours: '내 값: {{value}}',
    theirs: '다른 곳의 값: {{value}}',
    empty: '(비어 있음)',
    on: '켬',
    off: '끔',
    conflictHint:
      '선택하기 전까지는 입력하신 값이 유지됩니다. 저장하면 지금 폼에 보이는 값이 저장됩니다.',
    keepMine: '내 값 유지',
    takeTheirs: '다른 곳의 값 가져오기',
    removedTitle: '다른 곳에서 삭제됨',
    removed:
      '“{{name}}” 프로필이 다른 곳(다른 창 또는 명령줄)에서 삭제되었습니다. 입력하신 내용은 모두 그대로 있습니다. 새 프로필로 저장하거나 취소하세요.',
    saveAsNew: '새 프로필로 저장',
    fields: {
      allowLegacyAlgorithms: '구형 SSH 알고리즘',
      images: '이미지 입력',
      historyIncludeCurrent: '새 메시지를 목록 끝에 넣기'
    }
  },
  network: {
    legend: 'HTTPS와 프록시',
    caFile: '회사 CA 파일 (PEM)',
    caFileHint:
      '백엔드 인증서를 회사 자체 CA가 발급했고 이 컴퓨터가 아직 그 CA를 신뢰하지 않을 때만 필요합니다.',
    pinned: '신뢰한 인증서 (SHA-256)',
    removePin: '{{fingerprint}} 삭제',
    proxyMode: '프록시',
    proxyNone: '프록시 없음',
    proxySystem: '시스템 설정 (HTTPS_PROXY, NO_PROXY)',
    proxyManual: '직접 입력',
    proxyUrl: '프록시 주소',
    proxyUrlHint: 'http://호스트:포트',
    proxyUser: '프록시 사용자 이름',
    proxyPassword: '프록시 비밀번호',
    proxyPasswordHint: '프로필이 아니라 앱의 비밀 저장소에 보관합니다.',
    proxyPasswordStored: '비밀번호가 저장되어 있습니다.',
    forgetProxyPassword: '프록시 비밀번호 삭제',
    proxyBypass: '프록시 없이 연결할 호스트 (NO_PROXY 형식)',
    proxyBypassHint: '예: .corp.example, 10.0.0.0/8. 이 컴퓨터(localhost)는 항상 직접 연결합니다.',
    trust: {
      title: '서버 인증서',
      subject: '발급 대상',
      issuer: '발급자',
      validity: '유효 기간',
      validRange: '{{from}} – {{to}}',
      fingerprint: 'SHA-256 지문',
      button: '이 인증서 신뢰',
      explain:
        '이 지문이 서버 관리자가 알려 준 것과 같을 때만 신뢰하세요. 이 프로필에서만 신뢰합니다.',
      trusted: '이 프로필에서 인증서를 신뢰합니다.',
      changed:
        '서버 관리자가 새 인증서를 확인해 주면, 프로필의 “HTTPS와 프록시”에서 예전 인증서를 삭제하세요. 그러면 앱이 새 인증서를 신뢰할지 묻습니다.'
    }
  },
  shortcuts: {
    title: '단축키',
    group: {
      app: '어디서나',
      chat: '메시지 입력창',
      list: '대화 목록'
    },
    action: {
      newChat: '새 대화',
      search: '대화 검색',
      toggleSidebar: '사이드바 보이기/숨기기',
      settings: '설정',
      shortcuts: '단축키 목록',
      switchProfile: '연결 프로필 고르기',
      switchModel: '모델 고르기',
      send: '보내기',
      newline: '줄 바꾸기',
      stop: '답변 중지',
      editLast: '마지막 메시지 편집 (입력창이 비어 있을 때)',
      cancelEdit: '메시지 편집을 끝내고 입력창으로 돌아가기',
      listMove: '대화 사이 이동',
      rename: '대화 이름 바꾸기',
      delete: '대화 삭제 (되돌리기 가능)'
    }
  },
  plain: {
    unreachable:
      '챗봇 서버에 연결할 수 없습니다. 잠시 후 다시 시도하거나 IT 담당자에게 문의하세요.',
    dropped: '답변을 받는 도중 챗봇 서버와의 연결이 끊어졌습니다. 다시 시도하세요.',
    http502:
      '챗봇 서버가 제대로 응답하지 않았습니다(502: 앞단의 게이트웨이가 서버에서 올바른 답을 받지 못함). 서버가 다시 시작하는 중일 수 있으니 잠시 후 다시 시도하세요.',
    http503:
      '챗봇 서버가 지금은 요청을 받을 수 없습니다(503: 사용자가 많거나 점검 중). 몇 분 뒤에 다시 시도하세요.',
    http504:
      '챗봇 서버의 답이 너무 늦었습니다(504: 앞단의 게이트웨이가 기다리다 멈춤). 다시 시도하거나 질문을 짧게 나눠 보세요.',
    http5xx: '챗봇 서버에서 오류가 났습니다. 다시 시도해도 같으면 IT 담당자에게 알려 주세요.',
    http4xx:
      '챗봇 서버가 요청을 받아들이지 않았습니다. 연결 설정이 서버와 맞지 않을 수 있으니 IT 담당자에게 문의하세요.',
    unauthorized:
      '챗봇 서버가 로그인 정보(API 키)를 받아들이지 않았습니다. 설정에서 API 키를 확인하세요.',
    badReply:
      '챗봇 서버의 답을 읽을 수 없습니다. 연결 설정이 서버와 맞지 않을 수 있으니 IT 담당자에게 문의하세요.',
    sshLogin:
      'SSH 서버에 로그인하지 못했습니다. 설정에서 사용자 이름과 키 또는 비밀번호를 확인하세요.',
    tls: '보안 연결(HTTPS)을 확인할 수 없어 연결하지 않았습니다. 자세히의 내용을 IT 담당자에게 보여 주세요.',
    details: '자세히',
    reason: '원인',
    host: '서버',
    port: '포트',
    status: '상태',
    code: '오류 코드'
  },
  export: {
    untitled: '대화',
    user: '나',
    assistant: '어시스턴트',
    stopped: '중지됨',
    failed: '실패',
    created: '시작',
    exported: '내보낸 날짜'
  },
  backup: {
    title: '대화 백업',
    body: '모든 대화를 답변의 모든 버전과 함께 파일 하나로 저장하고, 이 컴퓨터나 다른 컴퓨터에서 가져올 수 있습니다. 이미 있는 대화는 건너뛰고, 아무것도 덮어쓰지 않습니다.',
    export: '모든 대화 백업',
    import: '백업 파일 가져오기…',
    file: '백업 파일',
    imported: '대화 {{imported}}개를 가져왔습니다. 이미 있던 {{duplicates}}개는 건너뛰었습니다.'
  },
  welcome: {
    title: 'kha-desktop에 오신 것을 환영합니다',
    body: '대화를 시작하려면 챗봇 서버의 이름을 정하고 주소를 입력하세요 (IT 담당자가 알려 줍니다). 나머지는 앱이 서버를 확인해서 스스로 설정합니다.',
    create: '프로필 만들기',
    haveFile: 'IT 담당자에게 프로필 파일을 받으셨나요?'
  },
  setup: {
    defaultName: '회사 챗봇',
    connect: '연결',
    checking: '서버를 확인하는 중…',
    checkProgress: '지금까지의 연결 확인',
    advanced: '고급 설정',
    advancedHint:
      '서버 종류는 앱이 스스로 찾습니다. IT 담당자가 다른 값을 알려준 경우에만 바꾸세요.',
    failedAt: '연결하지 못했습니다: “{{step}}” 단계에서 실패했습니다.',
    stoppedAt: '“{{step}}” 단계에서 확인을 멈췄습니다. 아무것도 저장하지 않았습니다.',
    saveAnyway: '그래도 저장',
    tryAgain: '다시 시도',
    detected: '서버 종류: {{preset}}',
    connected: '연결되었습니다: {{preset}}',
    details: '자세히',
    sshPassword: 'SSH 비밀번호',
    sshPasswordHint: '연결을 확인하는 데 쓰고, 프로필이 아닌 앱의 비밀 저장소에 보관합니다.',
    advice: {
      network:
        '주소와 포트, 회사 네트워크(또는 VPN)에 연결되어 있는지, 서버가 켜져 있는지 확인한 뒤 다시 시도를 누르세요.',
      ssh: 'SSH 호스트, 사용자 이름, 로그인 방법, 그리고 SSH 서버에서 본 대상 주소를 확인하세요.',
      tls: '서버 인증서를 신뢰할 수 없습니다. IT 담당자에게 회사 CA 파일을 받아 고급 설정에 넣거나, 그래도 저장한 뒤 앱이 인증서를 보여 주면 지문을 IT 담당자와 비교하고 신뢰하세요.',
      detect:
        '이 주소는 응답하지만 챗봇 서버가 아닙니다. 포트를 확인하거나 고급 설정에서 채팅 경로를 직접 지정하세요.',
      server:
        '서버는 응답했지만 테스트 채팅이 되지 않았습니다. 잠시 후 다시 시도하거나 IT 담당자에게 문의하세요.',
      hostKey:
        '이 컴퓨터에서 처음 접속하는 SSH 서버입니다. 그래도 저장을 누른 뒤, 앱이 물어보면 서버 키를 비교하고 확인하세요.'
    },
    kinds: {
      kha_get: 'kha 백엔드',
      kha_stream: 'kha 백엔드 (스트리밍)',
      openai: 'OpenAI 호환 서버'
    }
  },
  picker: {
    profile: '연결 프로필',
    model: '모델',
    modelDefault: '서버 기본값',
    modelsFailed: '모델 목록을 불러오지 못했습니다: {{reason}}',
    modelsProblem: '모델 목록을 불러오지 못했습니다',
    modelSaved: '모델: {{model}}'
  },
  profileFile: {
    import: '프로필 파일 가져오기',
    export: '프로필 내보내기',
    exported:
      '프로필을 {{fileName}}에 저장했습니다. 비밀번호와 API 키는 파일에 들어 있지 않습니다.',
    imported: '프로필 {{count}}개를 가져왔습니다: {{names}}'
  },
  field: {
    required: '필수 항목입니다.',
    invalid_url: 'http:// 또는 https://로 시작하는 전체 URL을 입력하세요.',
    url_has_credentials:
      'URL에서 사용자 이름과 비밀번호를 빼 주세요. API 키는 API 키 칸에, 다른 자격 증명은 헤더(Authorization, X-Api-Key)에 넣으세요. 둘 다 프로필 파일이 아니라 비밀 저장소에 보관됩니다.',
    header_is_secret:
      '이 헤더는 자격 증명을 담고 있어 값은 profiles.json이 아니라 앱의 비밀 저장소에 보관됩니다. 앱의 프로필 설정에서 입력하세요.',
    invalid_port: '1에서 65535 사이의 포트를 입력하세요.',
    invalid_path: '/로 시작하는 경로를 입력하세요 (공백, ?, # 없이).',
    invalid_file: '파일 경로에는 줄바꿈이나 다른 제어 문자를 넣을 수 없습니다.',
    invalid_host: '호스트 이름이나 IP 주소를 입력하세요.',
    invalid_header: '헤더 이름에는 영문자, 숫자, - _ . 만 쓸 수 있습니다.',
    too_long: '너무 깁니다.',
    too_small: '값이 너무 작습니다.',
    too_large: '값이 너무 큽니다.',
    invalid_fingerprint: 'SHA-256 지문을 입력하세요: 16진수 64자리 (콜론은 있어도 없어도 됩니다).',
    invalid_proxy_url:
      '프록시를 http://호스트:포트 형식으로 입력하세요 (사용자 이름이나 비밀번호 없이).',
    invalid_number: '숫자를 입력하세요.',
    invalid: '올바른 값이 아닙니다.'
  },
  /** What to do about an error: `errorTable[code].action` in src/shared/errors.ts. */
  errorAction: {
    retry: '다시 시도해 주세요.',
    wait: '지금 받는 답변이 끝난 뒤 다시 시도해 주세요.',
    checkConnection: '연결을 확인해 주세요 (설정 → 연결 확인).',
    editProfile: '프로필 설정을 고쳐 주세요.',
    chooseProfile: '설정에서 프로필을 선택해 주세요.',
    enterSecret: '비밀번호나 키를 다시 입력해 주세요.',
    trustHostKey: '서버 키를 관리자에게 받은 것과 비교한 뒤 신뢰해 주세요.',
    trustCertificate: '인증서 지문을 관리자에게 받은 것과 비교한 뒤 신뢰해 주세요.',
    askAdmin: '서버 관리자에게 문의해 주세요.',
    chooseOtherFile: '다른 파일을 선택해 주세요.',
    fixInput: '입력한 내용을 고쳐 주세요.',
    update: 'kha-desktop을 업데이트해 주세요.',
    report: '진단 정보를 복사해 관리자에게 보내 주세요.'
  },
  errorButton: {
    editProfile: '프로필 설정 열기',
    enterSecret: '비밀번호·키 입력',
    chooseProfile: '프로필 고르기'
  },
  errors: {
    ipc: {
      bad_request: '앱이 처리할 수 없는 요청을 보냈습니다.',
      forbidden: '허용되지 않은 요청입니다.',
      unknown_channel: '존재하지 않는 기능을 요청했습니다.'
    },
    profile: {
      invalid: '프로필에 올바르지 않은 항목이 있습니다.',
      not_found: '그 프로필은 더 이상 없습니다.',
      changed:
        '저장하지 않았습니다: 바로 전에 이 프로필이 다른 곳(다른 창 또는 명령줄)에서 바뀌었습니다. 지금의 프로필을 확인하고 다시 저장하세요.',
      none_selected: '선택된 연결 프로필이 없습니다. 설정에서 프로필을 만들거나 선택하세요.',
      bad_file: '이 파일은 가져올 수 없습니다: {{reason}}',
      bad_file_not_json:
        '이 파일은 가져올 수 없습니다: kha-desktop 프로필 파일이 아닙니다 (JSON이 아님).',
      bad_file_format: '이 파일은 가져올 수 없습니다: kha-desktop 프로필 파일이 아닙니다.',
      bad_file_version:
        '이 파일은 가져올 수 없습니다: 더 새로운 kha-desktop에서 만든 파일입니다. 먼저 앱을 업데이트하세요.',
      bad_file_empty: '이 파일은 가져올 수 없습니다: 프로필이 들어 있지 않습니다.',
      bad_file_invalid:
        '이 파일은 가져올 수 없습니다: 파일 안의 프로필 “{{name}}”이(가) 올바르지 않습니다 ({{fields}}).',
      secret_missing:
        '헤더 {{header}}의 값이 이 서버용으로 저장되어 있지 않습니다 (다른 주소용으로 입력했거나 입력한 적이 없습니다). 프로필에서 다시 입력하세요.'
    },
    conversation: { not_found: '그 대화는 더 이상 없습니다.' },
    message: {
      not_found: '그 메시지는 이 대화에 더 이상 없습니다.',
      empty: '메시지가 비어 있습니다.'
    },
    chat: {
      busy: '이 대화에서 아직 답변을 작성하고 있습니다. 먼저 중지하세요.',
      interrupted: '답변을 받기 전에 앱이 종료되었습니다. 다시 시도하세요.'
    },
    backend: {
      dns: '서버 이름 {{host}}을(를) 찾을 수 없습니다.',
      refused: '{{host}}:{{port}}에서 응답이 없습니다. 백엔드가 실행 중인가요?',
      unreachable: '이 컴퓨터에서 {{host}}에 연결할 수 없습니다.',
      connect_timeout: '백엔드 연결 시간이 초과되었습니다.',
      idle_timeout: '백엔드가 응답을 멈췄습니다 ({{seconds}}초 동안 응답 없음).',
      reset: '백엔드와의 연결이 끊어졌습니다.',
      stream_dropped: '답변이 끝나기 전에 연결이 끊어졌습니다.',
      http_status: '백엔드가 오류로 응답했습니다 (HTTP {{status}}).',
      unauthorized:
        '백엔드가 인증 정보를 거부했습니다 (HTTP {{status}}). 프로필의 API 키를 확인하세요.',
      bad_reply: '백엔드의 응답을 읽을 수 없습니다. 프로필의 응답 형식을 확인하세요.',
      aborted: '요청이 중지되었습니다.',
      reply_too_large:
        '응답이 이 프로필에서 허용하는 크기({{limit}})보다 커서 더 읽지 않았습니다. 지금까지 받은 글은 남아 있습니다. 서버가 정말 이렇게 긴 응답을 보낸다면 프로필에서 “최대 응답 크기”를 늘리세요.',
      event_too_large:
        '스트리밍 응답의 한 조각이 이 프로필에서 허용하는 크기({{limit}})보다 커서 더 읽지 않았습니다. 지금까지 받은 글은 남아 있습니다. 서버가 정말 이렇게 큰 조각을 보낸다면 프로필에서 “최대 스트리밍 조각 크기”를 늘리세요.',
      wsl_localhost:
        '{{host}}:{{port}}에서 응답이 없고, WSL의 localhost 전달이 꺼져 있습니다({{file}}의 {{setting}}). 그래서 WSL 안의 백엔드에 localhost로 접속할 수 없습니다. 그 파일의 [wsl2] 아래에 {{fix}}(또는 networkingMode=mirrored)를 설정한 뒤 “wsl --shutdown”을 실행하세요.'
    },
    ssh: {
      dns: 'SSH 서버 이름을 찾을 수 없습니다. 프로필의 SSH 호스트(또는 점프 호스트)를 확인하세요.',
      refused:
        'SSH 서버가 연결을 거부했습니다. SSH 호스트와 포트, SSH 서버가 실행 중인지 확인하세요.',
      timeout:
        'SSH 서버가 제시간에 응답하지 않았습니다. 호스트, 네트워크나 VPN, 연결 제한 시간을 확인하세요.',
      auth_failed:
        'SSH 서버가 로그인을 받아들이지 않았습니다. 프로필의 SSH 사용자와 키, 에이전트 또는 비밀번호를 확인하세요.',
      bad_passphrase: '키 암호가 틀렸습니다.',
      key_unreadable: 'SSH 키 파일을 읽을 수 없습니다. 프로필의 키 파일 경로를 확인하세요.',
      hostkey_unknown: 'SSH 서버의 키를 아직 신뢰하지 않았습니다.',
      hostkey_changed: 'SSH 서버의 키가 바뀌었습니다. 안전을 위해 연결을 멈췄습니다.',
      forward_refused:
        'SSH 서버가 백엔드로의 포워딩을 거부했습니다. 서버 관리자에게 TCP 포워딩(AllowTcpForwarding)을 허용해 달라고 요청하세요.',
      target_closed:
        'SSH 서버 뒤의 백엔드가 연결을 닫았습니다. 대상 호스트와 포트, 그곳에서 백엔드가 실행 중인지 확인하세요.',
      disconnected: 'SSH 연결이 끊어졌습니다.',
      secret_needed: '연결하려면 비밀번호나 암호가 필요합니다.',
      port_in_use: '로컬 포트가 이미 사용 중입니다.',
      agent_unavailable:
        '사용할 수 있는 SSH 에이전트가 없습니다(시도한 것: {{tried}}). 에이전트(Windows에서는 “OpenSSH Authentication Agent” 서비스 또는 Pageant)를 실행하거나 키 파일을 사용하세요.',
      prompt_unanswered:
        'SSH 서버가 “{{prompt}}”을(를) 물었지만 답하지 않아 로그인을 멈췄습니다. 다시 연결하여 답하세요.',
      legacy_algorithms:
        'SSH 서버 {{host}}는 SHA-1 또는 CBC에 기반한 오래된 알고리즘({{needs}})만 제공합니다. 서버 관리자에게 업데이트를 요청하고, 그럴 수 없다면 프로필에서 레거시 알고리즘을 허용하세요.'
    },
    tls: {
      expired: '서버 인증서가 {{validTo}}에 만료되었습니다. 서버 관리자에게 갱신을 요청하세요.',
      not_yet_valid:
        '서버 인증서는 {{validFrom}}부터 유효합니다. 이 컴퓨터의 날짜와 시간이 맞는지 확인하세요.',
      wrong_host: '서버 인증서는 {{host}}가 아니라 {{names}}용입니다. 프로필의 주소를 확인하세요.',
      unknown_issuer:
        '서버 인증서를 발급한 “{{issuer}}”을(를) 이 컴퓨터가 신뢰하지 않습니다. 회사 CA 파일을 프로필에 추가하거나, 서버의 인증서가 확실하면 이 인증서를 신뢰하세요.',
      self_signed:
        '서버가 자체 서명 인증서(“{{subject}}”)를 사용합니다. 지문이 서버 관리자가 알려 준 것과 같을 때만 신뢰하세요.',
      untrusted: '서버 인증서를 신뢰할 수 없습니다 ({{reason}}).',
      pin_mismatch:
        '경고: 서버가 이 프로필에서 신뢰한 것과 다른 인증서를 제시했습니다. 누군가 연결을 가로채고 있을 수 있습니다. 새 인증서를 신뢰하기 전에 서버 관리자에게 확인하세요.',
      handshake: '{{host}}와(과) 보안(TLS) 연결을 맺지 못했습니다. 주소가 정말 https://인가요?',
      ca_file: 'CA 파일 {{path}}을(를) 사용할 수 없습니다 ({{reason}}).'
    },
    proxy: {
      dns: '프록시 이름 {{host}}을(를) 찾을 수 없습니다. 프록시 주소를 확인하세요.',
      refused: '프록시 {{proxy}}가 응답하지 않습니다. 프로필의 프록시 주소를 확인하세요.',
      auth_required:
        '프록시 {{proxy}}가 사용자 이름과 비밀번호를 요구합니다 (또는 입력한 것을 받아들이지 않았습니다).',
      denied: '프록시 {{proxy}}가 {{target}}(으)로의 연결을 허용하지 않습니다.',
      failed: '프록시 {{proxy}}를 사용할 수 없거나 프록시가 서버에 연결하지 못했습니다.'
    },
    doctor: {
      empty_reply:
        '백엔드가 응답했지만 답변에서 텍스트를 찾지 못했습니다 (형식 {{format}}, 필드 “{{field}}”). 프로필의 응답 형식과 응답 필드를 확인하세요.',
      unknown_server:
        '{{host}}의 서버가 응답하지만 이 앱이 아는 챗봇 서버가 아닙니다 (kha의 /api_chat 경로도, OpenAI 호환 /v1/models도 없습니다).'
    },
    attachment: {
      unsupported:
        '“{{name}}” 파일은 첨부할 수 없습니다. .txt, .md, .csv, .pdf, .docx, .xlsx, .hwpx 파일이나 이미지를 첨부해 주세요.',
      hwp: '“{{name}}”은(는) HWP 파일이라 읽을 수 없습니다. 한컴오피스에서 HWPX나 PDF로 저장한 뒤 첨부해 주세요.',
      encrypted:
        '“{{name}}”에 암호가 걸려 있습니다. 암호를 풀거나 암호 없는 사본을 저장해 다시 첨부해 주세요.',
      no_text:
        '“{{name}}”에서 읽을 수 있는 글자가 없습니다(스캔한 문서인가요?). 글자가 들어 있는 파일을 첨부하거나 내용을 붙여 넣어 주세요.',
      unreadable: '“{{name}}” 파일을 읽을 수 없습니다. 파일이 손상되었을 수 있습니다.',
      file_too_large: '“{{name}}” 파일이 너무 커서 첨부할 수 없습니다(최대 10MB, 이미지는 5MB).',
      too_large:
        '“{{name}}”을(를) 더하면 첨부한 글이 이 서버에 너무 깁니다: {{chars}}자, 최대 {{limit}}자. 일부만 첨부하거나 프로필에서 한도를 늘려 주세요.',
      images_unsupported:
        '“{{name}}”은(는) 이미지인데, 이 서버는 이미지를 받을 수 없습니다. 이미지는 모델이 이미지를 받는 OpenAI 호환 프로필에서 보낼 수 있습니다(설정 → 프로필 → “모델이 이미지를 받음”).'
    },
    store: {
      corrupt: '데이터 파일을 읽을 수 없어 다른 곳으로 옮겼습니다.',
      io: '데이터 파일을 저장할 수 없습니다.',
      too_new: '대화 기록이 더 새로운 버전의 앱으로 저장되었습니다. 앱을 업데이트한 뒤 여세요.',
      bad_backup:
        '이 파일은 kha-desktop 대화 백업 파일이 아닙니다({{reason}}). 아무것도 가져오지 않았습니다.'
    },
    internal: '앱 내부에서 문제가 생겼습니다.',
    unknown: '문제가 생겼습니다 ({{code}}).'
  }
}
