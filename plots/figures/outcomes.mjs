// Outcome figures: grouped bars with interval whiskers, for chain leavers per origin after five
// years and for entree entrants per variant (bol, bbl, examendeelnemer).

import { pct } from '../format.mjs';
import { FONT, FS, TEXT, baseOption, title, renderSvg, axisName, axisLabel } from '../chart.mjs';
import { ORIGIN, ORIGIN_COLOR, CHAIN_ORIGINS, intervalText } from '../vocabulary.mjs';

/** Grouped bars with interval whiskers (custom series: the bar, the whisker and the value label). */
function groupedBars({ titleText, subtitle, categories, series, yName, legendTop = 108, gridTop = 170 }) {
  const n = series.length;
  const max = Math.max(...series.flatMap((s) => s.values.map((x) => (Number.isFinite(x?.hi) ? x.hi : x?.mean ?? 0))));
  const yMax = Math.min(1, Math.ceil((max + 0.08) * 10) / 10);
  return {
    ...baseOption(),
    title: title(titleText, subtitle),
    legend: {
      top: legendTop, left: 24, itemWidth: 26, itemHeight: 18, itemGap: 22,
      textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT },
      data: series.map((s) => ({ name: s.name, icon: 'rect' })),
    },
    grid: { left: 90, right: 30, top: gridTop, bottom: 70 },
    xAxis: {
      type: 'category', data: categories,
      axisLabel: { ...axisLabel, interval: 0, fontWeight: 'bold' }, axisTick: { show: false },
    },
    yAxis: {
      type: 'value', min: 0, max: yMax, name: yName, nameTextStyle: { ...axisName, align: 'left' },
      axisLabel: { ...axisLabel, formatter: (x) => pct(x, 0) },
    },
    series: series.map((s, si) => ({
      type: 'custom',
      name: s.name,
      itemStyle: { color: s.color },
      data: s.values.map((x, ci) => [ci, x?.mean ?? NaN, x?.lo ?? NaN, x?.hi ?? NaN]),
      encode: { x: 0, y: [1, 2, 3] },
      renderItem: (params, api) => {
        const ci = api.value(0), mean = api.value(1), lo = api.value(2), hi = api.value(3);
        if (!Number.isFinite(mean)) return null;
        const band = api.size([1, 0])[0];
        const inner = band * 0.84;
        const bw = inner / n;
        const x0 = api.coord([ci, 0])[0] - inner / 2 + si * bw;
        const xc = x0 + bw / 2;
        const yBase = api.coord([ci, 0])[1];
        const yTop = api.coord([ci, mean])[1];
        const children = [{
          type: 'rect', shape: { x: x0 + bw * 0.06, y: yTop, width: bw * 0.88, height: yBase - yTop },
          style: { fill: s.color },
        }];
        let labelY = yTop;
        if (Number.isFinite(lo) && Number.isFinite(hi) && hi > lo) {
          const yl = api.coord([ci, lo])[1], yh = api.coord([ci, hi])[1];
          const cap = Math.min(10, bw * 0.25);
          const line = { stroke: TEXT, lineWidth: 2 };
          children.push(
            { type: 'line', shape: { x1: xc, y1: yl, x2: xc, y2: yh }, style: line },
            { type: 'line', shape: { x1: xc - cap, y1: yl, x2: xc + cap, y2: yl }, style: line },
            { type: 'line', shape: { x1: xc - cap, y1: yh, x2: xc + cap, y2: yh }, style: line },
          );
          labelY = Math.min(labelY, yh);
        }
        children.push({
          type: 'text',
          style: {
            text: pct(mean, 0), x: xc, y: labelY - 4, align: 'center', verticalAlign: 'bottom',
            fontSize: FS, fontWeight: 'bold', fill: TEXT, fontFamily: FONT,
          },
        });
        return { type: 'group', children };
      },
    })),
  };
}

const CHAIN_MEASURES = [
  { measure: 'mbo2_diploma', label: 'startkwalificatie' },
  { measure: 'highest_diploma_level1', label: 'alleen entreediploma' },
  { measure: 'position_not_in_mbo_no_diploma', label: 'niet in mbo, geen mbo-diploma' },
  { measure: 'work', label: 'werk (12+ uur per week)' },
];
const ENTREE_MEASURES = [
  { measure: 'entree_diploma', h: 1, label: 'entreediploma (1 jaar)' },
  { measure: 'position_niveau2plus', h: 1, label: 'in niveau 2+ (1 jaar)' },
  { measure: 'position_not_in_mbo_no_diploma', h: 1, label: 'uitval zonder diploma (1 jaar)' },
  { measure: 'mbo2_diploma', h: 5, label: 'startkwalificatie (5 jaar)' },
];

export function outcomesFigure(run) {
  const h = 5;
  const origins = [...CHAIN_ORIGINS, 'all'].filter((o) => run.get('chain_leavers', o, 'all', 'mbo2_diploma', h));
  const interval = intervalText(run.manifest?.interval, run.replications);
  const option = groupedBars({
    titleText: 'Vijf jaar na het vo: diploma en werk per herkomst',
    subtitle: `Aandeel van de schoolverlaters uit pro, vso, vmbo-b en isk, 5 jaar na de eerste teldatum na het vo.\nStreepjes: ${interval}.`,
    categories: CHAIN_MEASURES.map((m) => m.label),
    series: origins.map((o) => ({
      name: ORIGIN[o], color: ORIGIN_COLOR[o],
      values: CHAIN_MEASURES.map((m) => run.get('chain_leavers', o, 'all', m.measure, h)),
    })),
  });
  return renderSvg(option);
}

export function outcomesEntreeFigure(run) {
  const variants = ['bol', 'bbl', 'examendeelnemer', 'all'].filter((x) => run.get('entree_entrants', 'all', x, 'entree_diploma', 1));
  if (!variants.length) return null;
  const colors = { bol: '#E69F00', bbl: '#0072B2', examendeelnemer: '#CC79A7', all: '#4D4D4D' };
  const names = { bol: 'bol', bbl: 'bbl', examendeelnemer: 'examendeelnemer', all: 'alle entreestudenten' };
  const interval = intervalText(run.manifest?.interval, run.replications);
  const option = groupedBars({
    titleText: 'Entreestudenten per leerweg: bol, bbl en examendeelnemer',
    subtitle: `Aandeel van alle instromers in entree (alle herkomsten, landelijk gewogen), na 1 en 5 jaar vanaf de eerste teldatum in entree.\nStreepjes: ${interval}.`,
    categories: ENTREE_MEASURES.map((m) => m.label),
    series: variants.map((x) => ({
      name: names[x], color: colors[x],
      values: ENTREE_MEASURES.map((m) => run.get('entree_entrants', 'all', x, m.measure, m.h)),
    })),
  });
  return renderSvg(option);
}
