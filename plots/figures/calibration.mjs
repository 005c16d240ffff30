// Calibration and validation figures from a validate folder: observed against simulated for every
// cell of calibration.csv, and the same per horizon group with the fit of fit_by_horizon.csv.

import { nl, pct } from '../format.mjs';
import { num } from '../load.mjs';
import { WIDTH, FONT, FS, TEXT, GREY, baseOption, title, renderSvg, axisName, axisLabel } from '../chart.mjs';
import { HORIZON_GROUPS } from '../vocabulary.mjs';

/** The rows of calibration.csv with both values, and the axis maximum that holds them all. */
function fitPoints(val) {
  const rows = val.rows.filter((r) => Number.isFinite(num(r.observed)) && Number.isFinite(num(r.simulated_mean)));
  const max = Math.min(1, Math.ceil(Math.max(...rows.map((r) => Math.max(num(r.observed), num(r.simulated_mean)))) * 10 + 0.5) / 10);
  return { rows, max };
}

/** An axis of shares from 0 to max, named in the middle. */
const shareAxis = (max, name, nameGap) => ({
  type: 'value', min: 0, max, name, nameLocation: 'middle', nameGap, nameTextStyle: axisName,
  axisLabel: { ...axisLabel, formatter: (x) => pct(x, 0) }, splitLine: { lineStyle: { color: '#e6e6e6' } },
});

const diagonal = (max) => ({
  type: 'line', name: 'diagonaal: gesimuleerd = waargenomen', symbol: 'none', z: 2, silent: true,
  lineStyle: { color: '#444444', type: 'dashed', width: 2 }, itemStyle: { color: '#444444' },
  data: [[0, 0], [max, max]],
});

export function calibrationFigure(val) {
  const { rows, max } = fitPoints(val);
  const role = (r) => (r.role === 'calibrate' ? 'kalibratie' : 'validatie');
  const count = (k) => {
    const rs = rows.filter((r) => role(r) === k);
    return { n: rs.length, within: rs.filter((r) => r.within === 'yes').length };
  };
  const c = count('kalibratie'), v = count('validatie');
  const obsInterval = (r) => {
    const lo = num(r.observed_low), hi = num(r.observed_high);
    if (Number.isFinite(lo) && Number.isFinite(hi)) return [lo, hi];
    const se = num(r.standard_error);
    if (Number.isFinite(se)) return [Math.max(0, num(r.observed) - 1.96 * se), Math.min(1, num(r.observed) + 1.96 * se)];
    return [NaN, NaN];
  };
  const styles = {
    kalibratie: { color: '#0072B2', symbol: 'circle', name: `kalibratie: ${nl(c.within)} van ${nl(c.n)} gereproduceerd` },
    validatie: { color: '#D55E00', symbol: 'diamond', name: `validatie: ${nl(v.within)} van ${nl(v.n)} gereproduceerd` },
  };
  const series = [];
  for (const k of ['kalibratie', 'validatie']) {
    const st = styles[k];
    const rs = rows.filter((r) => role(r) === k);
    if (!rs.length) continue;
    series.push({
      type: 'custom', name: `${k}: interval`, silent: true, itemStyle: { color: st.color }, z: 1,
      data: rs.map((r) => { const [ol, oh] = obsInterval(r); return [num(r.observed), num(r.simulated_mean), ol, oh, num(r.simulated_ci_low), num(r.simulated_ci_high)]; }),
      encode: { x: [0, 2, 3], y: [1, 4, 5] },
      renderItem: (params, api) => {
        const x = api.value(0), y = api.value(1);
        const children = [];
        const st2 = { stroke: st.color, lineWidth: 1.5, opacity: 0.6 };
        if (Number.isFinite(api.value(2))) {
          const a = api.coord([api.value(2), y]), b = api.coord([api.value(3), y]);
          children.push({ type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: st2 });
        }
        if (Number.isFinite(api.value(4))) {
          const a = api.coord([x, api.value(4)]), b = api.coord([x, api.value(5)]);
          children.push({ type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: st2 });
        }
        return { type: 'group', children };
      },
    });
    series.push({
      type: 'scatter', name: st.name, symbol: st.symbol, symbolSize: k === 'validatie' ? 15 : 12, z: 3,
      itemStyle: { color: st.color, opacity: 0.85, borderColor: '#ffffff', borderWidth: 1 },
      data: rs.map((r) => [num(r.observed), num(r.simulated_mean)]),
      emphasis: { disabled: true },
    });
  }
  series.push(diagonal(max));
  const option = {
    ...baseOption(),
    title: title('Kalibratie en validatie: waargenomen tegen gesimuleerd',
      'Elk punt is een cel uit de rapporten (aandeel). Horizontale streep: waargenomen waarde ± 1,96 standaardfout (binomiaal, uit n)\n' +
      'of het bereik van een woordelijk cijfer; verticale streep: 95%-interval van de simulatie over de replicaties.'),
    legend: {
      top: 120, left: 24, itemGap: 26, textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT },
      data: [styles.kalibratie.name, styles.validatie.name, 'diagonaal: gesimuleerd = waargenomen'].filter((n) => series.some((s) => s.name === n)),
    },
    grid: { left: 100, right: 40, top: 170, bottom: 80 },
    xAxis: shareAxis(max, 'waargenomen (rapporten)', 44),
    yAxis: shareAxis(max, 'gesimuleerd', 70),
    series,
  };
  return { svg: renderSvg(option), counts: { calibrate: c, validate: v } };
}

