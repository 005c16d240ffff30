// The forest plot: each scenario minus the base per 1.000 students for the outcomes of
// comparison.md, with intervals, in pages of at most about 20 lines.

import { nl } from '../format.mjs';
import { WIDTH, HEIGHT, FONT, FS, TEXT, baseOption, title, renderSvg, axisName, axisLabel } from '../chart.mjs';
import { FOREST_ROWS, compareIntervalText } from '../vocabulary.mjs';

const SCENARIO_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#4D4D4D', '#A6761D', '#7570B3', '#B2182B', '#1B9E77', '#666666'];

/** A round step for about `target` axis intervals over `span`. */
export function niceStep(span, target = 6) {
  const raw = span / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((x) => x >= raw) ?? 10 * p;
}

/** Rows a horizontal legend takes (text width estimated at 0.5 em a character). */
function legendLines(names, iconWidth, gap, width = WIDTH - 48) {
  let lines = 1, x = 0;
  for (const n of names) {
    const w = iconWidth + n.length * FS * 0.5 + gap;
    if (x > 0 && x + w > width) { lines++; x = 0; }
    x += w;
  }
  return lines;
}

export function forestFigures(cmp, { maxRows = 20 } = {}) {
  const rows = FOREST_ROWS.filter((r) => cmp.scenarios.some((s) => cmp.get(s.name, r.population, r.origin, r.measure, r.h)));
  const pages = forestPages(rows, cmp.scenarios.length, maxRows);
  const interval = compareIntervalText(cmp);
  return pages.map((page, pi) => {
    const part = pages.length > 1 ? ` (${pi + 1} van ${pages.length})` : '';
    const { option, height } = forestPage(cmp, page, part, interval);
    return { svg: renderSvg(option, WIDTH, height), rows: page };
  });
}

/** The rows in pages of about equal length, each with at most about `maxRows` lines (a line per row and scenario). */
function forestPages(rows, nScen, maxRows) {
  const fit = Math.max(1, Math.floor(maxRows / Math.max(1, nScen)));
  const perPage = Math.ceil(rows.length / Math.ceil(rows.length / fit)); // pages of about equal length
  const pages = [];
  for (let i = 0; i < rows.length; i += perPage) pages.push(rows.slice(i, i + perPage));
  return pages;
}

/** The ECharts option of one page and the height it needs. */
function forestPage(cmp, page, part, interval) {
  const nScen = cmp.scenarios.length;
  const legendRows = legendLines(cmp.scenarios.map((s) => s.name), 18 + 8, 22);
  const height = Math.max(HEIGHT, 250 + page.length * nScen * 30 + (legendRows - 1) * 36);
  // With many scenarios each point also carries its scenario's name, which needs room on the right.
  const named = nScen > 4;
  const option = {
    ...baseOption(),
    title: title(`Scenario's tegen de basis${part}: verschil per 1.000 leerlingen`,
      `+ is meer dan in de basis${cmp.base?.name ? ` (${cmp.base.name})` : ''}; punt = gemiddeld verschil, streep = ${interval}`.replace(/(.{1,118})(\s|$)/g, '$1\n').trim()),
    legend: {
      top: 142, left: 24, itemWidth: 18, itemHeight: 18, itemGap: 22,
      textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT },
      data: cmp.scenarios.map((s) => ({ name: s.name, icon: 'circle' })),
    },
    grid: { left: 440, right: 90, top: 142 + legendRows * 36 + 22, bottom: 70 },
    yAxis: {
      type: 'category', inverse: true, data: page.map((r) => r.label),
      axisLabel: { ...axisLabel, interval: 0 }, axisTick: { show: false },
      splitLine: { show: true, lineStyle: { color: '#e6e6e6' } }, splitArea: { show: true, areaStyle: { color: ['#ffffff', '#f5f5f5'] } },
    },
    xAxis: differenceAxis(cmp, page, named),
    series: [
      ...cmp.scenarios.map((s, si) => scenarioSeries(cmp, page, s, si, named)),
      {
        type: 'line', name: '_nul', silent: true, symbol: 'none', data: [],
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#222222', width: 2, type: 'solid' }, data: [{ xAxis: 0 }] },
      },
    ],
  };
  return { option, height };
}

