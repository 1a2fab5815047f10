// The Test tab: AWS console's Test form, sent to POST api/test-invoke (gateway.testInvoke).
import { byId, clear, el, getJson } from './dom.js'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']

/** @param {string} text @param {string} sep */
function pairs(text, sep) {
  /** @type {Record<string, string>} */
  const out = {}
  for (const line of text.split('\n')) {
    const at = line.indexOf(sep)
    if (at < 1) continue
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  return out
}

export function setupTestForm() {
  const method = /** @type {HTMLSelectElement} */ (byId('test-method'))
  const path = /** @type {HTMLInputElement} */ (byId('test-path'))
  const stage = /** @type {HTMLSelectElement} */ (byId('test-stage'))
  const headers = /** @type {HTMLTextAreaElement} */ (byId('test-headers'))
  const variables = /** @type {HTMLTextAreaElement} */ (byId('test-variables'))
  const body = /** @type {HTMLTextAreaElement} */ (byId('test-body'))
  const note = byId('test-note')
  const run = /** @type {HTMLButtonElement} */ (byId('test-run'))
  for (const m of METHODS) method.append(el('option', { value: m }, m))
  let apiIndex = 0
  let enabled = true

  byId('test-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    if (!enabled) return
    run.disabled = true
    note.textContent = 'running…'
    try {
      const result = await getJson('api/test-invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          api: apiIndex,
          stage: stage.value,
          method: method.value,
          pathWithQueryString: path.value || '/',
          headers: pairs(headers.value, ':'),
          stageVariables: pairs(variables.value, '='),
          body: body.value,
        }),
      })
      note.textContent = ''
      show(result)
    } catch (error) {
      note.textContent = String(error instanceof Error ? error.message : error)
    } finally {
      run.disabled = false
    }
  })

  function show(result) {
    byId('test-result').hidden = false
    const status = byId('test-status')
    status.textContent = String(result.status)
    status.className = result.status >= 400 ? 'bad' : 'good'
    byId('test-latency').textContent = String(result.latency)
    let text = result.body
    try {
      text = JSON.stringify(JSON.parse(result.body), null, 2)
    } catch {
      // not JSON: shown as it is
    }
    byId('test-response-body').textContent = text
    byId('test-response-headers').textContent = Object.entries(result.headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n')
    byId('test-log').textContent = result.log
  }

  return {
    /** @param {any} api @param {number} index */
    setApi(api, index) {
      apiIndex = index
      enabled = api.testInvoke
      clear(stage)
      for (const s of api.stages) stage.append(el('option', { value: s.name }, s.name))
      run.disabled = !enabled
      note.textContent = enabled ? '' : 'AWS has test-invoke for REST APIs only.'
    },
    /** @param {{ method: string, path: string }} route */
    fill(route) {
      method.value = METHODS.includes(route.method) ? route.method : 'GET'
      path.value = route.path
      path.focus()
    },
  }
}
