import { downloadBlob } from './download.js';

/** A widget as it is on screen (in the user's digits and direction), as a PNG. html-to-image loads on first use. */
export async function downloadPng(node: HTMLElement, fileName: string): Promise<void> {
  const { toBlob } = await import('html-to-image');
  const blob = await toBlob(node, {
    backgroundColor: '#ffffff',
    pixelRatio: 2,
    // The export buttons are not part of the picture.
    filter: (element) => !(element instanceof HTMLElement && element.dataset.exportHidden === 'true'),
  });
  if (!blob) throw new Error('The widget could not be drawn');
  downloadBlob(blob, fileName);
}
