import type { SimRange } from './range';
import { exception } from './sim-exception';

/** What an embedded chart holds, for host assertions. */
export interface ChartSpec {
  type: string | null;
  ranges: SimRange[];
  position: { row: number; column: number; offsetX: number; offsetY: number } | null;
  options: Record<string, unknown>;
  numHeaders: number;
}

/** EmbeddedChart (subset): a chart built by a script and inserted in a sheet. */
export class SimEmbeddedChart {
  static readonly simKind = 'EmbeddedChart';
  constructor(readonly chartId: number, readonly spec: ChartSpec) {}
  getChartId(): number { return this.chartId; }
  getRanges(): SimRange[] { return [...this.spec.ranges]; }
  getOptions(): { get(option: string): unknown } { return { get: (o: string) => this.spec.options[o] ?? null }; }
  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number } {
    return { getAnchorRow: () => this.spec.position?.row ?? 1, getAnchorColumn: () => this.spec.position?.column ?? 1 };
  }
  modify(): SimEmbeddedChartBuilder { return new SimEmbeddedChartBuilder({ ...this.spec, ranges: [...this.spec.ranges], options: { ...this.spec.options } }, this.chartId); }
}

/** EmbeddedChartBuilder (subset), with asColumnChart()/asLineChart() returning the same builder as Apps Script's typed ones do. */
export class SimEmbeddedChartBuilder {
  static readonly simKind = 'EmbeddedChartBuilder';
  readonly spec: ChartSpec;
  constructor(spec?: ChartSpec, readonly chartId?: number) {
    this.spec = spec ?? { type: null, ranges: [], position: null, options: {}, numHeaders: -1 };
  }
  asColumnChart(): this { this.spec.type = 'COLUMN'; return this; }
  asLineChart(): this { this.spec.type = 'LINE'; return this; }
  asBarChart(): this { this.spec.type = 'BAR'; return this; }
  addRange(range: SimRange): this { this.spec.ranges.push(range); return this; }
  clearRanges(): this { this.spec.ranges = []; return this; }
  setPosition(row: number, column: number, offsetX: number, offsetY: number): this { this.spec.position = { row, column, offsetX, offsetY }; return this; }
  setOption(option: string, value: unknown): this { this.spec.options[option] = value; return this; }
  setNumHeaders(n: number): this { this.spec.numHeaders = n; return this; }
  setTitle(title: string): this { return this.setOption('title', title); }
  build(): SimEmbeddedChart {
    // Apps Script refuses to build a chart without a type or data.
    if (!this.spec.type) throw exception('Chart type is not set.');
    if (!this.spec.ranges.length) throw exception('The chart has no data.');
    return new SimEmbeddedChart(this.chartId ?? 0, { ...this.spec, ranges: [...this.spec.ranges], options: { ...this.spec.options } });
  }
}
