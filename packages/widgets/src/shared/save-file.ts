/** Saves text as a file the browser downloads: a Blob and an object URL, no network. */
export function saveFile(root: HTMLElement | DocumentFragment, filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  // Inside the shadow root, so the host page's CSS and listeners never see the link.
  root.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
