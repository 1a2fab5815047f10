// @ts-check
/**
 * A local ESLint rule: a file in one concept folder of src/ imports another folder only through
 * that folder's index.ts, its public face (issue 12). Concepts are the top-level folders of src/
 * (and each adapters/<name>); the root files (errors.ts, gateway.ts) are faces of their own.
 */
import path from 'node:path'

const src = path.resolve(import.meta.dirname, 'src')

/** @param {string} file */
function conceptOf(file) {
  const parts = path.relative(src, file).split(path.sep)
  if (parts[0] === '..' || parts.length === 1) return null
  return parts[0] === 'adapters' ? parts.slice(0, 2).join('/') : parts[0]
}

/** @type {import('eslint').Rule.RuleModule} */
const importThroughFace = {
  meta: {
    type: 'problem',
    docs: { description: 'import another concept folder only through its index.ts' },
    messages: { face: "import '{{folder}}' through its public face '{{face}}'" },
    schema: [],
  },
  create(context) {
    const file = context.filename
    const from = conceptOf(file)
    /** @param {any} node */
    function check(node) {
      const spec = node.source?.value
      if (typeof spec !== 'string' || !spec.startsWith('.')) return
      const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'))
      const to = conceptOf(target)
      if (to === null || to === from) return
      const face = path.join(src, to, 'index.ts')
      if (target === face) return
      context.report({
        node: node.source,
        messageId: 'face',
        data: { folder: to, face: path.relative(path.dirname(file), face).replace(/\.ts$/, '.js') },
      })
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check }
  },
}

export default { rules: { 'import-through-face': importThroughFace } }
