// How the player writes market time: `2025-07-01 10:41 ET`, the exchange's own clock (exports give it
// without a zone, as the engine keeps it).
export function stepTime(marketTime: string | null): string {
  if (marketTime === null) return 'time not known';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(marketTime);
  return match ? `${match[1]} ${match[2]} ET` : marketTime;
}
