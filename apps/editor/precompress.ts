/**
 * A Vite plugin that writes a brotli (`.br`) and a gzip (`.gz`) copy of every
 * text asset at build time, at the highest levels: the server then sends
 * the precompressed file the browser accepts (`Accept-Encoding`) without
 * compressing anything per request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/
/**
 * Below this, the headers of a compressed answer (Content-Encoding, Vary)
 * cost about what they save; the small shared chunks of the fiche screen
 * (0.4–0.8 KB) are above it and shrink by half.
 */
const MIN_BYTES = 256

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
}

export function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'paritaire-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      for (const path of files(outDir)) {
        if (!COMPRESSIBLE.test(path) || statSync(path).size < MIN_BYTES) continue
        const bytes = readFileSync(path)
        writeFileSync(`${path}.br`, brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        }))
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }))
      }
    },
  }
}
