// Lets queued messages (a cancel, a snapshot poll, the replay's tick) run between slices of long work: a
// macrotask, not a microtask. A message to itself rather than `setTimeout(0)`, which browsers clamp to 4 ms
// once timers nest: work yielding every 12 ms would otherwise spend a quarter of its time waiting.

export function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
