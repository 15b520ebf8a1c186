import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../sandbox/simulator/index';

describe('UI and HtmlService', () => {
  it('records menus, alerts, sidebars and dialogs', () => {
    const sim = createSimulator();
    sim.htmlFiles.sidebar = '<p>Settings</p>';
    sim.loadSource(`
      function onOpen() {
        var ui = SpreadsheetApp.getUi();
        ui.createMenu('DSCO Sync').addItem('Sync now', 'runSync').addSeparator()
          .addSubMenu(ui.createMenu('Admin').addItem('Install trigger', 'installTrigger')).addToUi();
      }
      function show() {
        var ui = SpreadsheetApp.getUi();
        ui.showSidebar(HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Settings').setWidth(400));
        ui.showModalDialog(HtmlService.createHtmlOutput('<b>hi</b>').setHeight(100), 'Hello');
        var a = ui.alert('Done');
        var b = ui.alert('Confirm', 'Delete?', ui.ButtonSet.YES_NO);
        return [a === ui.Button.OK, b === ui.Button.YES];
      }
      function missing() { HtmlService.createHtmlOutputFromFile('nope'); }`);
    sim.call('onOpen');
    sim.call('onOpen');
    expect(sim.ui.menus).toEqual([
      { name: 'DSCO Sync', items: [{ caption: 'Sync now', functionName: 'runSync' }, 'separator', { caption: 'Admin > Install trigger', functionName: 'installTrigger' }] },
    ]);
    expect(sim.call('show')).toEqual([true, true]);
    expect(sim.ui.sidebars).toEqual([{ title: 'Settings', html: '<p>Settings</p>', width: 400 }]);
    expect(sim.ui.dialogs).toEqual([{ title: 'Hello', html: '<b>hi</b>' }]);
    expect(sim.ui.alerts).toEqual([{ prompt: 'Done' }, { title: 'Confirm', prompt: 'Delete?' }]);
    expect(() => sim.call('missing')).toThrow('Exception: No HTML file named nope was found.');
  });

  it('evaluates templates with variables and include()', () => {
    const sim = createSimulator();
    sim.htmlFiles.page = '<h1><?= title ?></h1><?!= include("style") ?><? for (var i = 0; i < n; i++) { ?>.<? } ?>';
    sim.htmlFiles.style = '<style>p{}</style>';
    sim.loadSource(`
      function include(f) { return HtmlService.createHtmlOutputFromFile(f).getContent(); }
      function render() { var t = HtmlService.createTemplateFromFile('page'); t.title = '<Orders>'; t.n = 3; return t.evaluate().getContent(); }`);
    expect(sim.call('render')).toBe('<h1>&lt;Orders&gt;</h1><style>p{}</style>...');
  });
});
