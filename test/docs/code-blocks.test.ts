/**
 * Every ```ts and ```js block of the README and the guides runs as a test, against the built
 * package (`dist/`, `npm run build`): `import … from 'portico'` and its subpaths are rewritten
 * to the dist files the package's `exports` map names. A block runs as a module in
 * `examples/docs/` (its working directory), where the files the blocks read are shipped.
 * A block that calls vitest's `it` defines tests of its own; any other block must finish (and
 * close what it opened) within the test timeout.
 *
 * A line `console.log(a, b) // shown: why` asserts too: what it prints must be the comment up to
 * one of its `: ` (spaces aside), so `// 403: no key` passes for `403`.
 *
 * Blocks run with `PORT=0`, so a server listening on `process.env.PORT ?? 3000` gets a free port.
 * A block that reads `process.env.REDIS_URL` gets a real redis-server (test/redis/redis-server.ts).
 *
 * A block is skipped when its info string says `skip` (```ts skip) or the line before it is
 * `<!-- not-a-test -->`: keep these for fragments that cannot run alone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedisServer, type RedisServer } from '../redis/redis-server.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const workDir = join(root, 'examples/docs')
const outDir = join(root, 'test/docs/.blocks')

/** A fenced code block of a markdown file. */
interface Block {
  readonly file: string
  readonly line: number
  readonly lang: 'ts' | 'js'
  readonly code: string
  readonly skip: boolean
}

/** The markdown files whose code blocks run: the README, docs/index.md and the guides. */
export function documentedFiles(): string[] {
  const guides = join(root, 'docs/guides')
  return [
    join(root, 'README.md'),
    join(root, 'docs/index.md'),
    ...(existsSync(guides)
      ? readdirSync(guides)
          .filter((name) => name.endsWith('.md'))
          .sort()
          .map((name) => join(guides, name))
      : []),
  ].filter((file) => existsSync(file))
}

/** The ```ts / ```js blocks of one markdown text, in order. */
export function extractBlocks(file: string, text: string): Block[] {
  const lines = text.split('\n')
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)(.*)$/.exec(lines[i] as string)
    if (!open) continue
    const end = lines.indexOf('```', i + 1)
    if (end === -1) throw new Error(`${file}:${i + 1}: unclosed code block`)
    const lang = open[1] as string
    if (lang === 'ts' || lang === 'js' || lang === 'typescript' || lang === 'javascript') {
      const previous = (lines[i - 1] ?? '').trim() === '' ? lines[i - 2] : lines[i - 1]
      blocks.push({
        file,
        line: i + 1,
        lang: lang.startsWith('t') ? 'ts' : 'js',
        code: lines.slice(i + 1, end).join('\n'),
        skip:
          /\bskip\b/.test(open[2] as string) || (previous ?? '').trim() === '<!-- not-a-test -->',
      })
    }
    i = end
  }
  return blocks
}

/** `'portico'` and `'portico/sub'` become the dist files of the package's `exports` map. */
function toDist(code: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    exports: Record<string, { default: string } | string>
  }
  return code.replace(/(['"])portico(\/[\w-]+)?\1/g, (whole, _quote: string, sub?: string) => {
    const target = pkg.exports[sub === undefined ? '.' : `.${sub}`]
    if (target === undefined) throw new Error(`no package export for ${whole}`)
    const file = typeof target === 'string' ? target : target.default
    return JSON.stringify(pathToFileURL(join(root, file)).href)
  })
}

const checkLog = `import { format as __format } from 'node:util'
function __expectLog(expected: string, ...values: unknown[]): void {
  const printed = __format(...values)
  console.info(printed)
  const parts = expected.split(': ')
  const shown = parts.map((_part, i) => parts.slice(0, i + 1).join(': ').replace(/\\s+/g, ''))
  if (!shown.includes(printed.replace(/\\s+/g, '')))
    throw new Error(\`printed \${JSON.stringify(printed)}, the comment says \${JSON.stringify(expected)}\`)
}
`

/** `console.log(x) // shown` lines assert what they print. */
function withLogChecks(code: string, lang: 'ts' | 'js'): string {
  let checks = 0
  const out = code.replace(
    /^(\s*)console\.log\((.*)\)\s*\/\/\s*(.+)$/gm,
    (_line, indent: string, args: string, comment: string) => {
      checks++
      return `${indent}__expectLog(${JSON.stringify(comment)}, ${args})`
    },
  )
  if (checks === 0) return code
  const helper = lang === 'ts' ? checkLog : checkLog.replace(/: (string|unknown\[\]|void)/g, '')
  return `${helper}\n${out}`
}

const blocks = documentedFiles().flatMap((file) => extractBlocks(file, readFileSync(file, 'utf8')))

it('finds the README and guide code blocks, and keeps skips rare', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(20)
  expect(blocks.filter((block) => block.skip).length).toBeLessThanOrEqual(
    Math.ceil(blocks.length / 8),
  )
})

it('checks every console.log of a block against its comment (one line each)', () => {
  const unchecked = blocks
    .filter((block) => !block.skip && /console\.log\(/.test(withLogChecks(block.code, block.lang)))
    .map((block) => `${relative(root, block.file)}:${block.line}`)
  expect(unchecked).toEqual([])
})

it('builds dist before the blocks run (npm run build)', () => {
  expect(existsSync(join(root, 'dist/index.js'))).toBe(true)
})

// Blocks that read REDIS_URL get a real redis-server on a free port.
let redis: RedisServer | undefined
const previousRedisUrl = process.env['REDIS_URL']
if (blocks.some((block) => !block.skip && block.code.includes('REDIS_URL'))) {
  beforeAll(async () => {
    redis = await startRedisServer()
    process.env['REDIS_URL'] = redis.url
  })
  afterAll(async () => {
    if (previousRedisUrl === undefined) delete process.env['REDIS_URL']
    else process.env['REDIS_URL'] = previousRedisUrl
    await redis?.stop()
  })
}

rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })
const home = process.cwd()

for (const [index, block] of blocks.entries()) {
  const name = `${relative(root, block.file)}:${block.line}`
  // A block marked skip is not run (the ratio check above bounds how many there are).
  if (block.skip) continue
  const path = join(outDir, `block-${String(index).padStart(3, '0')}.${block.lang}`)
  writeFileSync(path, `// ${name}\n${withLogChecks(toDist(block.code), block.lang)}\n`)
  if (/\bit\(/.test(block.code)) {
    // The block defines tests: import it while this suite is collected, in its directory.
    describe(name, async () => {
      beforeAll(() => process.chdir(workDir))
      afterAll(() => process.chdir(home))
      process.chdir(workDir)
      try {
        await import(pathToFileURL(path).href)
      } finally {
        process.chdir(home)
      }
    })
  } else {
    it(name, async () => {
      const port = process.env['PORT']
      process.env['PORT'] = '0'
      process.chdir(workDir)
      try {
        await import(pathToFileURL(path).href)
      } finally {
        process.chdir(home)
        if (port === undefined) delete process.env['PORT']
        else process.env['PORT'] = port
      }
    })
  }
}
