// A worker double for the clients' tests: it speaks Comlink over a MessageChannel (no thread), and can be
// made to crash like a real worker does (an `error` event).
import { expose } from 'comlink';
import type { WorkerLike } from './worker-supervisor';

export class ChannelWorker implements WorkerLike {
  readonly events = new EventTarget();
  readonly port: MessagePort;
  terminated = false;

  constructor(api: object) {
    const { port1, port2 } = new MessageChannel();
    expose(api, port2);
    this.port = port1;
  }

  postMessage(message: unknown, transfer: Transferable[]) {
    this.port.postMessage(message, transfer);
  }

  addEventListener(type: string, listener: (event: Event) => void) {
    if (type === 'message') {
      this.port.addEventListener('message', listener as (event: MessageEvent) => void);
      this.port.start();
    } else this.events.addEventListener(type, listener);
  }

  removeEventListener(type: string, listener: (event: Event) => void) {
    if (type === 'message')
      this.port.removeEventListener('message', listener as (event: MessageEvent) => void);
    else this.events.removeEventListener(type, listener);
  }

  terminate() {
    this.terminated = true;
    this.port.close();
  }

  /** An uncaught error inside the worker, as the browser reports it. */
  crash(message: string) {
    const event = new Event('error', { cancelable: true });
    Object.assign(event, { message });
    this.events.dispatchEvent(event);
  }
}
