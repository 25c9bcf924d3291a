import { describe, expect, it } from 'vitest'
import { ImportContext, splitSourceLines } from './source.ts'

describe('splitSourceLines', () => {
  it('numbers lines from 1 across LF, CRLF, CR and form feeds, without a phantom last line', () => {
    const lines = splitSourceLines('\uFEFFun\r\ndeux\rtrois\fquatre\n')
    expect(lines.map((l) => [l.no, l.text])).toEqual([
      [1, 'un'],
      [2, 'deux'],
      [3, 'trois'],
      [4, 'quatre'],
    ])
  })
  it('measures indentation, a tab counting four', () => {
    expect(splitSourceLines('  - a\n\t- b').map((l) => l.indent)).toEqual([2, 4])
  })
})

describe('ImportContext', () => {
  it('reports furniture and replacement characters, and lists the lines nobody placed', () => {
    const ctx = new ImportContext('Titre\n\n12\nl’�volution\nreste\n')
    expect(ctx.warnings.map((w) => [w.code, w.line])).toEqual([
      ['PAGE_FURNITURE', 3],
      ['REPLACEMENT_CHARACTER', 4],
    ])
    ctx.place(ctx.lines[0]!, ctx.lines[3]!)
    expect(ctx.unplaced().map((l) => l.no)).toEqual([5])
  })
})
