// Writing text to the clipboard when the text comes later (from the viewer worker). Safari allows a
// clipboard write only while the click that asked for it is being handled: a `writeText` after a worker
// round trip is refused. A ClipboardItem given a promise is written at once, and filled when the promise
// settles, which Safari (and Chromium) accept. Browsers without ClipboardItem get `writeText`.

/** Puts the text `text` resolves to on the clipboard; rejects if the browser refuses or `text` rejects. */
export async function copyText(text: Promise<string> | string): Promise<void> {
  const clipboard = navigator.clipboard;
  if (typeof ClipboardItem === 'function' && typeof clipboard?.write === 'function') {
    const blob = Promise.resolve(text).then((t) => new Blob([t], { type: 'text/plain' }));
    await clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
    return;
  }
  await clipboard.writeText(await text);
}
