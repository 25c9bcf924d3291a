/**
 * How a person is named beside their caret and in the discussions. Its own
 * file so that what loads on demand (a discussion card) does not pull the
 * live connection (y-websocket, Yjs) into its chunk's dependencies.
 */

/** "Karim Benali · CGT", unless the name already says the organisation ("Karim Benali (CGT)"). */
export function nameWithOrganisation(name: string, organisation: string): string {
  if (!organisation || name.includes(organisation)) return name
  return `${name} · ${organisation}`
}
