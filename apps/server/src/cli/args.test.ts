import { describe, expect, it } from 'vitest'
import { flagValue, parseArgs } from './args.ts'

describe('parseArgs', () => {
  it('separates positionals and flags in every spelling', () => {
    const a = parseArgs(['user', 'add', 'a@b.fr', '--org', 'CGT', '--name=Jeanne Dupont', '--demo'], ['org', 'name'])
    expect(a.positionals).toEqual(['user', 'add', 'a@b.fr'])
    expect(flagValue(a, 'org')).toBe('CGT')
    expect(flagValue(a, 'name')).toBe('Jeanne Dupont')
    expect(a.flags.get('demo')).toBe(true)
  })
})
