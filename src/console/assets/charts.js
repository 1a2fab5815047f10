// The Metrics tab: AWS/ApiGateway metric names over time, drawn with uPlot (served from the
// installed package, window.uPlot).

const CHARTS = [
  {
    title: 'Count, 4XXError, 5XXError',
    unit: 'requests',
    series: [
      ['Count', (p) => p.Count, '#3b82f6'],
      ['4XXError', (p) => p['4XXError'], '#f59e0b'],
      ['5XXError', (p) => p['5XXError'], '#ef4444'],
    ],
  },
  {
    title: 'Latency (ms)',
    unit: 'ms',
    series: [
      ['p50', (p) => p.Latency.p50, '#10b981'],
      ['p90', (p) => p.Latency.p90, '#f59e0b'],
      ['p99', (p) => p.Latency.p99, '#ef4444'],
    ],
  },
  {
    title: 'IntegrationLatency (ms)',
    unit: 'ms',
    series: [
      ['p50', (p) => p.IntegrationLatency.p50, '#10b981'],
      ['p90', (p) => p.IntegrationLatency.p90, '#f59e0b'],
      ['p99', (p) => p.IntegrationLatency.p99, '#ef4444'],
    ],
  },
  {
    title: 'CacheHitCount, CacheMissCount',
    unit: 'requests',
    series: [
      ['CacheHitCount', (p) => p.CacheHitCount, '#10b981'],
      ['CacheMissCount', (p) => p.CacheMissCount, '#8b5cf6'],
    ],
  },
]

/**
 * @param {HTMLElement} container
 * @param {HTMLElement} note
 */
export function createCharts(container, note) {
  /** @type {any[]} */
  let plots = []

  function build(width) {
    const U = /** @type {any} */ (window).uPlot
    if (!U) {
      note.textContent = 'uPlot could not be loaded: install the uplot package.'
      return
    }
    for (const chart of CHARTS) {
      const box = document.createElement('div')
      box.className = 'chart'
      container.append(box)
      plots.push(
        new U(
          {
            title: chart.title,
            width,
            height: 220,
            scales: { x: { time: true } },
            axes: [{}, { label: chart.unit, size: 60 }],
            series: [
              {},
              ...chart.series.map(([label, , stroke]) => ({
                label,
                stroke,
                width: 2,
                spanGaps: false,
                points: { show: false },
              })),
            ],
          },
          [[], ...chart.series.map(() => [])],
          box,
        ),
      )
    }
  }

  return {
    reset() {
      for (const plot of plots) plot.destroy()
      plots = []
      container.replaceChildren()
    },
    /** @param {number} api */
    async refresh(api) {
      const res = await fetch(`api/metrics?api=${api}`)
      if (!res.ok) return
      const { points } = await res.json()
      const width = Math.max(320, Math.min(container.clientWidth || 900, 1400) / 2 - 24)
      if (plots.length === 0) build(width)
      const xs = points.map((p) => p.t)
      CHARTS.forEach((chart, i) => {
        plots[i]?.setData([xs, ...chart.series.map(([, pick]) => points.map(pick))])
      })
    },
  }
}
