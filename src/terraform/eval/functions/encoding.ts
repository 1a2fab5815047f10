/**
 * Hash and encoding functions (developer.hashicorp.com/terraform/language/functions, "Hash and
 * Crypto Functions", "Encoding Functions"): strings are hashed and encoded as UTF-8.
 */
import { createHash } from 'node:crypto'
import { FnError, needString, type FnSpec } from './common.js'

function hex(alg: string): FnSpec {
  return {
    min: 1,
    max: 1,
    fn: ([s]) => createHash(alg).update(needString(s), 'utf8').digest('hex'),
  }
}

function b64(alg: string): FnSpec {
  return {
    min: 1,
    max: 1,
    fn: ([s]) => createHash(alg).update(needString(s), 'utf8').digest('base64'),
  }
}

/** The hash and encoding functions by name. */
export const ENCODING_FUNCTIONS: Readonly<Record<string, FnSpec>> = {
  md5: hex('md5'),
  sha1: hex('sha1'),
  sha256: hex('sha256'),
  sha512: hex('sha512'),
  base64sha256: b64('sha256'),
  base64sha512: b64('sha512'),
  base64encode: {
    min: 1,
    max: 1,
    fn: ([s]) => Buffer.from(needString(s), 'utf8').toString('base64'),
  },
  base64decode: {
    min: 1,
    max: 1,
    fn: ([s]) => {
      const text = needString(s)
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
        throw new FnError('invalid base64 data')
      const bytes = Buffer.from(text, 'base64')
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      } catch {
        throw new FnError('the decoded bytes are not valid UTF-8')
      }
    },
  },
  urlencode: {
    min: 1,
    max: 1,
    fn: ([s]) =>
      encodeURIComponent(needString(s))
        .replace(/%20/g, '+')
        .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%7E/g, '~'),
  },
}
