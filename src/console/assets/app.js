// The console page: API picker, route table, live request log (server-sent events) with
// execution logs, and the tabs of the other modules.
import { byId, clear, el, formatMs, getJson, statusClass } from './dom.js'
import { createCharts } from './charts.js'
import { setupTestForm } from './test-form.js'

/** @type {any[]} */
let apis = []
let current = 0
/** @type {any[]} */
let requests = []
const MAX_ROWS = 500

const testForm = setupTestForm()
const charts = createCharts(byId('charts'), byId('metrics-note'))

function api() {
  return apis[current]
}

function showTab(name) {
  for (const button of document.querySelectorAll('#tabs button'))
    button.classList.toggle('active', button.getAttribute('data-tab') === name)
  for (const section of document.querySelectorAll('main > section'))
    section.hidden = section.id !== name
  if (name === 'metrics') void charts.refresh(current)
  if (name === 'usage') void refreshUsage()
}

for (const button of document.querySelectorAll('#tabs button'))
  button.addEventListener('click', () => showTab(button.getAttribute('data-tab') ?? 'routes'))

function renderApi() {
  const a = api()
  const meta = byId('api-meta')
  clear(meta)
  if (!a) return
  meta.append(`${a.kind} · ${a.apiId}`, a.invokeUrl ? ` · ${a.invokeUrl}` : '')
  const stages = byId('stages')
  clear(stages)
  for (const stage of a.stages) {
    const vars = Object.entries(stage.variables).map(([k, v]) => `${k}=${v}`)
    stages.append(
      el('span', { class: 'stage' }, 'stage ', el('strong', {}, stage.name)),
      vars.length ? el('span', { class: 'meta' }, vars.join(' ')) : '',
    )
  }
  const rows = byId('route-rows')
  clear(rows)
  for (const route of a.routes) {
    const row = el(
      'tr',
      { class: 'route' },
      el('td', { class: 'method' }, route.method),
      el('td', { class: 'mono' }, route.path),
      el('td', {}, route.integration ?? '—'),
      el('td', { class: 'mono' }, route.target ?? ''),
      el('td', {}, route.auth),
      el('td', {}, route.apiKeyRequired ? 'required' : ''),
    )
    row.addEventListener('click', () => {
      if (!a.testInvoke) return
      testForm.fill(route)
      showTab('test')
    })
    rows.append(row)
  }
  testForm.setApi(a, current)
  renderRequests()
  charts.reset()
}

function apiName(apiId) {
  return apis.find((a) => a.apiId === apiId)?.name ?? apiId ?? ''
}

function requestRow(r) {
  const row = el(
    'tr',
    { class: 'request', 'data-request-id': r.requestId },
    el('td', { class: 'mono' }, new Date(r.time).toLocaleTimeString()),
    el('td', { class: 'method' }, r.method),
    el('td', { class: 'mono' }, r.path),
    el('td', { class: `status ${statusClass(r.status)}` }, r.status),
    el('td', { class: 'num' }, `${formatMs(r.latency)} ms`),
    el(
      'td',
      {},
      r.integration
        ? `${r.integration}${r.target ? ' ' + r.target : ''}`
        : (r.errorType ?? 'no route'),
    ),
    el('td', {}, r.authorizer ?? ''),
    el('td', {}, r.cache ?? ''),
  )
  row.addEventListener('click', () => void toggleLog(row, r))
  return row
}

async function toggleLog(row, r) {
  const next = row.nextElementSibling
  if (next && next.classList.contains('log-row')) {
    next.remove()
    return
  }
  const pre = el('pre', { class: 'log' }, 'loading…')
  row.after(el('tr', { class: 'log-row' }, el('td', { colspan: '8' }, pre)))
  try {
    const found = await getJson(`api/requests/${encodeURIComponent(r.requestId)}`)
    pre.textContent =
      found.log ??
      `No execution log: ${r.errorType ?? 'HTTP APIs have none'} (request ${r.requestId}, ${apiName(r.apiId)})`
  } catch (error) {
    pre.textContent = String(error instanceof Error ? error.message : error)
  }
}

