/**
 * Loopback sandboxes: the DSCO and ShipStation fakes served over real HTTP on 127.0.0.1, with a
 * synchronous bridge so that synchronous callers (the Apps Script simulator's UrlFetchApp, the
 * product's HttpPort) make real requests. See sandbox.ts.
 */
export { createLoopbackSandbox, type LoopbackSandbox, type LoopbackSandboxOptions, type SandboxControl } from './sandbox';
export { SANDBOX_NOW_HEADER, type SandboxOptions, type SandboxSnapshot } from './sandbox-protocol';
export { createSyncHttp, SyncHttpError, type SyncHttp, type SyncHttpRequest, type SyncHttpResponse } from './sync-http';
