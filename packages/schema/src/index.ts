/**
 * @paritaire/schema — the fiche structure every part of Paritaire shares:
 * the canonical model and its validators, the TipTap editor schema,
 * converters between them, and importers for real texts.
 */
export * from './model.ts'
export * from './factory.ts'
export * from './validate.ts'
export * from './duree.ts'
export * from './conformity.ts'
export * from './convert/index.ts'
export * from './editor/index.ts'
export * from './ydoc.ts'
export * from './amendments/index.ts'
export * from './import/index.ts'