function mine(r) {
  const a = api()
  return !a || r.apiId === null || r.apiId === a.apiId
}

function renderRequests() {
  const rows = byId('request-rows')
  clear(rows)
  const list = requests.filter(mine)
  for (let i = list.length - 1; i >= 0; i--) rows.append(requestRow(list[i]))
  byId('request-count').textContent = String(list.length)
}

let refreshTimer = 0
function onRequest(r) {
  if (requests.some((x) => x.seq === r.seq)) return
  requests.push(r)
  if (requests.length > MAX_ROWS) requests.shift()
  if (!mine(r)) return
  const rows = byId('request-rows')
  rows.prepend(requestRow(r))
  while (rows.querySelectorAll('tr.request').length > MAX_ROWS) rows.lastElementChild?.remove()
  byId('request-count').textContent = String(requests.filter(mine).length)
  clearTimeout(refreshTimer)
  refreshTimer = setTimeout(() => {
    if (!byId('metrics').hidden) void charts.refresh(current)
    if (!byId('usage').hidden) void refreshUsage()
  }, 300)
}

async function refreshUsage() {
  const rows = byId('usage-rows')
  let list
  try {
    list = await getJson(`api/usage?api=${current}`)
  } catch (error) {
    clear(rows)
    rows.append(el('tr', {}, el('td', { colspan: '6' }, String(error))))
    return
  }
  clear(rows)
  if (list.length === 0)
    rows.append(
      el('tr', {}, el('td', { colspan: '6', class: 'meta' }, 'No usage plans cover this API.')),
    )
  for (const u of list) {
    const meter = u.quota
      ? el('meter', { min: '0', max: String(u.quota.limit), value: String(u.used) })
      : ''
    rows.append(
      el(
        'tr',
        { class: 'usage', 'data-key-id': u.keyId },
        el('td', {}, u.usagePlanName ?? u.usagePlanId),
        el(
          'td',
          {},
          u.keyName ? `${u.keyName} (${u.keyId})` : u.keyId,
          u.enabled ? '' : ' · disabled',
        ),
        el('td', {}, u.quota ? `${u.quota.limit} per ${u.quota.period}` : 'none'),
        el('td', { class: 'num' }, u.usedToday),
        el('td', { class: 'num' }, u.used, ' ', meter),
        el('td', { class: 'num remaining' }, u.remaining ?? '∞'),
      ),
    )
  }
}

// The charts move on with time even when no request comes.
setInterval(() => {
  if (!byId('metrics').hidden) void charts.refresh(current)
}, 5000)

function connect() {
  const live = byId('live')
  const source = new EventSource('api/events')
  source.addEventListener('open', () => {
    live.textContent = 'live'
    live.className = 'live on'
  })
  source.addEventListener('error', () => {
    live.textContent = 'reconnecting…'
    live.className = 'live'
  })
  source.addEventListener('request', (event) => onRequest(JSON.parse(event.data)))
}

async function start() {
  apis = await getJson('api/apis')
  const select = /** @type {HTMLSelectElement} */ (byId('api'))
  for (const a of apis)
    select.append(el('option', { value: String(a.index) }, `${a.name} (${a.kind})`))
  select.addEventListener('change', () => {
    current = Number(select.value)
    renderApi()
  })
  connect()
  const initial = await getJson('api/requests')
  const seen = new Set(initial.map((r) => r.seq))
  requests = [...initial, ...requests.filter((r) => !seen.has(r.seq))].slice(-MAX_ROWS)
  renderApi()
  byId('clear-requests').addEventListener('click', () => {
    requests = []
    renderRequests()
  })
  document.body.setAttribute('data-ready', 'true')
}

start().catch((error) => {
  document.body.append(el('p', { class: 'error' }, `The console could not start: ${error}`))
})
