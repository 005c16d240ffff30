// Shared ECharts pieces: canvas size, fonts and colours, the base option, titles, axis text, and
// rendering an option to SVG on the server side.

import * as echarts from 'echarts';

export const WIDTH = 1200;
export const HEIGHT = 700;
export const FONT = 'Lato, Helvetica Neue, Arial, DejaVu Sans, sans-serif'; // no quotes: ECharts puts it in a style="" attribute unescaped
export const FS = 18; // base font size: readable on a projector
export const TEXT = '#222222';
export const GREY = '#666666';

export const baseOption = () => ({
  animation: false,
  backgroundColor: '#ffffff',
  textStyle: { fontFamily: FONT, fontSize: FS, color: TEXT },
});

export function title(text, subtext) {
  return {
    text,
    subtext,
    left: 24,
    top: 14,
    textStyle: { fontSize: 28, fontWeight: 'bold', color: TEXT, fontFamily: FONT },
    subtextStyle: { fontSize: FS, color: GREY, fontFamily: FONT, lineHeight: 24 },
    itemGap: 8,
  };
}

/** Render an ECharts option to an SVG string (server side, no browser). */
export function renderSvg(option, width = WIDTH, height = HEIGHT) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose(); // an undisposed chart keeps the process alive
  }
}

export const axisName = { fontSize: FS, color: TEXT, fontFamily: FONT };
export const axisLabel = { fontSize: FS, color: TEXT, fontFamily: FONT };
