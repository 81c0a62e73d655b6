/**
 * The engine the API's verbs work on. A holder rather than the runtime itself, because applying a new
 * configuration replaces the runtime and every verb must see the new one.
 */
import type { Runtime } from './runtime';

export interface EngineHost {
  runtime: Runtime;
}
