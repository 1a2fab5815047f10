// Building elements with text only: request data never goes through innerHTML.

/**
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {...(Node | string | number | null | undefined)} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value
    else node.setAttribute(name, value)
  }
  for (const child of children) {
    if (child === null || child === undefined) continue
    node.append(typeof child === 'object' ? child : document.createTextNode(String(child)))
  }
  return node
}

/** @param {string} id */
export const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id))

/** @param {Element} node */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild)
}

/**
 * @param {string} path
 * @param {RequestInit} [init]
 */
export async function getJson(path, init) {
  const res = await fetch(path, init)
  const body = await res.json()
  if (!res.ok) throw new Error(body?.message ?? `HTTP ${res.status}`)
  return body
}

/** @param {number} ms */
export const formatMs = (ms) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)))

/** @param {number} status */
export const statusClass = (status) =>
  status >= 500 ? 's5' : status >= 400 ? 's4' : status >= 300 ? 's3' : 's2'
