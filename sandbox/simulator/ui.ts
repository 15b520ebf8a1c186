import type { SimHtmlOutput } from './html-service';

export type MenuItem = { caption: string; functionName: string } | 'separator';

/** What the bundle showed to the user; exposed as `sim.ui`. */
export interface UiRecord {
  menus: { name: string; items: MenuItem[] }[];
  toasts: { message: string; title?: string }[];
  alerts: { title?: string; prompt: string }[];
  sidebars: { title: string; html: string; width?: number }[];
  dialogs: { title: string; html: string }[];
  /** Extension: the buttons the person presses in the next alert()/prompt() dialogs ('NO', 'CANCEL'…), in order; default YES or OK. */
  answers: string[];
}

export function createUiRecord(): UiRecord {
  return { menus: [], toasts: [], alerts: [], sidebars: [], dialogs: [], answers: [] };
}

export class SimMenu {
  static readonly simKind = 'Menu';
  readonly items: MenuItem[] = [];
  constructor(readonly name: string, private readonly record: UiRecord) {}
  addItem(caption: string, functionName: string): this { this.items.push({ caption, functionName }); return this; }
  addSeparator(): this { this.items.push('separator'); return this; }
  /** Sub-menus are flattened: items appear as 'Sub name > Caption'. */
  addSubMenu(menu: SimMenu): this {
    for (const item of menu.items) {
      this.items.push(item === 'separator' ? item : { caption: `${menu.name} > ${item.caption}`, functionName: item.functionName });
    }
    return this;
  }
  addToUi(): void {
    const entry = { name: this.name, items: [...this.items] };
    const i = this.record.menus.findIndex((m) => m.name === this.name);
    if (i >= 0) this.record.menus[i] = entry;
    else this.record.menus.push(entry);
  }
}

export class SimPromptResponse {
  static readonly simKind = 'PromptResponse';
  constructor(private readonly text: string, private readonly button: string) {}
  getResponseText(): string { return this.text; }
  getSelectedButton(): string { return this.button; }
}

const BUTTON = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
const BUTTON_SET = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;

/** SpreadsheetApp.getUi(). alert() answers OK (YES for YES_NO sets) unless `answers` says otherwise; prompt() answers '' + OK. */
export class SimUi {
  static readonly simKind = 'Ui';
  readonly Button = BUTTON;
  readonly ButtonSet = BUTTON_SET;
  constructor(private readonly record: UiRecord) {}
  createMenu(name: string): SimMenu { return new SimMenu(name, this.record); }
  createAddonMenu(): SimMenu { return new SimMenu('Add-ons', this.record); }
  private _dialogArgs(args: unknown[]): { title?: string; prompt: string; buttons: string } {
    if (args.length >= 3) return { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) };
    if (args.length === 2 && String(args[1]) in BUTTON_SET) return { prompt: String(args[0]), buttons: String(args[1]) };
    if (args.length === 2) return { title: String(args[0]), prompt: String(args[1]), buttons: 'OK' };
    return { prompt: String(args[0] ?? ''), buttons: 'OK' };
  }
  alert(...args: unknown[]): string {
    const { title, prompt, buttons } = this._dialogArgs(args);
    this.record.alerts.push(title === undefined ? { prompt } : { title, prompt });
    const answer = this.record.answers.shift();
    if (answer !== undefined) return answer;
    return buttons.startsWith('YES') ? BUTTON.YES : BUTTON.OK;
  }
  prompt(...args: unknown[]): SimPromptResponse {
    const { title, prompt, buttons } = this._dialogArgs(args);
    this.record.alerts.push(title === undefined ? { prompt } : { title, prompt });
    return new SimPromptResponse('', buttons.startsWith('YES') ? BUTTON.YES : BUTTON.OK);
  }
  showSidebar(output: SimHtmlOutput): void {
    const entry: UiRecord['sidebars'][number] = { title: output.getTitle(), html: output.getContent() };
    if (output.getWidth() !== undefined) entry.width = output.getWidth();
    this.record.sidebars.push(entry);
  }
  showModalDialog(output: SimHtmlOutput, title: string): void { this.record.dialogs.push({ title, html: output.getContent() }); }
  showModelessDialog(output: SimHtmlOutput, title: string): void { this.record.dialogs.push({ title, html: output.getContent() }); }
}
