import vm from 'node:vm';
import { exception } from './sim-exception';

export class SimHtmlOutput {
  static readonly simKind = 'HtmlOutput';
  title = '';
  width: number | undefined;
  height: number | undefined;
  sandboxMode: string | undefined;
  xFrameOptionsMode: string | undefined;
  readonly metaTags: Record<string, string> = {};
  constructor(public content = '') {}
  getContent(): string { return this.content; }
  setContent(c: string): this { this.content = c; return this; }
  append(c: string): this { this.content += c; return this; }
  appendUntrusted(c: string): this { this.content += c.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`); return this; }
  clear(): this { this.content = ''; return this; }
  setTitle(t: string): this { this.title = t; return this; }
  getTitle(): string { return this.title; }
  setWidth(w: number): this { this.width = w; return this; }
  getWidth(): number | undefined { return this.width; }
  setHeight(h: number): this { this.height = h; return this; }
  getHeight(): number | undefined { return this.height; }
  setSandboxMode(m: string): this { this.sandboxMode = m; return this; }
  setXFrameOptionsMode(m: string): this { this.xFrameOptionsMode = m; return this; }
  setFaviconUrl(): this { return this; }
  addMetaTag(name: string, content: string): this { this.metaTags[name] = content; return this; }
}

function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/**
 * HtmlTemplate with scriptlets evaluated in the simulator's context:
 * `<?= expr ?>` (escaped), `<?!= expr ?>` (raw), `<? code ?>`. Variables set on the
 * template (`t.orders = ...`) are in scope.
 */
export class SimHtmlTemplate {
  static readonly simKind = 'HtmlTemplate';
  readonly vars: Record<string, unknown> = {};
  constructor(private readonly source: string, private readonly context: vm.Context) {}
  _setVar(name: string, value: unknown): void { this.vars[name] = value; }
  getCode(): string { return this._compile(); }
  private _compile(): string {
    let code = 'var __out = [];\n';
    const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
    let last = 0;
    for (let m = re.exec(this.source); m; m = re.exec(this.source)) {
      code += `__out.push(${JSON.stringify(this.source.slice(last, m.index))});\n`;
      if (m[1] === '=') code += `__out.push(__esc(${m[2]}));\n`;
      else if (m[1] === '!=') code += `__out.push(String(${m[2]}));\n`;
      else code += `${m[2]}\n`;
      last = re.lastIndex;
    }
    code += `__out.push(${JSON.stringify(this.source.slice(last))});\nreturn __out.join('');`;
    return code;
  }
  evaluate(): SimHtmlOutput {
    const fn = vm.runInContext(`(function (__vars, __esc) { with (__vars) { return (function () { ${this._compile()} })(); } })`, this.context) as (
      vars: Record<string, unknown>,
      esc: (v: unknown) => string,
    ) => string;
    return new SimHtmlOutput(fn(this.vars, escapeHtml));
  }
}

export class SimHtmlService {
  static readonly simKind = 'HtmlService';
  readonly SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' };
  readonly XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };
  constructor(private readonly files: () => Record<string, string>, private readonly context: vm.Context) {}
  private _file(name: string): string {
    const key = name.replace(/\.html$/, '');
    const text = this.files()[key];
    if (text === undefined) throw exception(`No HTML file named ${key} was found.`);
    return text;
  }
  createHtmlOutput(html?: string): SimHtmlOutput { return new SimHtmlOutput(html ?? ''); }
  createHtmlOutputFromFile(name: string): SimHtmlOutput { return new SimHtmlOutput(this._file(name)); }
  createTemplate(html: string): SimHtmlTemplate { return new SimHtmlTemplate(html, this.context); }
  createTemplateFromFile(name: string): SimHtmlTemplate { return new SimHtmlTemplate(this._file(name), this.context); }
}
