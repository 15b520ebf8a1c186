import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MENU_ENTRIES } from '../../src/app/menu';
import { BUNDLE, DIST, ROOT } from '../../sandbox/paths';

/** The names Apps Script calls: menus, the trigger, google.script.run. The product's interface. */
const ENTRY_POINTS = [
  'onOpen',
  'syncNow',
  'runScheduledSync',
  'showSettings',
  'getSettings',
  'saveSettings',
  'testConnection',
  'setupSheet',
  'retryFailed',
  'showHelp',
  'showDueOrders',
  'showAllOrders',
  'getSchedule',
  'pauseSchedule',
  'resumeSchedule',
  'takeOverSchedule',
  'openCarrierMap',
];

const source = fs.readFileSync(BUNDLE, 'utf8');
const file = ts.createSourceFile('Code.js', source, ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);

describe('dist/Code.js', () => {
  it('declares every entry point as a plain top-level function', () => {
    const topLevel = file.statements.filter(ts.isFunctionDeclaration).map((f) => f.name?.text);
    expect([...topLevel].sort()).toEqual([...ENTRY_POINTS].sort());
  });

  it('has no ES-module syntax, which Apps Script cannot load', () => {
    const moduleSyntax = file.statements.filter((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s));
    expect(moduleSyntax).toHaveLength(0);
    expect(source).not.toMatch(/\brequire\(/);
  });

  it('parses without syntax errors', () => {
    const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it('only names entry points that exist in menus and the sidebar', () => {
    for (const entry of MENU_ENTRIES) if (entry !== 'separator') expect(ENTRY_POINTS).toContain(entry.functionName);
    const sidebar = fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
    const runCalls = [...sidebar.matchAll(/withFailureHandler\([^)]*\)\.(\w+)\(/g)].map((m) => m[1]);
    expect(runCalls.length).toBeGreaterThan(0);
    for (const name of runCalls) expect(ENTRY_POINTS).toContain(name);
  });
});

describe('dist/appsscript.json', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));

  it('is the V8 manifest with exception logging, a time zone and an explicit minimal scope list', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    expect(manifest.timeZone).toMatch(/^[A-Za-z]+\/[A-Za-z_]+$/);
    expect([...manifest.oauthScopes].sort()).toEqual(
      [
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.external_request',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/script.send_mail',
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/userinfo.email',
      ].sort(),
    );
  });

  it('matches the manifest committed at the top level', () => {
    expect(manifest).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')));
  });
});

describe('dist/Sidebar.html', () => {
  it('is one self-contained file: no external scripts or stylesheets', () => {
    const html = fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).toContain('google.script.run');
  });
});
