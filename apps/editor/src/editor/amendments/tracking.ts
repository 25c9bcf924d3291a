/**
 * The part of the suggestion library that turns typing into amendments
 * (`transformToSuggestionTransaction` and its step rewriters) and switches
 * the mode on and off. It loads when the mode is first wanted — the
 * « Proposer des modifications » toggle, or the amendment role's editor —
 * not with the fiche: showing amendments needs only the marks (schema) and
 * the library's plugin (./suggest-mode.ts), which stay in the first load.
 */
export { disableSuggestChanges, enableSuggestChanges, transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes'
