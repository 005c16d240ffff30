// The words and colours of the figures: strata, state groups, flows.csv codes, the outcomes
// compared, horizon groups and measure names, in Dutch, and the Dutch words for the intervals.

import { nl } from './format.mjs';

export const ORIGIN = {
  pro: 'pro', vso: 'vso', vmbo_b: 'vmbo-b', isk: 'isk', geen_diploma_vo: 'geen diploma vo', onbekend: 'onbekend',
  vbo: 'vbo', all: 'alle herkomsten',
};
// Who a stratum is: chain strata start in vo, the others start in entree (docs/model.md, strata).
export const STRATUM_WHO = {
  pro: 'leerlingen uit het praktijkonderwijs (pro)',
  vso: 'leerlingen uit het voortgezet speciaal onderwijs (vso)',
  vmbo_b: 'leerlingen uit de basisberoepsgerichte leerweg van het vmbo (vmbo-b)',
  isk: 'leerlingen uit de internationale schakelklas (isk)',
  geen_diploma_vo: 'entreestudenten zonder diploma vo (niet uit vmbo-b)',
  onbekend: 'entreestudenten met een onbekende vooropleiding',
  vbo: 'entreestudenten uit het vbo',
};
export const STRATUM_SHORT = {
  pro: 'pro-leerlingen', vso: 'vso-leerlingen', vmbo_b: 'vmbo-b-leerlingen', isk: 'isk-leerlingen',
  geen_diploma_vo: 'entreestudenten zonder diploma vo', onbekend: 'entreestudenten met onbekende vooropleiding', vbo: 'entreestudenten uit het vbo',
};
export const STRATUM_ORDER = ['pro', 'vso', 'vmbo_b', 'isk', 'geen_diploma_vo', 'onbekend', 'vbo'];
export const ORIGIN_COLOR = { pro: '#0072B2', vso: '#D55E00', vmbo_b: '#009E73', isk: '#CC79A7', all: '#4D4D4D' };
export const CHAIN_ORIGINS = ['pro', 'vso', 'vmbo_b', 'isk'];
// Entree strata report vmbo-b under "geen diploma vo" (docs/outputs.md, origin values per population).
export const ENTREE_ORIGIN = { pro: 'pro', vso: 'vso', vmbo_b: 'geen_diploma_vo', isk: 'isk' };

export const STATE_GROUPS = [
  { key: 'vo', label: 'vo (pro, vso, vmbo-b, isk)', color: '#A6B4C2', states: ['pro', 'vso', 'vmbo_b', 'isk'] },
  { key: 'entree', label: 'entree (bol, bbl, examendeelnemer)', color: '#E69F00', states: ['entree_bol', 'entree_bbl', 'entree_examendeelnemer'] },
  { key: 'niveau2', label: 'niveau 2+', color: '#009E73', states: ['niveau2', 'niveau2_met_entreediploma', 'mbo3plus'] },
  { key: 'ander', label: 'ander onderwijs', color: '#56B4E9', states: ['ander_onderwijs'] },
  { key: 'werk', label: 'werk', color: '#0072B2', states: ['werk_zonder_diploma', 'werk_met_entreediploma', 'werk_met_startkwalificatie'] },
  { key: 'uitkering', label: 'uitkering', color: '#CC79A7', states: ['uitkering_zonder_diploma', 'uitkering_met_entreediploma', 'uitkering_met_startkwalificatie'] },
  { key: 'thuis', label: 'thuis (geen school, werk of uitkering)', color: '#D55E00', states: ['thuis_zonder_diploma', 'thuis_met_entreediploma', 'thuis_met_startkwalificatie'] },
  { key: 'beschut', label: 'beschut werk/dagbesteding', color: '#F0E442', states: ['beschut_werk_dagbesteding'] },
  { key: 'brp', label: 'buiten BRP (vertrokken)', color: '#7F7F7F', states: ['buiten_brp'] },
];

/**
 * The Dutch words for the interval of a run, from its manifest. manifest.json says which interval
 * only in an English sentence ("interval"), so the kind is recognised by the word "percentile".
 */
