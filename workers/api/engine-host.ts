/**
 * The engine the API's verbs work on. A holder rather than the runtime itself, because applying a new
 * configuration replaces the runtime: every verb must see the new one, and whoever follows the engine (the
 * live feed) is told.
 */
import type { Runtime } from './runtime';

export class EngineHost {
  private readonly replacedListeners = new Set<(runtime: Runtime) => void>();

  constructor(private current: Runtime) {}

  get runtime(): Runtime {
    return this.current;
  }

  replace(runtime: Runtime): void {
    this.current = runtime;
    for (const listener of this.replacedListeners) listener(runtime);
  }

  onReplaced(listener: (runtime: Runtime) => void): void {
    this.replacedListeners.add(listener);
  }
}
