import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { pureLib0Schemas, shellGroup } from './chunks.ts'
import { precompress } from './precompress.ts'

// The dev server proxies the API and the sync socket to a running server.
const target = process.env.PARITAIRE_SERVER ?? 'http://localhost:3000'

export default defineConfig({
  plugins: [react(), pureLib0Schemas(), precompress()],
  resolve: {
    alias: [
      // React 19 has useSyncExternalStore: @tiptap/react's shim for React < 18 is dead code.
      { find: /^use-sync-external-store\/shim\/index\.js$/, replacement: 'use-sync-external-store' },
      { find: /^use-sync-external-store\/shim\/with-selector\.js$/, replacement: 'use-sync-external-store/with-selector.js' },
    ],
  },
  server: {
    proxy: {
      '/api': target,
      '/p/': target,
      '/sync': { target: target.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: {
    // The browsers the build targets preload modules natively, but Safari 16
    // and Firefox 114, which find a file's imports when they parse it (one
    // more round trip on a first visit): not worth a polyfill that every
    // visit downloads in the entry file.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      treeshake: {
        // The suggestion library's modules only declare functions (and one
        // plugin key), but its package.json does not say `sideEffects:
        // false`: saying it here lets the fiche load the half that draws
        // amendments without the half that writes them (loaded on demand,
        // see src/editor/amendments/tracking.ts).
        moduleSideEffects: [{ test: /\/@handlewithcare\/prosemirror-suggest-changes\//, sideEffects: false }],
      },
      output: {
        codeSplitting: { groups: [shellGroup(fileURLToPath(new URL('./src/main.tsx', import.meta.url)))] },
      },
    },
  },
})
