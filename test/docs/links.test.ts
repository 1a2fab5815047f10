// The README and docs link only to files of this repository that exist (AWS documentation
// URLs, the sources the docs follow, are fine), and name no path outside it.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return path === join(root, 'docs/api') ? [] : markdownFiles(path)
    return entry.name.endsWith('.md') ? [path] : []
  })
}

const files = [
  join(root, 'README.md'),
  join(root, 'CHANGELOG.md'),
  ...markdownFiles(join(root, 'docs')),
]

it.each(files.map((file) => [relative(root, file), file]))(
  '%s links inside the repository',
  (_name, file) => {
    const text = readFileSync(file, 'utf8')
    const problems: string[] = []
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target as string)) continue
      const path = resolve(dirname(file), (target as string).split('#')[0] as string)
      if (relative(root, path).startsWith('..')) problems.push(`${target}: outside the repository`)
      else if (!existsSync(path)) problems.push(`${target}: no such file`)
    }
    for (const [mention] of text.matchAll(/(?:\.\.\/)+shared\/\S*|\/work\/\S*/g))
      problems.push(`${mention}: a path outside the repository`)
    expect(problems).toEqual([])
  },
)
