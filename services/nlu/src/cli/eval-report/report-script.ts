/**
 * The script a report runs in the browser to draw its charts with ECharts (inlined before it), from the JSON the
 * report embeds (`#report-data`: the EvalReport and its confusion matrix). Plain ES5-style JavaScript in a string:
 * it runs in the page, not in Node, and reads nothing but that JSON.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var report = data.report;
  var matrix = data.matrix;
  function chart(id, option) {
    var instance = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
    option.animation = false;
    instance.setOption(option);
  }
  var intents = report.perIntent.map(function (m) { return m.intent; });
  chart('chart-per-intent', {
    legend: { top: 0 },
    grid: { left: 160, right: 24, top: 32, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: 1 },
    yAxis: { type: 'category', data: intents, inverse: true },
    series: ['precision', 'recall', 'f1'].map(function (key) {
      return { name: key === 'f1' ? 'F1' : key.charAt(0).toUpperCase() + key.slice(1), type: 'bar',
        data: report.perIntent.map(function (m) { return m[key]; }) };
    })
  });
  var most = Math.max.apply(null, [1].concat(matrix.cells.map(function (c) { return c[2]; })));
  chart('chart-confusion', {
    grid: { left: 160, right: 24, top: 16, bottom: 140 },
    xAxis: { type: 'category', data: matrix.labels, name: 'predicted', nameLocation: 'middle', nameGap: 120,
      axisLabel: { rotate: 60, interval: 0 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: matrix.labels, name: 'expected', inverse: true, axisLabel: { interval: 0 }, splitArea: { show: true } },
    visualMap: { min: 0, max: most, calculable: false, orient: 'horizontal', right: 0, top: 0, show: false,
      inRange: { color: ['#eef3fd', '#2f5fd0', '#a4161a'] } },
    series: [{ name: 'Examples', type: 'heatmap', data: matrix.cells, label: { show: true } }]
  });
  var sweep = report.thresholdSweep;
  var hasOos = report.summary.oosRecall !== null;
  var chosen = report.summary.threshold;
  chart('chart-sweep', hasOos ? {
    grid: { left: 64, right: 32, top: 32, bottom: 56 },
    xAxis: { type: 'value', name: 'out-of-scope recall', nameLocation: 'middle', nameGap: 32, min: 0, max: 1 },
    yAxis: { type: 'value', name: 'in-scope accuracy', min: 0, max: 1 },
    series: [
      { name: 'Threshold sweep', type: 'line', showSymbol: true, symbolSize: 5,
        data: sweep.map(function (p) { return [p.oosRecall, p.inScopeAccuracy, p.threshold]; }) },
      { name: 'Chosen threshold', type: 'scatter', symbolSize: 16, itemStyle: { color: '#a4161a' },
        label: { show: true, position: 'right', formatter: 'threshold ' + chosen.toFixed(2) },
        data: [[report.summary.oosRecall, report.summary.inScopeAccuracy, chosen]] }
    ]
  } : {
    grid: { left: 64, right: 32, top: 32, bottom: 56 },
    xAxis: { type: 'value', name: 'threshold', nameLocation: 'middle', nameGap: 32, min: 0, max: 1 },
    yAxis: { type: 'value', name: 'in-scope accuracy', min: 0, max: 1 },
    series: [
      { name: 'Threshold sweep', type: 'line', data: sweep.map(function (p) { return [p.threshold, p.inScopeAccuracy]; }) },
      { name: 'Chosen threshold', type: 'scatter', symbolSize: 16, itemStyle: { color: '#a4161a' },
        label: { show: true, position: 'right', formatter: 'threshold ' + chosen.toFixed(2) },
        data: [[chosen, report.summary.inScopeAccuracy]] }
    ]
  });
  document.body.dataset.drawn = 'true';
})();
`;
