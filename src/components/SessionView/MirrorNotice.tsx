// The last resync of the live mirror ("New session 2025-07-02: resynced"), as a toast over the top of the
// live charts' card: it takes no room in the layout (the chart does not move when it comes or goes), goes by
// itself after a few seconds (the store's MIRROR_NOTICE_MS), and stays while the pointer or the focus is
// on it. Dismiss (a button) or Escape takes it away at once. Its text is in a live region that is always
// on the page, so a screen reader hears each new notice.
import { useCallback, useEffect, useRef } from 'react';
import { useAppStore } from '../../store/context';
import { isTyping, keyPressOf } from '../Controls/shortcuts';

export function MirrorNotice() {
  const notice = useAppStore((s) => s.liveMirror.notice);
  const dismiss = useAppStore((s) => s.dismissMirrorNotice);
  const hold = useAppStore((s) => s.holdMirrorNotice);
  const box = useRef<HTMLDivElement>(null);
  /** Where the focus came from into the notice: it goes back there when the notice goes. */
  const cameFrom = useRef<HTMLElement | null>(null);

  const close = useCallback(() => {
    const element = box.current;
    const focused = element?.contains(document.activeElement) ?? false;
    dismiss();
    hold(false);
    if (!focused) return;
    const back = cameFrom.current;
    cameFrom.current = null;
    if (back?.isConnected) back.focus();
  }, [dismiss, hold]);

  // Escape dismisses a notice shown: in the notice, or anywhere but a field (whose Escape is its own).
  useEffect(() => {
    if (notice === null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const inNotice = box.current?.contains(event.target as Node) ?? false;
      if (!inNotice && isTyping(keyPressOf(event))) return; // Escape in a field is the field's
      event.preventDefault();
      close();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [notice, close]);

  // A notice that goes while the pointer is on it hears no mouseleave: let go of it with the notice.
  useEffect(() => {
    if (notice === null) hold(false);
  }, [notice, hold]);

  // The pointer or the focus on the notice holds it (the box itself is not a control: its button is).
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const held = () => hold(true);
    const letGo = () => hold(false);
    const onFocusIn = (event: FocusEvent) => {
      const from = event.relatedTarget;
      if (from instanceof HTMLElement && !element.contains(from)) cameFrom.current = from;
      hold(true);
    };
    const onFocusOut = (event: FocusEvent) => {
      if (!element.contains(event.relatedTarget as Node | null)) hold(false);
    };
    element.addEventListener('mouseenter', held);
    element.addEventListener('mouseleave', letGo);
    element.addEventListener('focusin', onFocusIn);
    element.addEventListener('focusout', onFocusOut);
    return () => {
      element.removeEventListener('mouseenter', held);
      element.removeEventListener('mouseleave', letGo);
      element.removeEventListener('focusin', onFocusIn);
      element.removeEventListener('focusout', onFocusOut);
    };
  }, [hold]);

  return (
    <div ref={box} className="mirror-notice" data-testid="mirror-notice" data-shown={notice !== null}>
      <p className="mirror-notice__text" role="status" aria-live="polite" aria-atomic="true">
        {notice ?? ''}
      </p>
      {notice !== null && (
        <button
          type="button"
          className="button button--small"
          aria-keyshortcuts="Escape"
          title="Dismiss (Escape)"
          onClick={close}
        >
          Dismiss
        </button>
      )}
    </div>
  );
}
