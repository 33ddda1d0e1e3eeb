import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { contractNames } from './src/shared/ipc/channels'

const shared = { '@shared': resolve(__dirname, 'src/shared') }

export default defineConfig({
  main: {
    resolve: { alias: shared },
    // The attachment extraction worker is a second entry: out/main/extractWorker.js, next to
    // index.js, where src/core/attachments/extractor.ts looks for it.
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          extractWorker: resolve(__dirname, 'src/core/attachments/worker.ts'),
          // The 0.1 history import (src/core/store/importLegacy.ts looks for it next to index.js).
          importWorker: resolve(__dirname, 'src/core/store/importWorker.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias: shared },
    // A sandboxed preload cannot require() packages from node_modules: bundle everything into
    // one file and emit CommonJS, which is what Electron's sandboxed preload loader runs.
    // buildApi gets the channel table's names here, at build time: the table itself carries zod,
    // which stays out of everything that runs in the page (see src/shared/ipc/buildApi.ts).
    define: { __KHA_CONTRACT__: JSON.stringify(contractNames) },
    build: {
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias: { ...shared, '@renderer': resolve(__dirname, 'src/renderer/src') } },
    plugins: [react()],
    // electron-vite leaves the renderer unminified by default: minified, its JS is ~200 kB gzip
    // instead of ~340 kB, which is parse time at every start.
    // KaTeX's fonts stay files next to the page: inlined as data: URLs they would be refused by
    // the CSP (font-src falls back to default-src 'self').
    build: {
      minify: true,
      assetsInlineLimit: (file: string) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    }
  }
})
