// After tsc: copies the console page's files (src/console/assets) next to the compiled code, so
// dist/console/assets.js finds them at ./assets/ as src/console/assets.ts does in development.
import { cpSync, rmSync } from 'node:fs'

rmSync('dist/console/assets', { recursive: true, force: true })
cpSync('src/console/assets', 'dist/console/assets', { recursive: true })
