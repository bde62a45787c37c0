// Draws the performance dashboard's charts from the JSON the page carries (#dashboard-data), with the words of
// the page's language (#dashboard-labels). Without this file (or ECharts) the figures stay readable in the cards
// and the data table.
(function () {
  'use strict';

  function read(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent || '{}') : {};
  }

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) {
      return;
    }
    var c = window.echarts.init(el, null, {renderer: 'canvas'});
    c.setOption(el.clientWidth < 480 ? narrow(option) : option);
    window.addEventListener('resize', function () { c.resize(); });
    el.setAttribute('data-rendered', 'true');
  }

  // On a phone the legend goes above the plot, scrolling, and the grid makes room for its axis labels (slanted
  // when they are words): at the bottom the legend and the type names under the bars overlapped (outside tester).
  function narrow(option) {
    var named = [].concat(option.yAxis || []).some(function (axis) { return axis.name; });
    if (option.legend) {
      option.legend = {type: 'scroll', top: 0, left: 0, right: 0};
      // an axis name sits above the plot: below the legend, not under it
      option.grid.top = named ? 58 : 36;
    }
    option.grid.left = 4;
    option.grid.right = 8;
    option.grid.bottom = 4;
    option.grid.containLabel = true;
    [].concat(option.xAxis || []).forEach(function (axis) {
      if (axis.type === 'category') {
        axis.axisLabel = {interval: 0, rotate: 40, fontSize: 10};
      }
    });
    [].concat(option.yAxis || []).forEach(function (axis) {
      if (axis.type === 'category') {
        axis.axisLabel = {width: 84, overflow: 'truncate', fontSize: 10};
      }
      if (axis.name) {
        axis.nameTextStyle = {fontSize: 10};
      }
    });
    return option;
  }

  function label(labels, key) {
    return labels[key] || key;
  }

  function draw() {
    var d = read('dashboard-data');
    var labels = read('dashboard-labels');
    var contracts = d.contracts || {};
    var cells = contracts.byTypeAndStatus || [];
    var types = [];
    var statuses = [];
    cells.forEach(function (c) {
      if (types.indexOf(c.type) < 0) { types.push(c.type); }
      if (statuses.indexOf(c.status) < 0) { statuses.push(c.status); }
    });
    chart('chart-type-status', {
      tooltip: {trigger: 'axis'},
      legend: {type: 'scroll', bottom: 0},
      grid: {left: 40, right: 10, top: 10, bottom: 50},
      xAxis: {type: 'category', data: types.map(function (t) { return label(labels, 'type.' + t); })},
      yAxis: {type: 'value', minInterval: 1},
      series: statuses.map(function (s) {
        return {
          name: label(labels, 'status.' + s), type: 'bar', stack: 'status',
          data: types.map(function (t) {
            var cell = cells.filter(function (c) { return c.type === t && c.status === s; })[0];
            return cell ? cell.count : 0;
          })
        };
      })
    });

    var months = contracts.valueByMonth || [];
    chart('chart-value-month', {
      tooltip: {trigger: 'axis'},
      legend: {bottom: 0},
      grid: {left: 70, right: 40, top: 10, bottom: 50},
      xAxis: {type: 'category', data: months.map(function (m) { return m.month; })},
      yAxis: [{type: 'value', name: label(labels, 'dashboard.chart.amount')},
        {type: 'value', name: label(labels, 'dashboard.chart.count'), minInterval: 1}],
      series: [
        {name: label(labels, 'dashboard.chart.amount'), type: 'bar', data: months.map(function (m) { return Number(m.amount && m.amount.value); })},
        {name: label(labels, 'dashboard.chart.count'), type: 'line', yAxisIndex: 1, data: months.map(function (m) { return m.count; })}
      ]
    });

    var byKind = (d.obligations || {}).byKind || {};
    var kinds = Object.keys(byKind);
    var ostatuses = ['PENDING', 'OVERDUE', 'DONE', 'WAIVED'];
    var colours = {PENDING: '#0d6efd', OVERDUE: '#dc3545', DONE: '#198754', WAIVED: '#6c757d'};
    chart('chart-obligations', {
      tooltip: {trigger: 'axis'},
      legend: {bottom: 0},
      grid: {left: 110, right: 10, top: 10, bottom: 50},
      yAxis: {type: 'category', data: kinds.map(function (k) { return label(labels, 'kind.' + k); })},
      xAxis: {type: 'value', minInterval: 1},
      series: ostatuses.map(function (s) {
        return {
          name: label(labels, 'ostatus.' + s), type: 'bar', stack: 'o', itemStyle: {color: colours[s]},
          data: kinds.map(function (k) { return byKind[k][s] || 0; })
        };
      })
    });
    drawMore(d, labels);
  }

  function drawMore(d, labels) {
    var ageing = (d.receivables || {}).ageing;
    if (ageing) {
      var buckets = ['notDue', 'days0To30', 'days31To60', 'days61To90', 'over90'];
      chart('chart-ageing', {
        tooltip: {trigger: 'axis'},
        grid: {left: 80, right: 10, top: 10, bottom: 30},
        xAxis: {type: 'category', axisLabel: {interval: 0, fontSize: 11},
          data: buckets.map(function (b) { return label(labels, 'ageing.' + b); })},
        yAxis: {type: 'value'},
        series: [{type: 'bar', name: label(labels, 'dashboard.chart.amount'),
          data: buckets.map(function (b, i) {
            return {value: Number((ageing[b] || {}).value || 0),
              itemStyle: {color: ['#0d6efd', '#ffc107', '#fd7e14', '#dc3545', '#842029'][i]}};
          })}]
      });
    }
    var collected = (d.receivables || {}).collectedByMonth || [];
    chart('chart-collections', {
      tooltip: {trigger: 'axis'},
      grid: {left: 80, right: 10, top: 10, bottom: 30},
      xAxis: {type: 'category', data: collected.map(function (m) { return m.month; })},
      yAxis: {type: 'value'},
      series: [{type: 'line', areaStyle: {}, name: label(labels, 'dashboard.chart.collected'),
        data: collected.map(function (m) { return Number(m.amount && m.amount.value); })}]
    });
    var byType = (d.evaluations || {}).byType || [];
    chart('chart-evaluations', {
      tooltip: {trigger: 'axis'},
      grid: {left: 110, right: 20, top: 10, bottom: 30},
      yAxis: {type: 'category', data: byType.map(function (t) { return t.label; })},
      xAxis: {type: 'value', min: 0, max: 5},
      series: [{type: 'bar', name: label(labels, 'dashboard.chart.rating'),
        data: byType.map(function (t) { return t.rating; }), label: {show: true, position: 'right'}}]
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
}());
