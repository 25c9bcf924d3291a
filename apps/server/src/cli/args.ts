/** Minimal argument parsing for the CLI: positionals plus `--flag value` / `--flag=value` / `--flag`. */
export interface ParsedArgs {
  positionals: string[]
  flags: Map<string, string | true>
}

export function parseArgs(argv: string[], valueFlags: string[] = []): ParsedArgs {
  const positionals: string[] = []
  const flags = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      if (eq > 0) { flags.set(arg.slice(2, eq), arg.slice(eq + 1)); continue }
      const name = arg.slice(2)
      const next = argv[i + 1]
      if (valueFlags.includes(name) && next !== undefined) { flags.set(name, next); i++ } else flags.set(name, true)
    } else {
      positionals.push(arg)
    }
  }
  return { positionals, flags }
}

export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name)
  return typeof v === 'string' ? v : undefined
}
