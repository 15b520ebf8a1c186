/** The role "what a person sees around the Sheet": the menu, the sidebar, toasts and alerts. */
export type MenuEntry = { caption: string; functionName: string } | 'separator';

export interface SpreadsheetUi {
  addMenu(title: string, entries: MenuEntry[]): void;
  showSidebar(htmlFile: string, title: string, widthPx: number): void;
  toast(message: string, title?: string): void;
  alert(title: string, message: string): void;
  /** A Yes/No question; true for Yes. */
  confirm(title: string, message: string): boolean;
}
