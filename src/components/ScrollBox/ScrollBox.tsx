import type { ComponentPropsWithRef, KeyboardEvent } from 'react';
import { keepScrollKeys } from './scroll-keys';

type ScrollBoxProps = Omit<ComponentPropsWithRef<'div'>, 'role' | 'tabIndex' | 'aria-label'> & {
  /** Names the box for a screen reader: what it holds ("Rows of …", "Raw text of …"). */
  label: string;
  /** The element: a `div` (the default) or a `pre` for text. */
  as?: 'div' | 'pre';
};

/**
 * A box that scrolls by keyboard: a named group and a stop for Tab of its own, whose scroll keys (Space, the
 * arrows, Home, End, the Page keys) scroll it and never reach the session's shortcuts on the window (Space
 * would pause the session). The viewer's rows table and raw text, and Compare's added rows, use it.
 */
export function ScrollBox({ label, as = 'div', onKeyDown, ...rest }: ScrollBoxProps) {
  // Typed as a div: a pre takes the same attributes here (a ref to a pre is not used).
  const Element = as as 'div';
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    keepScrollKeys(event);
    onKeyDown?.(event);
  };
  return (
    // A group, not a fieldset: a scrolling box of rows or text, not form fields.
    <Element
      {...rest}
      role="group"
      aria-label={label}
      // A scrolling box must take the focus to scroll by keyboard.
      tabIndex={0}
      onKeyDown={onKey}
    />
  );
}
