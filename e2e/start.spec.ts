// Loading history is long work for a large session: Start shows how far it has got, and Cancel stops it,
// leaving the system as it was.
import { expect, test } from '@playwright/test';
import { applyConfiguration } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

/** Four-letter symbols AAAA, AAAB, ... */
const symbols = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `AA${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`,
  );

const bigSession = {
  session_name: 'Big Session',
  mode: 'backtest',
  exchange_group: 'US_EQUITY',
  asset_class: 'EQUITY',
  backtest_config: { start_date: '2025-07-01', end_date: '2025-07-02', speed_multiplier: 60 },
  session_data_config: {
    symbols: symbols(150),
    streams: ['1m', '5m'],
    historical: { enabled: true, data: [{ interval: '1m', trailing_days: 40 }] },
  },
};

test('starting a large session shows the history loading, and Cancel stops it with nothing changed', async ({
  page,
}) => {
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  await applyConfiguration(page, bigSession);

  await button('Start').click();
  const progress = page.getByTestId('start-progress');
  await expect(progress).toContainText(/Loading history: \d+ of 150 symbols/);
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(
    page.getByText('system start: cancelled while loading history; nothing changed'),
  ).toBeVisible();

  // The page stayed responsive and the engine alive: a start to the end works.
  await button('Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING', { timeout: 45_000 });
});

test('a long history shows how far the symbol being loaded has got, and Cancel stops it there', async ({
  page,
}) => {
  const tenYears = {
    session_name: 'Ten Years',
    mode: 'backtest',
    backtest_config: { start_date: '2025-07-01', end_date: '2025-07-02' },
    session_data_config: {
      symbols: ['AAPL', 'TSLA'],
      historical: { data: [{ interval: '1d', trailing_days: 3650 }] },
    },
  };
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  await applyConfiguration(page, tenYears);
  await button('Start').click();
  const progress = page.getByTestId('start-progress');
  await expect(progress).toContainText(
    /^Loading history: 0 of 2 symbols \(AAPL: [\d,]+ of 3,650 trading days\)/,
  );
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(
    page.getByText('system start: cancelled while loading history; nothing changed'),
  ).toBeVisible();
});