export function intervalText(manifestInterval, reps) {
  const r = Number.isFinite(reps) ? `${nl(reps)} ` : '';
  // A projection with a scenario whose assumed effects are drawn per replicate (models/studies/projection.cpp).
  if (/percentile/i.test(manifestInterval ?? '') && /assumed effects/i.test(manifestInterval ?? '')) {
    return `95%-spreiding: 2,5e tot 97,5e percentiel van ${r}replicaties, elk met een eigen trekking van de aangenomen effecten van het scenario (onzekerheid van die aannames plus toeval)`;
  }
  if (/percentile/i.test(manifestInterval ?? '')) {
    return `95%-spreiding: 2,5e tot 97,5e percentiel van ${r}replicaties, elk met een eigen gekalibreerde parametertrekking (parameteronzekerheid plus toeval)`;
  }
  return `95%-interval van het gemiddelde over ${r}replicaties: alleen de toevalsvariatie van de simulatie, de parameters liggen vast`;
}

// flows.csv (models/measure/flows.h, docs/outputs.md): whole paths of the students of one replicate.
// Each code of flows.csv to the node it is drawn in. Rare outside routes share one node, so the
// column stays readable on a projector; the CSV keeps them apart.
export const FLOW_ROUTES = [
  { id: 'r_bol', name: 'entree bol', color: '#E69F00', codes: ['entree_bol'] },
  { id: 'r_bbl', name: 'entree bbl', color: '#F5C04A', codes: ['entree_bbl'] },
  { id: 'r_ex', name: 'examendeelnemer', color: '#B87D00', codes: ['entree_examendeelnemer'] },
  { id: 'r_n2', name: 'niveau 2 of hoger', color: '#009E73', codes: ['niveau2plus'] },
  { id: 'r_ander', name: 'ander onderwijs', color: '#56B4E9', codes: ['ander_onderwijs'] },
  { id: 'r_werk', name: 'werk', color: '#0072B2', codes: ['work'] },
  { id: 'r_beschut', name: 'beschut werk/dagbesteding', color: '#C9B800', codes: ['beschut_werk_dagbesteding'] },
  { id: 'r_thuis', name: 'thuis, uitkering, vertrokken', color: '#D55E00', codes: ['no_school_no_work', 'uitkering', 'not_in_brp'] },
];
export const FLOW_POSITIONS = [
  { id: 'p_entree', name: 'in entree', color: '#E69F00', codes: ['entree'] },
  { id: 'p_n2', name: 'in niveau 2+', color: '#009E73', codes: ['niveau2plus'] },
  { id: 'p_dipl', name: 'uit mbo, met diploma', color: '#56B4E9', codes: ['not_in_mbo_with_diploma'] },
  { id: 'p_none', name: 'uit mbo, zonder diploma', color: '#D55E00', codes: ['not_in_mbo_no_diploma'] },
];
export const FLOW_OUTCOMES = [
  { id: 'o_sk', name: 'startkwalificatie', color: '#00694C', codes: ['startkwalificatie'] },
  { id: 'o_l1', name: 'alleen entreediploma', color: '#E69F00', codes: ['entree_diploma'] },
  { id: 'o_mbo', name: 'geen diploma, nog in mbo', color: '#A6B4C2', codes: ['no_diploma_in_mbo'] },
  { id: 'o_none', name: 'geen diploma, uit mbo', color: '#D55E00', codes: ['no_diploma_not_in_mbo'] },
];
export const NOT_FOLLOWED = 'not_followed';

// The ten outcomes of comparison.md (models/studies/comparison.cpp), with shorter labels.
export const FOREST_ROWS = [
  { population: 'chain_leavers', origin: 'pro', measure: 'entree_diploma', h: 2, label: 'pro: entreediploma (2 jaar)' },
  { population: 'chain_leavers', origin: 'pro', measure: 'mbo2_diploma', h: 5, label: 'pro: startkwalificatie (5 jaar)' },
  { population: 'chain_leavers', origin: 'pro', measure: 'no_school_no_work', h: 5, label: 'pro: thuis, geen werk of uitkering (5 jaar)' },
  { population: 'chain_leavers', origin: 'vso', measure: 'mbo2_diploma', h: 5, label: 'vso: startkwalificatie (5 jaar)' },
  { population: 'chain_leavers', origin: 'vmbo_b', measure: 'mbo2_diploma', h: 5, label: 'vmbo-b: startkwalificatie (5 jaar)' },
  { population: 'chain_leavers', origin: 'isk', measure: 'mbo2_diploma', h: 5, label: 'isk: startkwalificatie (5 jaar)' },
  { population: 'chain_leavers', origin: 'all', measure: 'work', h: 5, label: 'alle schoolverlaters keten: werk (5 jaar)' },
  { population: 'entree_entrants', origin: 'all', measure: 'position_not_in_mbo_no_diploma', h: 1, label: 'entree: uitval zonder diploma (1 jaar)' },
  { population: 'entree_entrants', origin: 'all', measure: 'entree_diploma', h: 1, label: 'entree: diploma binnen 1 jaar' },
  { population: 'entree_entrants', origin: 'all', measure: 'mbo2_diploma', h: 5, label: 'entree: startkwalificatie (5 jaar)' },
];