// Per horizon: one panel per horizon group of fit_by_horizon.csv

/** The subtitle of one panel: rows, share reproduced and mean error per role, from fit_by_horizon.csv. */
function horizonSubtitle(fits, group) {
  const line = (label, subset, role, { words = true } = {}) => {
    const f = fits.find((x) => x.subset === subset && x.role === role && x.horizon_group === group);
    const rows = num(f?.rows);
    if (!(rows > 0)) return `${label}: geen rijen`;
    return `${label}: ${nl(rows)} ${rows === 1 ? 'rij' : 'rijen'}, ${pct(num(f.share_reproduced))}${words ? ' gereproduceerd' : ''}, ` +
      `${nl(num(f.mean_abs_error_points), 1)} pp`;
  };
  return [line('kalibratie', 'all', 'calibrate'), line('validatie', 'all', 'validate'),
    line('validatie t/m cohort 2016', 'cohorts_to_2016', 'validate', { words: false })].join('\n');
}

/** Small multiples of observed against simulated, one per horizon group; null without fit_by_horizon.csv. */
export function calibrationHorizonFigure(val) {
  const fits = val.byHorizon ?? [];
  const groups = HORIZON_GROUPS.filter((g) => fits.some((f) => f.subset === 'all' && f.horizon_group === g.key));
  if (!groups.length) return null;
  const { rows, max } = fitPoints(val);
  const head = 200, panelH = 500, colW = WIDTH / 2;
  const height = head + Math.ceil(groups.length / 2) * panelH;
  const option = {
    ...baseOption(),
    title: [title('Kalibratie en validatie per horizon',
      'Per horizon (jaren na de eerste teldatum): waargenomen tegen gesimuleerd. Gereproduceerd: binnen 2 standaardfouten\n' +
      'of 1,5 procentpunt; pp: de gemiddelde afwijking in procentpunten (bij een woordelijk cijfer de afstand tot het bereik).')],
    legend: {
      top: 130, left: 24, itemGap: 26, textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT },
      data: ['kalibratie', 'validatie', 'diagonaal: gesimuleerd = waargenomen'],
    },
    grid: [], xAxis: [], yAxis: [], series: [],
  };
  groups.forEach((g, i) => {
    const left = (i % 2) * colW, top = head + Math.floor(i / 2) * panelH;
    option.title.push({
      text: g.title, subtext: horizonSubtitle(fits, g.key), left: left + 24, top,
      textStyle: { fontSize: 22, fontWeight: 'bold', color: TEXT, fontFamily: FONT },
      subtextStyle: { fontSize: FS, color: GREY, fontFamily: FONT, lineHeight: 24 }, itemGap: 6,
    });
    option.grid.push({ left: left + 100, width: colW - 140, top: top + 120, height: panelH - 200 });
    option.xAxis.push({ ...shareAxis(max, 'waargenomen', 36), gridIndex: i });
    option.yAxis.push({ ...shareAxis(max, 'gesimuleerd', 66), gridIndex: i });
    const inGroup = rows.filter((r) => num(r.horizon_years) >= g.from && num(r.horizon_years) <= g.to);
    for (const [name, role, color, symbol] of [['kalibratie', 'calibrate', '#0072B2', 'circle'], ['validatie', 'validate', '#D55E00', 'diamond']]) {
      option.series.push({
        type: 'scatter', name, symbol, symbolSize: 12, xAxisIndex: i, yAxisIndex: i, z: 3, emphasis: { disabled: true },
        itemStyle: { color, opacity: 0.85, borderColor: '#ffffff', borderWidth: 1 },
        data: inGroup.filter((r) => r.role === role).map((r) => [num(r.observed), num(r.simulated_mean)]),
      });
    }
    option.series.push({ ...diagonal(max), xAxisIndex: i, yAxisIndex: i });
  });
  return { svg: renderSvg(option, WIDTH, height), groups: groups.map((g) => g.key) };
}
