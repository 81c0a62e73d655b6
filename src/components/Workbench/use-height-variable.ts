import { type RefObject, useEffect } from 'react';

/**
 * Keeps the element's height (border box, in px) in the page's CSS variable `name`, as it changes (a top bar
 * that wraps onto two lines on a phone, a font that loads). The one-column workbench places what sticks
 * below the top bar by it, and keeps what is scrolled into view clear of it (App.css).
 */
export function useHeightVariable(element: RefObject<HTMLElement | null>, name: string): void {
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const root = document.documentElement;
    const measure = () =>
      root.style.setProperty(name, `${Math.ceil(target.getBoundingClientRect().height)}px`);
    measure();
    if (typeof ResizeObserver === 'undefined') return () => root.style.removeProperty(name);
    const observer = new ResizeObserver(measure);
    observer.observe(target);
    return () => {
      observer.disconnect();
      root.style.removeProperty(name);
    };
  }, [element, name]);
}
