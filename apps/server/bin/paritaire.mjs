#!/usr/bin/env node
// The `paritaire` command: the server's sources are TypeScript, run through tsx.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
