import { draftAvenant, renderAvenantText } from '@paritaire/diff'
import { accord2009Edited, avenant2024 } from './diff/pairs.ts'
const newer = avenant2024(); const { older } = accord2009Edited()
const av = draftAvenant(older, newer, { numero: '3', date: '2024-03-11', accordDate: '2009-12-09', lieu: 'Paris', parties: { employeurs: ['FNP', 'FFPMI'], salaries: ['FS CFDT', 'UNSA commerces et services', 'CAT'] } })
console.log(renderAvenantText(av))
