// The tornado of a sweep folder: per sensitivity_*.csv, the outcome in the lowest and the highest
// fifth of the sweep points for each swept parameter.

import { nl, pct } from '../format.mjs';
import { num } from '../load.mjs';
import { WIDTH, HEIGHT, FONT, FS, TEXT, GREY, baseOption, title, renderSvg, axisName, axisLabel } from '../chart.mjs';
import { ORIGIN, POPULATION_NL, MEASURE_NL } from '../vocabulary.mjs';

/** A swept parameter's path (route.NAME.rates[0] and the like) in Dutch words. */
export function parameterNl(p) {
  const m = p.match(/^(route|age_rule|modifier|stratum|mix|cost)\.([^.]+)\.(.+)$/);
  if (!m) return p;
  const [, kind, name, field] = m;
  const words = name.replace(/_/g, ' ');
  let f = field;
  const r = field.match(/^rates\[(\d+)\]$/);
  if (r) f = `tempo, periode ${Number(r[1]) + 1}`;
  else if (field === 'rate') f = 'tempo';
  else if (/^odds/.test(field)) f = field.replace(/_/g, ' ');
  const kindNl = { route: 'route', age_rule: 'leeftijdsregel', modifier: 'effect', stratum: 'stratum', mix: 'mix', cost: 'kosten' }[kind];
  return `${kindNl} ${words}: ${f}`;
}

export function tornadoFigure(sweep, analysis) {
  const rows = analysis.rows.map((r) => ({
    parameter: r.parameter, src: num(r.src), low: num(r.outcome_low_fifth), high: num(r.outcome_high_fifth),
    effect: num(r.effect), points: num(r.points), r2: num(r.r_squared), measure: r.measure,
  })).filter((r) => Number.isFinite(r.low) && Number.isFinite(r.high));
  rows.sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  const spec = rows[0]?.measure ?? '';
  const [pop, origin, measure, h] = spec.split('/');
  const pts = sweep.sweep.filter((r) => r.population === pop && r.origin === origin && r.measure === measure && r.horizon_years === h);
  const center = pts.length ? pts.reduce((a, r) => a + num(r.mean), 0) / pts.length
    : rows.reduce((a, r) => a + (r.low + r.high) / 2, 0) / Math.max(1, rows.length);
  const points = rows[0]?.points ?? pts.length;
  const fifth = Math.max(1, Math.floor(points / 5));
  const spread = Math.max(...rows.map((r) => Math.max(Math.abs(r.low - center), Math.abs(r.high - center))), 0.001);
  const height = Math.max(HEIGHT, 260 + rows.length * 70);
  const mk = (key) => rows.map((r) => {
    const val = r[key] - center;
    return { value: val, label: { position: val < 0 ? 'left' : 'right' } };
  });
  const option = {
    ...baseOption(),
    title: title(`Gevoeligheid: ${MEASURE_NL[measure] ?? measure} (${POPULATION_NL[pop] ?? pop}, ${ORIGIN[origin] ?? origin}, ${h} jaar)`,
      `Gemiddelde uitkomst in de ${nl(fifth)} van ${nl(points)} sweeppunten met de laagste en de hoogste waarde van elke parameter;\n` +
      `lijn: gemiddelde over alle punten (${pct(center, 1)}). Geen interval: elk punt is een korte run (toevalsruis).` +
      (Number.isFinite(rows[0]?.r2) ? ` Lineair model R² = ${nl(rows[0].r2, 2)}.` : '')),
    legend: {
      top: 122, left: 24, itemGap: 26, textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT },
      data: ['laagste vijfde van de parameter', 'hoogste vijfde van de parameter'],
    },
    grid: { left: 470, right: 110, top: 175, bottom: 80 },
    yAxis: {
      type: 'category', inverse: true, data: rows.map((r) => `{a|${parameterNl(r.parameter)}}\n{b|${r.parameter} · SRC ${nl(r.src, 2, { sign: true })}}`),
      axisTick: { show: false },
      axisLabel: {
        interval: 0, fontFamily: FONT, lineHeight: 24,
        rich: { a: { fontSize: FS, color: TEXT, fontFamily: FONT, align: 'right' }, b: { fontSize: 14, color: GREY, fontFamily: FONT, align: 'right' } },
      },
    },
    xAxis: {
      type: 'value', min: -spread * 1.35, max: spread * 1.35,
      name: `${MEASURE_NL[measure] ?? measure} na ${h} jaar (aandeel)`, nameLocation: 'middle', nameGap: 44, nameTextStyle: axisName,
      axisLabel: { ...axisLabel, formatter: (x) => pct(center + x, 1) }, splitLine: { lineStyle: { color: '#e6e6e6' } },
    },
    series: [
      {
        type: 'bar', name: 'laagste vijfde van de parameter', data: mk('low'), barWidth: 24, barGap: '8%',
        itemStyle: { color: '#56B4E9' },
        label: { show: true, fontSize: FS, color: TEXT, fontFamily: FONT, formatter: (p) => pct(center + p.value, 1) },
        emphasis: { disabled: true },
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#222222', width: 2, type: 'solid' }, data: [{ xAxis: 0 }] },
      },
      {
        type: 'bar', name: 'hoogste vijfde van de parameter', data: mk('high'), barWidth: 24, barGap: '8%',
        itemStyle: { color: '#0072B2' },
        label: { show: true, fontSize: FS, color: TEXT, fontFamily: FONT, formatter: (p) => pct(center + p.value, 1) },
        emphasis: { disabled: true },
      },
    ],
  };
  return { svg: renderSvg(option, WIDTH, height), measure: spec, center, rows };
}
