/**
 * The Word renderings of `paritaire diff`, loaded only when a Word format
 * is asked for: the `docx` writer is the largest thing the command would
 * otherwise load for every comparison (see build.mjs).
 */
export { renderDocx, renderRedlineDocx, renderTableauDocx } from '@paritaire/diff'
