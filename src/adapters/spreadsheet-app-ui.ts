import type { MenuEntry, SpreadsheetUi } from '../core/ports/spreadsheet-ui';

/** SpreadsheetUi over SpreadsheetApp.getUi() and HtmlService. */
export class SpreadsheetAppUi implements SpreadsheetUi {
  addMenu(title: string, entries: MenuEntry[]): void {
    const menu = SpreadsheetApp.getUi().createMenu(title);
    for (const entry of entries) {
      if (entry === 'separator') menu.addSeparator();
      else menu.addItem(entry.caption, entry.functionName);
    }
    menu.addToUi();
  }

  showSidebar(htmlFile: string, title: string, widthPx: number): void {
    const html = HtmlService.createHtmlOutputFromFile(htmlFile).setTitle(title).setWidth(widthPx);
    SpreadsheetApp.getUi().showSidebar(html);
  }

  toast(message: string, title?: string): void {
    SpreadsheetApp.getActiveSpreadsheet().toast(message, title ?? '', 8);
  }

  alert(title: string, message: string): void {
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, message, ui.ButtonSet.OK);
  }

  confirm(title: string, message: string): boolean {
    const ui = SpreadsheetApp.getUi();
    return ui.alert(title, message, ui.ButtonSet.YES_NO) === ui.Button.YES;
  }
}
