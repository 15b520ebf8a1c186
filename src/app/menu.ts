import type { MenuEntry } from '../core/ports/spreadsheet-ui';

export const MENU_TITLE = 'DSCO Sync';

/** The custom menu. Every functionName is an entry point exposed by src/main.ts. */
export const MENU_ENTRIES: MenuEntry[] = [
  { caption: 'Sync now', functionName: 'syncNow' },
  { caption: 'Retry failed orders', functionName: 'retryFailed' },
  { caption: 'Show orders late or due today', functionName: 'showDueOrders' },
  { caption: 'Show all orders', functionName: 'showAllOrders' },
  'separator',
  { caption: 'Settings…', functionName: 'showSettings' },
  { caption: 'Set up sheet', functionName: 'setupSheet' },
  { caption: 'How it works', functionName: 'showHelp' },
  'separator',
  { caption: 'Pause scheduled sync', functionName: 'pauseSchedule' },
  { caption: 'Resume scheduled sync', functionName: 'resumeSchedule' },
  { caption: 'Take over scheduled sync', functionName: 'takeOverSchedule' },
];
