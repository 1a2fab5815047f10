/**
 * The console page's files: its own (assets/, copied next to the compiled code by the build)
 * and uPlot's, resolved from the installed `uplot` package at run time (no CDN). Read once,
 * then kept in memory; only names in the table are served.
 */
import { readFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SECURITY_HEADERS } from './http.js'

const HERE = fileURLToPath(new URL('./assets/', import.meta.url))

/** Where uPlot's `dist/` is, or undefined when the package cannot be found. */
function uplotDist(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('uplot/package.json')), 'dist')
  } catch {
    return undefined
  }
}

const JS = 'text/javascript; charset=utf-8'
const CSS = 'text/css; charset=utf-8'

/** Path under the base → [directory, file, content type]. */
const FILES: Record<string, readonly [() => string | undefined, string, string]> = {
  '': [() => HERE, 'index.html', 'text/html; charset=utf-8'],
  'console.css': [() => HERE, 'console.css', CSS],
  'app.js': [() => HERE, 'app.js', JS],
  'dom.js': [() => HERE, 'dom.js', JS],
  'charts.js': [() => HERE, 'charts.js', JS],
  'test-form.js': [() => HERE, 'test-form.js', JS],
  'vendor/uPlot.iife.min.js': [uplotDist, 'uPlot.iife.min.js', JS],
  'vendor/uPlot.min.css': [uplotDist, 'uPlot.min.css', CSS],
}

const cache = new Map<string, Buffer | null>()

function load(name: string): Buffer | null {
  const cached = cache.get(name)
  if (cached !== undefined) return cached
  const entry = FILES[name]
  const dir = entry?.[0]()
  let data: Buffer | null = null
  if (entry && dir !== undefined)
    try {
      data = readFileSync(join(dir, entry[1]))
    } catch {
      data = null
    }
  cache.set(name, data)
  return data
}

/**
 * Answers a page file.
 *
 * @param name - the path after the base (`''` is the page)
 * @param res - the response
 * @returns false when there is no such file
 */
export function serveAsset(name: string, res: ServerResponse): boolean {
  if (!Object.hasOwn(FILES, name)) return false
  const data = load(name)
  if (!data) return false
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': (FILES[name] as readonly [unknown, string, string])[2],
    'Content-Length': data.length,
  })
  res.end(data)
  return true
}
