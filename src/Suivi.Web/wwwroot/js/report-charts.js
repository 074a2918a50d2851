// Draws the report's charts with Chart.js (npm 'chart.js', pinned in package.json) from the figures each canvas
// carries in data-chart: the rows of a table over its years. A classic script, so that the PDF printer can inline it
// into the page it prints; animation is off so that the chart is complete when Chromium prints.
(() => {
  'use strict';
  const palette = ['#1f4e79', '#d9822b', '#3a8f5c', '#8e44ad', '#c0392b', '#7f8c8d', '#2c98c9', '#b7950b'];

  function draw(canvas) {
    const chart = JSON.parse(canvas.dataset.chart);
    const numbers = new Intl.NumberFormat(chart.locale);
    const stacked = chart.kind === 'stacked-bar';
    const line = chart.kind === 'line';
    new window.Chart(canvas, {
      type: line ? 'line' : 'bar',
      data: {
        labels: chart.labels,
        datasets: chart.series.map((series, i) => ({
          label: series.label,
          data: series.values,
          backgroundColor: palette[i % palette.length],
          borderColor: palette[i % palette.length],
          borderWidth: line ? 2 : 0,
          spanGaps: false,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        devicePixelRatio: Math.max(window.devicePixelRatio || 1, 3),
        locale: chart.locale,
        scales: {
          x: { stacked },
          y: { stacked, beginAtZero: true, ticks: { callback: (value) => numbers.format(value) } },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${numbers.format(item.parsed.y)}` } },
        },
      },
    });
  }

  function drawAll() {
    if (!window.Chart) {
      return;
    }
    // The page's own type face, on screen and in print.
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    document.querySelectorAll('canvas[data-chart]').forEach(draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
