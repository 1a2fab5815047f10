// Type-checks the ```ts blocks of the README and the guides against the built package's types
// (dist/*.d.ts, through the package's own `exports`): a renamed option or a wrong field in a
// documented example fails `npm run typecheck`. Blocks run as tests in test/docs/code-blocks.test.ts.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'test/docs/.typecheck')
const guides = join(root, 'docs/guides')
const files = [
  join(root, 'README.md'),
  ...readdirSync(guides)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(guides, name)),
]

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
let count = 0
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript)\b(.*)$/.exec(lines[i])
    if (!open) continue
    const end = lines.indexOf('```', i + 1)
    const previous = lines[i - 1]?.trim() === '' ? lines[i - 2] : lines[i - 1]
    const skip = /\bskip\b/.test(open[2]) || previous?.trim() === '<!-- not-a-test -->'
    if (!skip) {
      const name = `${relative(root, file).replace(/[/.]/g, '_')}_${i + 1}.ts`
      // Each block is a module of its own (top-level await, no shared names).
      writeFileSync(join(out, name), `${lines.slice(i + 1, end).join('\n')}\nexport {}\n`)
      count++
    }
    i = end
  }
}
if (!existsSync(join(root, 'dist/index.d.ts'))) {
  console.error('typecheck-doc-blocks: build first (npm run build)')
  process.exit(1)
}
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023', 'DOM'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ['*.ts'],
  }),
)
try {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', out], {
    stdio: 'inherit',
  })
  console.log(`typecheck-doc-blocks: ${count} blocks`)
} catch {
  process.exit(1)
}
