/**
 * Filesystem functions (developer.hashicorp.com/terraform/language/functions, "Filesystem
 * Functions"). Relative paths start at the root module's directory, where `terraform` runs.
 * Files are read with a size limit.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import type { TfValue } from '../../values.js'
import { MAX_FILE_BYTES } from '../limits.js'
import { FnError, needRecord, needString, type FnCall, type FnSpec } from './common.js'
import { renderTemplate } from './template.js'

function resolve(call: FnCall, p: string): string {
  return path.resolve(call.scope.module.runtime.rootDir, expandHome(p))
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(homedir(), p.slice(1)) : p
}

function readBytes(call: FnCall, p: string): Buffer {
  const file = resolve(call, p)
  let size: number
  try {
    const st = statSync(file)
    if (!st.isFile()) throw new FnError(`${p} is not a file`)
    size = st.size
  } catch (e) {
    if (e instanceof FnError) throw e
    throw new FnError(`no file ${JSON.stringify(p)} (looked at ${file})`, {
      code: 'missing-file',
      hint: 'create the file (a build step may make it before terraform runs)',
    })
  }
  if (size > MAX_FILE_BYTES)
    throw new FnError(`${p} is larger than ${String(MAX_FILE_BYTES)} bytes`)
  return readFileSync(file)
}

function readText(call: FnCall, p: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readBytes(call, p))
  } catch (e) {
    if (e instanceof FnError) throw e
    throw new FnError(`${p} is not valid UTF-8 (use filebase64)`)
  }
}

function fileHash(alg: string, enc: 'hex' | 'base64'): FnSpec {
  return {
    min: 1,
    max: 1,
    fn: ([p], call) =>
      createHash(alg)
        .update(readBytes(call, needString(p, 'path')))
        .digest(enc),
  }
}

/** The filesystem functions by name. */
export const FILE_FUNCTIONS: Readonly<Record<string, FnSpec>> = {
  file: { min: 1, max: 1, fn: ([p], call) => readText(call, needString(p, 'path')) },
  fileexists: {
    min: 1,
    max: 1,
    fn: ([p], call) => {
      const file = resolve(call, needString(p, 'path'))
      return existsSync(file) && statSync(file).isFile()
    },
  },
  filebase64: {
    min: 1,
    max: 1,
    fn: ([p], call) => readBytes(call, needString(p, 'path')).toString('base64'),
  },
  filemd5: fileHash('md5', 'hex'),
  filesha1: fileHash('sha1', 'hex'),
  filesha256: fileHash('sha256', 'hex'),
  filesha512: fileHash('sha512', 'hex'),
  filebase64sha256: fileHash('sha256', 'base64'),
  filebase64sha512: fileHash('sha512', 'base64'),
  templatefile: {
    // unknown values among the vars matter only where the template uses them
    keepsUnknowns: true,
    min: 2,
    max: 2,
    tokens: true,
    fn: ([p, vars], call): TfValue => {
      const file = needString(p, 'path')
      const text = readText(call, file)
      return renderTemplate(
        text,
        needRecord(vars, 'vars'),
        call.scope,
        call.pos,
        resolve(call, file),
      )
    },
  },
  abspath: {
    min: 1,
    max: 1,
    fn: ([p], call) => resolve(call, needString(p, 'path')).split(path.sep).join('/'),
  },
  basename: { min: 1, max: 1, fn: ([p]) => goBase(needString(p, 'path')) },
  dirname: { min: 1, max: 1, fn: ([p]) => goDir(needString(p, 'path')) },
  pathexpand: { min: 1, max: 1, fn: ([p]) => expandHome(needString(p, 'path')) },
}

/** Go's filepath.Base. */
function goBase(p: string): string {
  if (p === '') return '.'
  const trimmed = p.replace(/\/+$/, '')
  if (trimmed === '') return '/'
  return trimmed.slice(trimmed.lastIndexOf('/') + 1)
}

/** Go's filepath.Dir. */
function goDir(p: string): string {
  const i = p.lastIndexOf('/')
  const dir = path.posix.normalize(p.slice(0, i + 1) || '.')
  return dir.length > 1 ? dir.replace(/\/$/, '') : dir
}
