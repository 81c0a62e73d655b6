// How the page scrolls a panel into view: smoothly, unless the person asked for less motion
// (`prefers-reduced-motion: reduce`), when it jumps there at once.

export const scrollBehavior = (): ScrollBehavior =>
  window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
