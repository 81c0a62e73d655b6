import { type ComponentPropsWithRef, type ReactNode, useId } from 'react';
import './Card.css';

type CardProps = Omit<ComponentPropsWithRef<'section'>, 'title' | 'aria-labelledby'> & {
  /** The heading's text; it also names the section (`aria-labelledby`). */
  title: ReactNode;
  /** The heading's id, which the section is labelled by; a generated one when left out. */
  titleId?: string;
  /** The heading's level: 2 for a panel of the page (the default), 3 for one inside another. */
  level?: 2 | 3;
  /** What sits at the end of the head: a `card__aside` note, a badge, or buttons. */
  aside?: ReactNode;
  children?: ReactNode;
};

/**
 * A titled box of the page: a section labelled by its heading, a head (the title, then `aside`), and the
 * body (`children`). Other section attributes (class, ref, test id, data-*) go on the section; `className`
 * is added to `card`.
 */
export function Card({ title, titleId, level = 2, aside, className, children, ...section }: CardProps) {
  const generatedId = useId();
  const headingId = titleId ?? generatedId;
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <section {...section} className={className ? `card ${className}` : 'card'} aria-labelledby={headingId}>
      <div className="card__head">
        <Heading id={headingId} className="card__title">
          {title}
        </Heading>
        {aside}
      </div>
      {children}
    </section>
  );
}
