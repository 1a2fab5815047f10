// The config file loader: every supported format, and errors that name the file and key.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { gatewayOptionsOf, loadConfig } from '../../../src/cli/config.js'

const CONFIG = {
  stage: { name: 'dev', variables: { a: '1' } },
  accountThrottle: { rateLimit: 5, burstLimit: 2 },
}

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-config-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('loadConfig', () => {
  it.each([
    ['portico.config.json', JSON.stringify(CONFIG)],
    [
      'portico.config.yaml',
      'stage: { name: dev, variables: { a: "1" } }\naccountThrottle: { rateLimit: 5, burstLimit: 2 }\n',
    ],
    [
      'portico.config.yml',
      'stage: { name: dev, variables: { a: "1" } }\naccountThrottle: { rateLimit: 5, burstLimit: 2 }\n',
    ],
    ['portico.config.mjs', `export default ${JSON.stringify(CONFIG)}\n`],
    ['portico.config.js', `export default () => (${JSON.stringify(CONFIG)})\n`],
  ])('finds %s in the working directory', async (name, text) => {
    const dir = dirWith({ [name]: text, 'package.json': '{"type":"module"}' })
    const loaded = await loadConfig(undefined, dir)
    expect(loaded?.file).toBe(name)
    expect(loaded?.config).toEqual(CONFIG)
  })

  it('is undefined without a config file', async () => {
    expect(await loadConfig(undefined, dirWith({}))).toBeUndefined()
  })

  it('names the file for a module that does not load', async () => {
    const dir = dirWith({ 'portico.config.mjs': 'export default {\n' })
    await expect(loadConfig(undefined, dir)).rejects.toThrow(/^portico\.config\.mjs: cannot load: /)
  })

  it.each([
    [{ credentials: { AKID: {} } }, /credentials\.AKID\.secretAccessKey: is required/],
    [{ stages: [{ variables: {} }] }, /stages\[0\]\.name: is required/],
    [{ jwks: { iss: { nokeys: [] } } }, /jwks\.iss\.keys: is required/],
    [{ port: 70000 }, /port: must be <= 65535/],
    [{ lambdas: { Fn: 1 } }, /lambdas\.Fn: must be string/],
  ])('refuses %j', async (config, message) => {
    const dir = dirWith({ 'c.json': JSON.stringify(config) })
    await expect(loadConfig('c.json', dir)).rejects.toThrow(message)
  })
})

describe('gatewayOptionsOf', () => {
  it('reads a JWKS file relative to the config and turns credentials into a resolver', async () => {
    const dir = dirWith({ 'keys.json': '{"keys":[{"kty":"RSA","kid":"a"}]}' })
    const options = gatewayOptionsOf({
      file: 'portico.config.json',
      dir,
      config: { jwks: { iss: './keys.json' }, credentials: { AKID: { secretAccessKey: 's' } } },
    })
    expect(options.jwks).toEqual({ iss: { keys: [{ kty: 'RSA', kid: 'a' }] } })
    expect(await options.credentials?.('AKID')).toEqual({ secretAccessKey: 's' })
    expect(await options.credentials?.('OTHER')).toBeUndefined()
  })

  it('names the key of a JWKS file that cannot be read', () => {
    expect(() =>
      gatewayOptionsOf({
        file: 'c.json',
        dir: dirWith({}),
        config: { jwks: { iss: './none.json' } },
      }),
    ).toThrow(/^c\.json: jwks\.iss: cannot read \.\/none\.json/)
  })
})
