/**
 * Stage variables in integration URIs, function names and HTTP API mappings.
 */

/**
 * Replaces `${stageVariables.x}` in a string; a missing variable becomes empty, as on AWS.
 *
 * @param text - e.g. an integration URI
 * @param variables - the stage's variables
 * @returns the text with variables substituted
 */
export function substituteStageVariables(
  text: string,
  variables: Readonly<Record<string, string>>,
): string {
  return text.replace(
    /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g,
    (_, name: string) => variables[name] ?? '',
  )
}
