/**
 * CloudFormation logical ids for Terraform resource addresses, and the way back: every warning
 * and error of the template importer names the Terraform address (and `file:line`) instead of
 * the generated logical id.
 */
import { isAbsolute, relative, resolve } from 'node:path'
import type { SourcePos } from '../hcl/ast.js'

/** A generated logical id's origin. */
export interface AddressOrigin {
  readonly address: string
  readonly pos?: SourcePos
}

const pascal = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('')

/**
 * `module.api.aws_api_gateway_method.get["users"]` → `ApiApiGatewayMethodGetUsers`: module
 * names, the type without `aws_`, the name and the key, alphanumeric (CloudFormation's rule).
 *
 * @param address - a resource address
 * @returns a logical id candidate (not yet unique)
 */
export function logicalIdCandidate(address: string): string {
  const text = address.replace(/(^|\.)module\./g, '$1').replace(/(^|\.)aws_/g, '$1')
  const id = pascal(text.replace(/^data\./, 'Data.'))
  return /^[A-Za-z]/.test(id) ? id : `R${id}`
}

/** Unique logical ids for addresses, with the reverse map. */
export class LogicalIds {
  readonly #byAddress = new Map<string, string>()
  readonly #origins = new Map<string, AddressOrigin>()

  /**
   * The logical id of an address, made unique on first use.
   *
   * @param address - the resource address
   * @param pos - where it is declared
   * @returns the logical id
   */
  idOf(address: string, pos?: SourcePos): string {
    const known = this.#byAddress.get(address)
    if (known !== undefined) return known
    const base = logicalIdCandidate(address)
    let id = base
    for (let n = 2; this.#origins.has(id); n++) id = `${base}${n}`
    this.#byAddress.set(address, id)
    this.#origins.set(id, pos ? { address, pos } : { address })
    return id
  }

  /**
   * Makes `address` another name of an existing logical id (an integration folded into its
   * method).
   *
   * @param address - the folded resource
   * @param logicalId - the resource it is part of
   */
  alias(address: string, logicalId: string): void {
    this.#byAddress.set(address, logicalId)
  }

  /** The logical id given to an address, if any. */
  get(address: string): string | undefined {
    return this.#byAddress.get(address)
  }

  /** Where a logical id came from. */
  origin(logicalId: string): AddressOrigin | undefined {
    return this.#origins.get(logicalId)
  }

  /** Every logical id and its origin. */
  entries(): IterableIterator<[string, AddressOrigin]> {
    return this.#origins.entries()
  }
}

/**
 * `address (file:line)`, for messages.
 *
 * @param origin - the address and its place
 * @returns the text
 */
export function describeOrigin(origin: AddressOrigin): string {
  return origin.pos
    ? `${origin.address} (${shownFile(origin.pos.file)}:${origin.pos.line})`
    : origin.address
}

/**
 * A file as messages show it: relative to the current directory when it is inside it.
 *
 * @param file - a path from a source position
 * @returns the path to print
 */
export function shownFile(file: string): string {
  if (!isAbsolute(file)) return file
  const shown = relative(resolve(), file)
  return shown === '' || shown.startsWith('..') ? file : shown
}

/**
 * Replaces each `Resources.<LogicalId>` in a template importer's message by the Terraform
 * address and place, and `.Properties` after it by nothing; so is a logical id on its own.
 *
 * @param text - a warning or error message
 * @param ids - the logical ids
 * @returns the message in Terraform terms
 */
export function toTerraformTerms(text: string, ids: LogicalIds): string {
  return text
    .replace(
      /Resources\.([A-Za-z0-9]+)(\.Properties)?(\.?)/g,
      (whole, logicalId: string, _properties: string | undefined, dot: string) => {
        const origin = ids.origin(logicalId)
        return origin ? `${describeOrigin(origin)}${dot ? ' ' : ''}` : whole
      },
    )
    .replace(/(?<![\w.(])[A-Z][A-Za-z0-9]+\b(?!\.tf)/g, (word) => {
      const origin = ids.origin(word)
      return origin ? describeOrigin(origin) : word
    })
}
