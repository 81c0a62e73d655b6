// For tests: a mirror API fed by hand over real MessageChannels, as the engine's live feed feeds it. `send`
// posts an export's bytes (transferred) and resolves with the mirror's answer and what it told the page.
import { type ExportResult, type FeedAnswer, transferListOf } from '../export/contract';
import type { LiveUpdate } from './live-link';
import type { MirrorApiObject, Overview, Source } from './mirror-api';

/** What a source of the mirror holds, as a session view's read sees it. */
export function overviewIn(api: MirrorApiObject, source: Source): Overview {
  return api.view({ source, symbol: null, interval: '1m', shown: null }).overview;
}

export function handFed(api: MirrorApiObject) {
  const feed = new MessageChannel();
  const told = new MessageChannel();
  api.connectLive(feed.port2, told.port2);
  const updates: LiveUpdate[] = [];
  told.port1.onmessage = (event: MessageEvent<LiveUpdate>) => updates.push(event.data);
  let answered: ((answer: FeedAnswer) => void) | null = null;
  feed.port1.onmessage = (event: MessageEvent<FeedAnswer>) => answered?.(event.data);

  /** Lets the page's port deliver what the mirror told it (messages arrive after the answer's task). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  return {
    updates,
    async send(result: ExportResult): Promise<{ answer: FeedAnswer; told: LiveUpdate[] }> {
      const before = updates.length;
      const answer = new Promise<FeedAnswer>((resolve) => (answered = resolve));
      const parts = result.chunks;
      feed.port1.postMessage(
        { kind: 'export', mode: result.metadata.mode, sequence: result.metadata.sequence, parts },
        transferListOf(parts),
      );
      const value = await answer;
      await settle();
      return { answer: value, told: updates.slice(before) };
    },
    /** Posts any message as if the engine sent it, and resolves with the answer. */
    async sendRaw(message: unknown): Promise<FeedAnswer> {
      const answer = new Promise<FeedAnswer>((resolve) => (answered = resolve));
      feed.port1.postMessage(message);
      return answer;
    },
    /** Posts raw bytes as if they were an export (for refusals). */
    async sendBytes(bytes: Uint8Array): Promise<FeedAnswer> {
      const answer = new Promise<FeedAnswer>((resolve) => (answered = resolve));
      feed.port1.postMessage({ kind: 'export', mode: 'delta', sequence: 0, parts: [bytes] });
      return answer;
    },
    close() {
      feed.port1.close();
      told.port1.close();
    },
  };
}
