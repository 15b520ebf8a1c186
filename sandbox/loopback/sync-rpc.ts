import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/**
 * Synchronous calls into a worker thread: the caller posts a request on a MessagePort, blocks in
 * Atomics.wait on a shared counter, and takes the reply off the port with receiveMessageOnPort.
 * The worker posts its reply, then bumps the counter and notifies. Every call has a timeout, so a
 * dead or stuck worker cannot hang the caller; a reply that arrives after its call timed out is
 * dropped by the next call.
 */

interface RpcRequest {
  id: number;
  op: string;
  args: unknown[];
}

type RpcReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; code?: string };

/** A call that failed in the worker, or got no answer in time (code 'RPC_TIMEOUT'). */
export class RpcError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** The two ends of one RPC link: `client` stays with the caller, `server` is transferred to the worker. */
export function createRpcLink(): { client: SyncRpcClient; server: RpcServerEnd } {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  return { client: new SyncRpcClient(port1, signal), server: { port: port2, signal } };
}

/** What the worker needs (send it in workerData, with `port` in the transfer list). */
export interface RpcServerEnd {
  port: MessagePort;
  signal: SharedArrayBuffer;
}

export class SyncRpcClient {
  private nextId = 1;
  private readonly counter: Int32Array;

  /** Says why the server side is gone, if it is: calls then fail at once instead of waiting out their timeout. */
  deadReason: () => string | undefined = () => undefined;

  constructor(
    private readonly port: MessagePort,
    signal: SharedArrayBuffer,
  ) {
    this.counter = new Int32Array(signal);
  }

  call<T>(op: string, args: unknown[], timeoutMs: number): T {
    const dead = this.deadReason();
    if (dead) throw new RpcError(dead, 'RPC_DEAD');
    const id = this.nextId++;
    this.port.postMessage({ id, op, args } satisfies RpcRequest);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.counter, 0);
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const reply = m.message as RpcReply;
        if (reply.id !== id) continue; // the late answer to a call that timed out
        if (reply.ok) return reply.value as T;
        throw new RpcError(reply.message, reply.code);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new RpcError(`no answer to "${op}" within ${timeoutMs} ms${this.deadReason() ? ` (${this.deadReason()})` : ''}`, 'RPC_TIMEOUT');
      Atomics.wait(this.counter, 0, seen, left);
    }
  }

  close(): void {
    this.port.close();
  }
}

export type RpcHandlers = Record<string, (...args: never[]) => unknown>;

/** Worker side: answers each request with the handler's (possibly async) result or error. */
export function serveRpc(end: RpcServerEnd, handlers: RpcHandlers): void {
  const counter = new Int32Array(end.signal);
  const reply = (message: RpcReply) => {
    try {
      end.port.postMessage(message);
    } catch (e) {
      // A value that cannot be cloned: say so rather than leave the caller waiting.
      end.port.postMessage({ id: message.id, ok: false, message: `reply could not be sent: ${(e as Error).message}` } satisfies RpcReply);
    }
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  };
  end.port.on('message', (req: RpcRequest) => {
    const handler = Object.prototype.hasOwnProperty.call(handlers, req.op) ? handlers[req.op] : undefined;
    if (!handler) {
      reply({ id: req.id, ok: false, message: `unknown operation "${req.op}"` });
      return;
    }
    Promise.resolve()
      .then(() => (handler as (...a: unknown[]) => unknown)(...req.args))
      .then(
        (value) => reply({ id: req.id, ok: true, value }),
        (e: unknown) => {
          const err = e as { message?: unknown; code?: unknown };
          reply({ id: req.id, ok: false, message: String(err?.message ?? e), ...(typeof err?.code === 'string' ? { code: err.code } : {}) });
        },
      );
  });
}
