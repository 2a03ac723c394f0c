/*
 * The dashboard's usage charts, drawn with uPlot from each .usage-chart element's data-chart attribute (JSON written
 * by the server: day labels and one series per API, errcode or outcome). A static file, so that the CSP keeps
 * script-src 'self' without inline scripts; uPlot sets sizes through the CSSOM, which style-src 'self' allows.
 * Each chart takes its container's width and follows it (phones included).
 */
(function () {
	'use strict';

	var HEIGHT = 220;
	// Bootstrap's colours, distinguishable on white; series beyond ten repeat them.
	var PALETTE = ['#0d6efd', '#dc3545', '#198754', '#fd7e14', '#6f42c1', '#20c997', '#d63384', '#6c757d',
		'#0dcaf0', '#ffc107'];

	function draw(element) {
		var data = JSON.parse(element.getAttribute('data-chart'));
		if (!data.series.length) {
			return;
		}
		var unit = data.unit || '';
		var xs = data.labels.map(function (label, index) {
			return index;
		});
		var series = [{
			label: data.dayLabel,
			value: function (plot, index) {
				return (index == null) ? '—' : data.days[index];
			}
		}];
		var columns = [xs];
		data.series.forEach(function (line, index) {
			series.push({
				label: line.label,
				stroke: PALETTE[index % PALETTE.length],
				width: 2,
				points: { show: xs.length <= 7 },
				value: function (plot, value) {
					return (value == null) ? '—' : value + unit;
				}
			});
			columns.push(line.values);
		});
		if (data.threshold != null) {
			series.push({ label: data.thresholdLabel, stroke: '#adb5bd', width: 1, dash: [6, 4], points: { show: false } });
			columns.push(xs.map(function () {
				return data.threshold;
			}));
		}
		var options = {
			width: width(element),
			height: HEIGHT,
			series: series,
			scales: {
				x: { time: false },
				y: {
					range: function (plot, min, max) {
						return [0, Math.max(1, Math.ceil((max || 0) * 1.1))];
					}
				}
			},
			axes: [
				{
					incrs: [1, 2, 5, 7, 10, 14],
					space: 36,
					values: function (plot, splits) {
						return splits.map(function (index) {
							return (data.labels[index] != null) ? data.labels[index] : '';
						});
					}
				},
				{
					size: 48,
					incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000],
					values: function (plot, splits) {
						return splits.map(function (value) {
							return value + unit;
						});
					}
				}
			],
			legend: { live: true }
		};
		var plot = new uPlot(options, columns, element);
		element.setAttribute('data-rendered', 'true');
		if (window.ResizeObserver) {
			new ResizeObserver(function () {
				var now = width(element);
				if (now !== plot.width) {
					plot.setSize({ width: now, height: HEIGHT });
				}
			}).observe(element);
		}
	}

	function width(element) {
		return Math.max(200, Math.floor(element.getBoundingClientRect().width));
	}

	function drawAll() {
		Array.prototype.forEach.call(document.querySelectorAll('.usage-chart[data-chart]'), draw);
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', drawAll);
	}
	else {
		drawAll();
	}
}());
