// lightweight-charts' markers plugin (`createSeriesMarkers`, 5.2.1) reads `series.data()[0]` each time the
// series' data changes, only for the first bar's time, and `data()` copies every bar of the series into new
// objects: with 40 days of minute history (15,600 bars) each `update()` of a live candle cost a copy of all
// of them, twice (gap and trade markers), and a replay at 600x made 50-340 ms frames (profiled: the copy was
// the largest self time of the page). Upstream fixed it after 5.2.1 (tradingview/lightweight-charts#2105,
// reading `dataByIndex` instead); until a release has it, the plugin is handed a view of the series whose
// `data()` answers the first bar alone, which the chart tracks itself. Everything else goes to the series.
import {
  createSeriesMarkers,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type ISeriesPrimitive,
  type SeriesType,
  type Time,
} from 'lightweight-charts';

/** The series as the markers plugin sees it: `data()` is the first bar's time, or nothing. */
function seriesForMarkers<T extends SeriesType>(
  series: ISeriesApi<T, Time>,
  firstTime: () => Time | null,
): ISeriesApi<T, Time> {
  const attached = new Map<ISeriesPrimitive<Time>, ISeriesPrimitive<Time>>();
  const view: ISeriesApi<T, Time> = new Proxy(series, {
    get(target, key, receiver) {
      if (key === 'data')
        return () => {
          const time = firstTime();
          return time === null ? [] : [{ time }];
        };
      if (key === 'attachPrimitive')
        return (primitive: ISeriesPrimitive<Time>) => {
          // The plugin takes its series from `attached`: it is given this view instead of the series.
          const wrapped = new Proxy(primitive, {
            get(p, k) {
              if (k === 'attached')
                return (param: Parameters<NonNullable<ISeriesPrimitive<Time>['attached']>>[0]) =>
                  p.attached?.({ ...param, series: view as unknown as typeof param.series });
              const value = Reflect.get(p, k, p);
              return typeof value === 'function' ? value.bind(p) : value;
            },
          });
          attached.set(primitive, wrapped);
          target.attachPrimitive(wrapped);
        };
      if (key === 'detachPrimitive')
        return (primitive: ISeriesPrimitive<Time>) => {
          target.detachPrimitive(attached.get(primitive) ?? primitive);
          attached.delete(primitive);
        };
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return view;
}

/** `createSeriesMarkers` on `series`, without a copy of the whole series at each change of its data. */
export function createCheapSeriesMarkers<T extends SeriesType>(
  series: ISeriesApi<T, Time>,
  firstTime: () => Time | null,
): ISeriesMarkersPluginApi<Time> {
  return createSeriesMarkers(seriesForMarkers(series, firstTime), []);
}
