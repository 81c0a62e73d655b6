import { memo } from 'react';
import { formatCount } from '../../format';

/** Names shown as chips; a session of hundreds of symbols names the first ones and counts the rest. */
const SHOWN = 12;

/**
 * The session's symbols in the Session panel. The full list, searchable, is the live charts' symbol table:
 * a thousand chips would fill the panel and be drawn again on every snapshot.
 */
export const SymbolChips = memo(
  function SymbolChips({ symbols }: { symbols: readonly string[] }) {
    const rest = symbols.length - SHOWN;
    return (
      <ul className="symbols" data-testid="symbols" data-count={symbols.length}>
        {symbols.slice(0, SHOWN).map((symbol) => (
          <li key={symbol} className="symbols__item">
            {symbol}
          </li>
        ))}
        {rest > 0 && (
          <li className="symbols__more" data-testid="symbols-more">
            and {formatCount(rest)} more ({formatCount(symbols.length)} in all)
          </li>
        )}
      </ul>
    );
  },
  (a, b) => a.symbols.length === b.symbols.length && a.symbols.every((s, i) => s === b.symbols[i]),
);
