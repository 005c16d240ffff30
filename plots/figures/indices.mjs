// Ranked bars with intervals from an indices_*.csv of `doorstroom sensitivity` (models/studies/
// sweep_indices.h): Morris mu* or Sobol ST (with S1 beside it) per parameter, strongest first, the
// 95% bootstrap interval as a whisker and the Monte Carlo noise floor as a dashed line.

import { nl } from '../format.mjs';
import { num } from '../load.mjs';
import { WIDTH, HEIGHT, FONT, FS, TEXT, GREY, baseOption, title, renderSvg, axisName, axisLabel } from '../chart.mjs';
import { POPULATION_NL, MEASURE_NL, ORIGIN } from '../vocabulary.mjs';
import { parameterNl } from './tornado.mjs';

const SHOWN = 15;
const METHOD = {
  morris: { main: 'mu_star', second: null, nameMain: 'μ* (gemiddeld absoluut effect over het hele bereik)', axis: 'effect op de uitkomst (aandeel) bij het hele bereik van de parameter' },
  sobol: { main: 'ST', second: 'S1', nameMain: 'ST (totaal, met wisselwerking)', nameSecond: 'S1 (alleen)', axis: 'aandeel van de variantie van de uitkomst' },
};

/** Whiskers and value labels: per row [value, row, low, high]; drawn over the bars of series `slot`
 * of `slots`, the label right of the bar or the whisker, whichever ends further right. */
function whiskers(rows, key, slot, slots) {
  return {
    type: 'custom', silent: true, z: 5,
    data: rows.map((r, ri) => [r[key]?.value ?? NaN, ri, r[key]?.low ?? NaN, r[key]?.high ?? NaN]),
    encode: { x: [0, 2, 3], y: 1 },
    renderItem: (params, api) => {
      const v = api.value(0), ri = api.value(1), l = api.value(2), h = api.value(3);
      if (!Number.isFinite(v)) return null;
      const band = api.size([0, 1])[1];
      const y = api.coord([0, ri])[1] + (slots > 1 ? (slot - 0.5) * Math.min(28, band * 0.4) : 0);
      const xv = api.coord([v, ri])[0];
      const children = [];
      let right = xv;
      if (Number.isFinite(l) && Number.isFinite(h)) {
        const xl = api.coord([l, ri])[0], xh = api.coord([h, ri])[0];
        right = Math.max(right, xh);
        const st = { stroke: '#222222', lineWidth: 2 };
        children.push(
          { type: 'line', shape: { x1: xl, y1: y, x2: xh, y2: y }, style: st },
          { type: 'line', shape: { x1: xl, y1: y - 6, x2: xl, y2: y + 6 }, style: st },
          { type: 'line', shape: { x1: xh, y1: y - 6, x2: xh, y2: y + 6 }, style: st },
        );
      }
      children.push({ type: 'text', style: { text: nl(v, 3), x: right + 8, y, align: 'left', verticalAlign: 'middle', fontSize: 15, fill: TEXT, fontFamily: FONT } });
      return { type: 'group', children };
    },
  };
}

/** The figure of one indices_*.csv; null for a method without intervals (regression: the tornado shows it). */
export function indicesFigure(analysis) {
  const method = analysis.rows[0]?.method;
  const m = METHOD[method];
  if (!m) return null;
  const spec = analysis.rows[0].measure;
  const [pop, origin, measure, h] = spec.split('/');
  const byParam = new Map();
  let noise = NaN;
  for (const r of analysis.rows) {
    if (r.parameter === 'monte_carlo_noise') { if (r.index === m.main) noise = num(r.value); continue; }
    const p = byParam.get(r.parameter) ?? { parameter: r.parameter, rank: num(r.rank) };
    p[r.index] = { value: num(r.value), low: num(r.ci_low), high: num(r.ci_high) };
    byParam.set(r.parameter, p);
  }
  const rows = [...byParam.values()].sort((a, b) => a.rank - b.rank).slice(0, SHOWN);
  const slots = m.second ? 2 : 1;
  const height = Math.max(HEIGHT, 300 + rows.length * (slots > 1 ? 64 : 48));
  const bar = (key, name, color) => ({
    type: 'bar', name, data: rows.map((r) => r[key]?.value ?? NaN), barWidth: slots > 1 ? 20 : 26, barGap: '10%',
    itemStyle: { color }, emphasis: { disabled: true },
  });
  const series = [bar(m.main, m.nameMain, '#0072B2')];
  if (m.second) series.push(bar(m.second, m.nameSecond, '#56B4E9'));
  series.push(whiskers(rows, m.main, 0, slots));
  if (m.second) series.push(whiskers(rows, m.second, 1, slots));
  if (Number.isFinite(noise)) {
    series[0].markLine = {
      silent: true, symbol: 'none', lineStyle: { color: '#D55E00', width: 2, type: 'dashed' },
      label: { show: true, formatter: 'ruisvloer', color: '#D55E00', fontSize: 15, fontFamily: FONT, position: 'start' },
      data: [{ xAxis: noise }],
    };
  }
  const top = Math.max(...rows.flatMap((r) => [r[m.main]?.high, r[m.main]?.value, r[m.second]?.high].filter(Number.isFinite)), noise || 0, 0.001);
  const option = {
    ...baseOption(),
    title: title(`${method === 'morris' ? 'Morris-screening' : 'Sobol-indices'}: ${MEASURE_NL[measure] ?? measure} (${POPULATION_NL[pop] ?? pop}, ${ORIGIN[origin] ?? origin}, ${h} jaar)`,
      `De ${nl(rows.length)} sterkste parameters, gerangschikt; streep: 95%-bootstrapinterval. ` +
      `Stippellijn: wat toevalsruis alleen zou geven (bovengrens).`),
    legend: { top: 110, left: 24, itemGap: 26, textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT }, data: series.filter((s) => s.type === 'bar').map((s) => s.name) },
    grid: { left: 470, right: 120, top: 160, bottom: 80 },
    yAxis: {
      type: 'category', inverse: true, data: rows.map((r) => `{a|${parameterNl(r.parameter)}}\n{b|${r.parameter}}`),
      axisTick: { show: false },
      axisLabel: {
        interval: 0, fontFamily: FONT, lineHeight: 22,
        rich: { a: { fontSize: 16, color: TEXT, fontFamily: FONT, align: 'right' }, b: { fontSize: 13, color: GREY, fontFamily: FONT, align: 'right' } },
      },
    },
    xAxis: {
      type: 'value', min: Math.min(0, ...rows.map((r) => r[m.second]?.low).filter(Number.isFinite)), max: top * 1.2, axisLabel: { ...axisLabel, showMaxLabel: false, formatter: (x) => nl(x, 2) },
      name: m.axis, nameLocation: 'middle', nameGap: 44, nameTextStyle: axisName,
      splitLine: { lineStyle: { color: '#e6e6e6' } },
    },
    series,
  };
  return { svg: renderSvg(option, WIDTH, height), measure: spec, method, rows };
}
