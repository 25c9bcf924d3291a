/**
 * How the editor's build is cut into files, for what the fiche screen
 * downloads first (issue 14: ≤ 200 KB brotli).
 *
 * - `shellGroup`: one file for the shell — the entry's static import graph
 *   (React, the app frame, the API client) and the app's own small modules
 *   that several screens share (a confirm button, the proposals' API…).
 *   The entry is in it, so index.html loads this file itself.
 *   Left to itself, Rolldown moves what lazy chunks nested two levels deep
 *   also import (React, the router) into a common file, and gives each
 *   shared helper a file of a few hundred bytes: each costs a request and
 *   compresses worse than inside a larger file, on every screen.
 * - `pureLib0Schemas`: lib0's `dom.js` builds four validation schemas when
 *   it loads, which y-tiptap never uses; annotated pure, they and the
 *   whole of `lib0/schema.js` (a validation library) drop out of the fiche
 *   screen (~2 KB brotli).
 */
import type { Plugin, Rolldown } from 'vite'

type Context = Rolldown.ChunkingContext
type ModuleInfo = NonNullable<ReturnType<Context['getModuleInfo']>>

/** The modules `root` reaches by static imports. */
function staticGraph(ctx: Context, root: string): Set<string> {
  const seen = new Set<string>()
  const todo = [root]
  while (todo.length > 0) {
    const id = todo.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    todo.push(...(ctx.getModuleInfo(id)?.importedIds ?? []))
  }
  return seen
}

/** The shell's modules: the entry's static graph, plus the app sources that two or more of its lazy screens import. */
function shellModules(ctx: Context, entry: string): Set<string> {
  const shell = staticGraph(ctx, entry)
  const screens = new Set([...shell].flatMap((id) => ctx.getModuleInfo(id)?.dynamicallyImportedIds ?? []))
  const users = new Map<string, number>()
  for (const screen of screens) {
    for (const id of staticGraph(ctx, screen)) users.set(id, (users.get(id) ?? 0) + 1)
  }
  const shared = [...users].filter(([id, n]) => n >= 2 && !screens.has(id) && !id.includes('/node_modules/'))
  return new Set([...shell, ...shared.map(([id]) => id)])
}

export function shellGroup(entry: string, name = 'shell') {
  // One computation per chunking pass: the entry's module info is reused within a pass, new in the next (watch mode).
  const cache = new WeakMap<ModuleInfo, Set<string>>()
  return {
    debugName: name,
    name(id: string, ctx: Context): string | null {
      const info = ctx.getModuleInfo(entry)
      if (!info) return null
      let shell = cache.get(info)
      if (!shell) cache.set(info, (shell = shellModules(ctx, entry)))
      return shell.has(id) ? name : null
    },
  }
}

export function pureLib0Schemas(): Plugin {
  return {
    name: 'paritaire-pure-lib0-schemas',
    apply: 'build',
    transform: {
      filter: { id: /\/lib0\/dom\.js$/ },
      handler(code) {
        return { code: code.replace(/= \$\.\$custom\(/g, '= /* @__PURE__ */ $.$custom('), map: null }
      },
    },
  }
}