/** The x axis per 1.000 over every difference and interval on the page, with room right of them for the labels. */
function differenceAxis(cmp, page, named) {
  let lo = 0, hi = 0;
  for (const r of page) for (const s of cmp.scenarios) {
    const d = cmp.get(s.name, r.population, r.origin, r.measure, r.h);
    if (!d) continue;
    lo = Math.min(lo, d.lo * 1000, d.delta * 1000);
    hi = Math.max(hi, d.hi * 1000, d.delta * 1000);
  }
  const step = niceStep(Math.max(hi - lo, 1));
  const xMin = Math.floor(lo / step) * step;
  const xMax = Math.ceil((hi + (hi - lo) * (named ? 0.55 : 0.16)) / step) * step;
  return {
    type: 'value', min: Math.min(xMin, -step), max: xMax, interval: step,
    name: 'verschil per 1.000 leerlingen van de groep', nameLocation: 'middle', nameGap: 44, nameTextStyle: axisName,
    axisLabel: { ...axisLabel, formatter: (x) => nl(x, 0, { sign: true }) },
    splitLine: { lineStyle: { color: '#e6e6e6' } },
  };
}

/** One scenario's points on a page (custom series): per row [difference, row, low, high] per 1.000. */
function scenarioSeries(cmp, page, s, si, named) {
  const nScen = cmp.scenarios.length;
  const color = SCENARIO_COLORS[si % SCENARIO_COLORS.length];
  return {
    type: 'custom', name: s.name, itemStyle: { color },
    data: page.map((r, ri) => {
      const d = cmp.get(s.name, r.population, r.origin, r.measure, r.h);
      return d ? [d.delta * 1000, ri, d.lo * 1000, d.hi * 1000] : [NaN, ri, NaN, NaN];
    }),
    encode: { x: [0, 2, 3], y: 1 },
    renderItem: (params, api) => differencePoint(api, { si, nScen, color, named, name: s.name }),
  };
}

/** The point, the interval with its end caps, and the value label (with the scenario's name when `named`). */
function differencePoint(api, { si, nScen, color, named, name }) {
  const d = api.value(0), ri = api.value(1), l = api.value(2), h = api.value(3);
  if (!Number.isFinite(d)) return null;
  const band = api.size([0, 1])[1];
  const y = api.coord([0, ri])[1] + (si - (nScen - 1) / 2) * Math.min(30, band / (nScen + 0.6));
  const [xd] = api.coord([d, ri]);
  const children = [];
  let xr = xd;
  if (Number.isFinite(l) && Number.isFinite(h)) {
    const xl = api.coord([l, ri])[0], xh = api.coord([h, ri])[0];
    xr = Math.max(xh, xd);
    const st = { stroke: color, lineWidth: 3 };
    children.push(
      { type: 'line', shape: { x1: xl, y1: y, x2: xh, y2: y }, style: st },
      { type: 'line', shape: { x1: xl, y1: y - 7, x2: xl, y2: y + 7 }, style: st },
      { type: 'line', shape: { x1: xh, y1: y - 7, x2: xh, y2: y + 7 }, style: st },
    );
  }
  children.push({ type: 'circle', shape: { cx: xd, cy: y, r: 8 }, style: { fill: color, stroke: '#ffffff', lineWidth: 1.5 } });
  children.push({
    type: 'text', style: {
      text: named ? `${nl(d, 1, { sign: true })}  ${name}` : nl(d, 1, { sign: true }), x: xr + 10, y, align: 'left', verticalAlign: 'middle',
      fontSize: FS, fill: color, fontWeight: 'bold', fontFamily: FONT,
    },
  });
  return { type: 'group', children };
}
