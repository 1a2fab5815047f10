/**
 * Media-type matching as API Gateway does it for templates and binary media types.
 */

/**
 * The media type of a Content-Type or Accept entry, lower-cased, without parameters.
 *
 * @param value - e.g. `application/json; charset=utf-8`
 * @returns e.g. `application/json`, or undefined for an empty value
 */
export function essenceOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const semi = value.indexOf(';')
  const essence = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase()
  return essence === '' ? undefined : essence
}

/**
 * The first media type of an Accept header: the only one AWS looks at.
 *
 * @param accept - the Accept header
 * @returns its first type, or undefined
 */
export function firstAcceptType(accept: string | undefined): string | undefined {
  if (accept === undefined) return undefined
  const comma = accept.indexOf(',')
  return essenceOf(comma === -1 ? accept : accept.slice(0, comma))
}

/**
 * Whether a media type is one of the API's binary media types: exact, right-side wildcard
 * (`image/*`) or `*\/*`. Left-side wildcards (`*\/png`) never match, as on AWS.
 *
 * @param type - a media type essence
 * @param binaryMediaTypes - the API's list, lower-cased
 * @returns true when the payload counts as binary
 */
export function isBinaryMediaType(
  type: string | undefined,
  binaryMediaTypes: readonly string[],
): boolean {
  if (type === undefined || binaryMediaTypes.length === 0) return false
  const slash = type.indexOf('/')
  const major = slash === -1 ? type : type.slice(0, slash)
  for (const entry of binaryMediaTypes) {
    if (entry === type || entry === '*/*') return true
    if (entry.endsWith('/*') && entry.slice(0, -2) === major) return true
  }
  return false
}

const TEXT_TYPES =
  /^(?:text\/|application\/(?:json|xml|javascript|x-www-form-urlencoded|[\w.+-]+\+(?:json|xml))|image\/svg\+xml)/

/**
 * Whether a media type is plain text, so bytes of it can be shown as a UTF-8 string.
 *
 * @param type - a media type essence
 * @returns true for text, JSON, XML and forms
 */
export function isTextMediaType(type: string | undefined): boolean {
  return type === undefined || TEXT_TYPES.test(type)
}
