// Lint rules that carry the architecture: the core stays free of Electron, the renderer never
// reaches Node or the network, and every folder imports only what its runtime has.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** What the core and the shells that share it (CLI, harness) must never import. */
const noElectron = {
  name: 'electron',
  message:
    'The core runs without Electron: take what you need as a dependency (see src/core/deps.ts).'
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'backend/**',
      'bin/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  // Type-aware: a promise nobody awaits loses its rejection (an unhandled rejection ends the main
  // process) and its ordering. A deliberate fire-and-forget says so with `void`. Event-handler
  // attributes in JSX may return a promise (React ignores it), as typescript-eslint recommends.
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['scripts/*.d.mts', 'vitest.topology.config.mts'] },
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } }
      ]
    }
  },
  {
    // Vitest types an untyped vi.fn()'s mockImplementation as maybe void-returning, so every async
    // stub handed to it would be reported; the tests await what those stubs return.
    files: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false, arguments: false } }
      ]
    }
  },
  {
    files: ['src/cli/**/*.ts', 'src/harness/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron]
        }
      ]
    }
  },
  // Folder = runtime. The core imports neither Electron nor any shell: shells call it, never the
  // other way round.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: [
                '**/main/**',
                '**/cli/**',
                '**/harness/**',
                '**/preload/**',
                '**/renderer/**',
                '@renderer/*'
              ],
              message: 'The core imports no shell: the shells call the core.'
            }
          ]
        }
      ]
    }
  },
  // src/node: Node-only pieces two shells share that are not the app (serving the built renderer's
  // files). A leaf: it imports no Electron, no core, no shell, so any Node shell may import it.
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/node runs in every Node shell, not only Electron.' }
          ],
          patterns: [
            {
              group: [
                '**/core',
                '**/core/**',
                '**/main/**',
                '**/cli/**',
                '**/harness/**',
                '**/preload/**',
                '**/renderer/**',
                '@renderer/*'
              ],
              message: 'src/node is a leaf: the shells import it, it imports none of them.'
            }
          ]
        }
      ]
    }
  },
  // Shells reach the core through its one entry, src/core/index.ts (startCore, dispatch, events).
  // Not yet: the bench scripts and e2e specs that measure or check one core module on its own.
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'e2e/fixtures/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**'],
              message: 'Shells import the core only through its entry: src/core (index.ts).'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/harness/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The harness and the CLI run without Electron.' }],
          patterns: [
            {
              group: ['**/core/**'],
              message: 'Shells import the core only through its entry: src/core (index.ts).'
            }
          ]
        }
      ]
    }
  },
  // The terminal's own channels (hosts:forget) are for the CLI alone: the shells that serve a window
  // start the core with startCore, which has none (docs/ARCHITECTURE.md, channels.ts).
  {
    files: [
      'src/main/**/*.ts',
      'src/preload/**/*.ts',
      'src/harness/**/*.ts',
      'src/renderer/**/*.{ts,tsx}'
    ],
    // Tests prove the refusal and may name the table.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ImportSpecifier[imported.name=/^(startTerminalCore|terminalChannels|createTerminalDispatch)$/]',
          message:
            'The terminal-only channels must never be reachable from a window: only the CLI starts a core with them.'
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'electron',
                '**/main/**',
                '**/core/**',
                '**/node/**',
                '**/preload/**'
              ],
              message: 'The renderer reaches main only through window.api.'
            }
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'The renderer makes no network calls: use window.api.' },
        { name: 'localStorage', message: 'Data lives in main: use window.api.' }
      ]
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', '**/node/**'],
              message: 'Shared code runs in the renderer too.'
            }
          ]
        }
      ]
    }
  }
)
