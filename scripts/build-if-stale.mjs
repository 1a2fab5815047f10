// `npm start`'s prestart: runs `npm run build` only when a file under src/ (or tsconfig.json,
// package.json) is newer than the last build's stamp, so a current build starts at once.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const stamp = 'dist/.build-stamp'
const mtime = (path) => {
  try {
    return statSync(path).mtimeMs
  } catch {
    return -1
  }
}
const newest = (dir) => {
  let latest = mtime(dir)
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : mtime(path))
  }
  return latest
}

const built = mtime(stamp)
const sources = Math.max(newest('src'), mtime('tsconfig.json'), mtime('package.json'))
if (built < 0 || sources > built) {
  const started = Date.now()
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
  // Stamped with the build's start: a file saved during the build makes the next start rebuild.
  writeFileSync(stamp, new Date(started).toISOString() + '\n')
  utimesSync(stamp, new Date(started), new Date(started))
}
