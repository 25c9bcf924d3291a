import { describe, expect, it } from 'vitest'
import { addDays, computeValidity, type ValidityInput, type ValidityState } from './validity.ts'

// A branch with five unions weighing 30/25/20/15/10 % and two employer federations.
const unions = { A: 3000, B: 2500, C: 2000, D: 1500, E: 1000 } as const
type U = keyof typeof unions
const weights = Object.entries(unions).map(([name, hundredths]) => ({ organisationId: name, name, hundredths }))
const sig = (name: U | 'EMP') => ({ organisationId: name, name, kind: name === 'EMP' ? 'employer' as const : 'union' as const })
const opp = (name: U) => ({ organisationId: name, name })

interface Case {
  name: string
  signed: (U | 'EMP')[]
  opposed?: U[]
  notified?: string
  today?: string
  state: ValidityState
  signatory: number
  opposing?: number
  reason?: RegExp
}

const cases: Case[] = [
  { name: 'nothing signed', signed: [], state: 'en_signature', signatory: 0, reason: /il faut au moins 30 %/ },
  { name: '25 % + employer: under 30 %', signed: ['EMP', 'B'], state: 'en_signature', signatory: 25, reason: /25,00 %/ },
  { name: '30 % exactly without employer', signed: ['A'], notified: '2026-03-01', today: '2026-04-01', state: 'en_signature', signatory: 30, reason: /Aucune organisation d’employeurs/ },
  { name: '30 % + employer, not notified', signed: ['A', 'EMP'], state: 'en_signature', signatory: 30, reason: /notification/ },
  { name: '30 % + employer, within the period', signed: ['EMP', 'A'], notified: '2026-03-01', today: '2026-03-16', state: 'en_opposition', signatory: 30, reason: /16\/03\/2026 inclus/ },
  { name: '30 % + employer, period over', signed: ['A', 'EMP'], notified: '2026-03-01', today: '2026-03-17', state: 'valide', signatory: 30, reason: /expiré le 16\/03\/2026/ },
  { name: '45 %, opposition of 55 % within the period', signed: ['A', 'D', 'EMP'], opposed: ['B', 'C', 'E'], notified: '2026-03-01', today: '2026-03-10', state: 'non_valide', signatory: 45, opposing: 55, reason: /réputé non écrit/ },
  { name: '45 %, opposition of exactly 50 % (not more)', signed: ['A', 'D', 'EMP'], opposed: ['B', 'C'], notified: '2026-03-01', today: '2026-03-20', state: 'valide', signatory: 45, opposing: 45 },
  { name: '40 %, opposition of 60 % after expiry still counts if recorded', signed: ['EMP', 'D', 'B'], opposed: ['A', 'C', 'E'], notified: '2026-03-01', today: '2026-05-01', state: 'non_valide', signatory: 40, opposing: 60 },
  { name: 'signatories over 50 %: valid at once', signed: ['A', 'B', 'EMP'], state: 'valide', signatory: 55, reason: /sans attendre/ },
  { name: 'signatories over 50 % without employer', signed: ['A', 'B', 'C'], state: 'en_signature', signatory: 75 },
  { name: 'a signatory’s opposition does not count', signed: ['A', 'EMP'], opposed: ['A'], notified: '2026-03-01', today: '2026-03-30', state: 'valide', signatory: 30, opposing: 0 },
  { name: '10 + 20 = 30 % in any order', signed: ['E', 'EMP', 'C'], notified: '2026-02-20', today: '2026-03-08', state: 'valide', signatory: 30 },
]

describe('computeValidity (L2232-6, L2231-8)', () => {
  it.each(cases)('$name', (c) => {
    const input: ValidityInput = {
      weights,
      signatures: c.signed.map(sig),
      oppositions: (c.opposed ?? []).map(opp),
      notifiedOn: c.notified ?? null,
      today: c.today ?? '2026-03-01',
    }
    const v = computeValidity(input)
    expect(v.state).toBe(c.state)
    expect(v.publishable).toBe(c.state === 'valide')
    expect(v.signatoryPercent).toBe(c.signatory)
    if (c.opposing !== undefined) expect(v.opposingPercent).toBe(c.opposing)
    expect(v.employerSigned).toBe(c.signed.includes('EMP'))
    expect(v.oppositionDeadline).toBe(c.notified ? addDays(c.notified, 15) : null)
    if (c.reason) expect(v.reasons.join(' ')).toMatch(c.reason)
  })

  it('says when the representativeness is missing', () => {
    const v = computeValidity({ weights: [], signatures: [sig('A'), sig('EMP')], oppositions: [], notifiedOn: null, today: '2026-03-01' })
    expect(v.state).toBe('en_signature')
    expect(v.reasons[0]).toMatch(/représentativité/)
  })

  it('counts calendar days across months and years', () => {
    expect(addDays('2026-12-20', 15)).toBe('2027-01-04')
    expect(addDays('2028-02-20', 15)).toBe('2028-03-06')
  })
})
