// Census figures: per stratum, the stacked shares of the state groups on each 1 October.

import { nl, pct } from '../format.mjs';
import { num } from '../load.mjs';
import { FONT, FS, TEXT, baseOption, title, renderSvg, axisName, axisLabel } from '../chart.mjs';
import { STATE_GROUPS, STRATUM_ORDER, STRATUM_SHORT } from '../vocabulary.mjs';

export function censusFigures(run) {
  const byOrigin = new Map();
  for (const r of run.census) {
    if (!byOrigin.has(r.origin)) byOrigin.set(r.origin, []);
    byOrigin.get(r.origin).push(r);
  }
  const known = new Set(STATE_GROUPS.flatMap((g) => g.states));
  const out = [];
  const rank = (o) => (STRATUM_ORDER.includes(o) ? STRATUM_ORDER.indexOf(o) : STRATUM_ORDER.length);
  const order = [...byOrigin.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const origin of order) {
    const rows = byOrigin.get(origin);
    const years = [...new Set(rows.map((r) => Number(r.census_year)))].sort((a, b) => a - b);
    const groups = STATE_GROUPS.map((g) => ({ ...g, values: years.map(() => 0) }));
    const other = { key: 'overig', label: 'overig', color: '#333333', states: [], values: years.map(() => 0) };
    let maxHalf = 0;
    for (const r of rows) {
      const k = years.indexOf(Number(r.census_year));
      const g = groups.find((x) => x.states.includes(r.state)) ?? other;
      if (!known.has(r.state)) other.states.push(r.state);
      g.values[k] += num(r.mean);
      const half = (num(r.ci_high) - num(r.ci_low)) / 2;
      if (Number.isFinite(half)) maxHalf = Math.max(maxHalf, half);
    }
    if (other.values.some((x) => x > 0)) groups.push(other);
    const startsInVo = groups[0].values[0] > 0.5;
    const reps = num(rows[0]?.replications);
    const ci = Number.isFinite(maxHalf) && maxHalf > 0
      ? `95%-interval per toestand hooguit ±${nl(maxHalf * 100, 1)} procentpunt (niet getekend)`
      : 'zonder interval (1 replicatie)';
    const option = {
      ...baseOption(),
      title: title(`Waar zijn ${STRATUM_SHORT[origin] ?? origin} op 1 oktober?`,
        `Aandeel van alle gesimuleerde leerlingen per groep van toestanden (ongewogen), gemiddelde van ${nl(reps)} replicaties;\n${ci}`),
      legend: {
        orient: 'vertical', right: 16, top: 'middle', itemWidth: 22, itemHeight: 18, itemGap: 12,
        textStyle: { fontSize: FS, color: TEXT, fontFamily: FONT, width: 250, overflow: 'break' },
        data: [...groups].reverse().map((g) => g.label),
      },
      grid: { left: 80, right: 330, top: 130, bottom: 80 },
      xAxis: {
        type: 'category', data: years.map(String),
        name: startsInVo ? 'teldatum: jaren na de start in het vo (0 = eerste jaar)' : 'teldatum: jaren na de start in entree (0 = eerste jaar)',
        nameLocation: 'middle', nameGap: 44, nameTextStyle: axisName, axisLabel,
      },
      yAxis: {
        type: 'value', min: 0, max: 1, interval: 0.2,
        axisLabel: { ...axisLabel, formatter: (x) => pct(x, 0) },
      },
      series: groups.map((g) => ({
        type: 'bar', name: g.label, stack: 'all', barCategoryGap: '18%',
        itemStyle: { color: g.color, borderColor: '#ffffff', borderWidth: 0.5 },
        data: g.values,
        label: {
          show: true, position: 'inside', fontSize: 15, fontFamily: FONT,
          color: ['vo', 'beschut', 'ander', 'entree'].includes(g.key) ? TEXT : '#ffffff',
          formatter: (p) => (p.value >= 0.12 && years.length <= 18 ? pct(p.value, 0) : ''),
        },
        emphasis: { disabled: true },
      })),
    };
    out.push({ origin, svg: renderSvg(option), groups, years, startsInVo });
  }
  return out;
}