/** The same for a comparison; its manifest's sentence names "parameter" uncertainty when parameters were drawn. */
export function compareIntervalText(cmp) {
  const r = Number.isFinite(cmp.replications) ? `${nl(cmp.replications)} ` : '';
  const pu = /parameter/i.test(cmp.manifest?.interval ?? '');
  return `95%-interval over ${r}replicaties met dezelfde gesimuleerde leerlingen; bij scenario's met aangenomen effecten${pu ? ' (en hier ook bij de andere, door parameteronzekerheid)' : ''} ` +
    'het 2,5e tot 97,5e percentiel (toeval plus onzekerheid van die effecten), anders het interval van het gemiddelde verschil';
}

// The horizon groups of models/studies/validation.cpp (horizon_group), with the years each holds.
export const HORIZON_GROUPS = [
  { key: 'h0', title: 'horizon 0 jaar', from: 0, to: 0 },
  { key: 'h1', title: 'horizon 1 jaar', from: 1, to: 1 },
  { key: 'h2-3', title: 'horizon 2-3 jaar', from: 2, to: 3 },
  { key: 'h4-5', title: 'horizon 4-5 jaar', from: 4, to: 5 },
  { key: 'h6+', title: 'horizon 6 jaar of meer', from: 6, to: Infinity },
];

export const POPULATION_NL = {
  chain_leavers: 'schoolverlaters uit de keten', entree_entrants: 'entreestudenten', mbo_entrants: 'mbo-instromers',
  entree_leavers: 'verlaters van entree', entree_leavers_met_diploma: 'verlaters van entree met diploma',
  entree_leavers_zonder_diploma: 'verlaters van entree zonder diploma',
};
export const MEASURE_NL = {
  position_not_in_mbo_no_diploma: 'niet in mbo, geen diploma', position_not_in_mbo_with_diploma: 'niet in mbo, wel diploma',
  position_entree: 'in entree', position_niveau2plus: 'in niveau 2+', entree_diploma: 'entreediploma',
  mbo2_diploma: 'startkwalificatie', any_mbo_diploma: 'een mbo-diploma', highest_diploma_level1: 'alleen entreediploma',
  highest_diploma_level2plus: 'startkwalificatie', work: 'werk', uitkering: 'uitkering', no_school_no_work: 'thuis',
  in_education: 'in onderwijs', beschut_werk_dagbesteding: 'beschut werk/dagbesteding', not_in_brp: 'buiten BRP', in_mbo: 'in het mbo',
};

export function measureNl(spec) {
  const [pop, origin, measure, h] = spec.split('/');
  const years = h === '1' ? '1 jaar' : `${h} jaar`;
  return `${POPULATION_NL[pop] ?? pop}, ${ORIGIN[origin] ?? origin}: ${MEASURE_NL[measure] ?? measure} na ${years}`;
}

// The figures of a projection (models/studies/projection.h, projection_measures): the key measures
// in Dutch, each with its axis words; `scale` divides the values for the axis (cost in millions).
// Stocks are counted on 1 October, flows during the school year (docs/outputs.md#projectioncsv).
export const PROJECTION_FIGURES = [
  { measure: 'entree_students', title: 'Studenten in entree op 1 oktober', axis: 'studenten', scale: 1 },
  { measure: 'entree_entrants', title: 'Nieuwe instromers in entree per schooljaar', axis: 'instromers (eerste keer in entree)', scale: 1 },
  { measure: 'entree_diplomas', title: 'Entreediploma\'s per schooljaar', axis: 'behaalde entreediploma\'s', scale: 1 },
  { measure: 'startkwalificaties', title: 'Startkwalificaties per schooljaar', axis: 'behaalde diploma\'s mbo 2 of hoger', scale: 1 },
  { measure: 'entree_dropouts_without_diploma', title: 'Uitval uit entree zonder diploma per schooljaar', axis: 'studenten die entree zonder diploma verlaten', scale: 1 },
  { measure: 'niveau2_students', title: 'Studenten in mbo niveau 2 op 1 oktober', axis: 'studenten', scale: 1 },
  { measure: 'cost_eur', title: 'Kosten per schooljaar (bekostigde mbo-jaren)', axis: 'miljoen euro', scale: 1e6 },
];
export const BASELINE_NL = 'basis';

/** "2027/28": the school year that starts in `year`. */
export const schoolYearNl = (year) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
