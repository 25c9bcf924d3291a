import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './precompress.ts'

// The dev server proxies the API and the sync socket to a running server.
const target = process.env.PARITAIRE_SERVER ?? 'http://localhost:3000'

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/api': target,
      '/p/': target,
      '/sync': { target: target.replace(/^http/, 'ws'), ws: true },
    },
  },
})
