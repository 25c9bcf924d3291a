import { diffTextes } from '@paritaire/diff'
import { accord2009Edited, avenant2024 } from './diff/pairs.ts'
const newer = avenant2024(); const { older } = accord2009Edited()
const cs = diffTextes(older, newer)
const f = cs.fiches.find(f => f.intitule.startsWith('Technicien qualifié 1er'))!
console.log(f.status, f.typographyOnly, JSON.stringify(f.sections.map(s => [s.section, s.status, s.blocks.map(b => [b.status, b.segments])])).slice(0, 1500))
console.log(JSON.stringify(older.fiches[f.olderIndex!].objet), JSON.stringify(newer.fiches[f.newerIndex!].objet))
