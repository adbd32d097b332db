import { downloadBlob } from './download.js';

/** What a picture of a widget says about itself: drawn above and below it, and kept as PNG text chunks. */
export interface PngContext {
  /** The widget's title. */
  title: string;
  /** Amanah · period · as of. */
  scope: string;
  /** When it was made. */
  generated: string;
  dir: 'rtl' | 'ltr';
}

/**
 * A widget as it is on screen (in the user's digits and direction), as a PNG, with its scope and the generation
 * time written above it, and the same text in the file's iTXt chunks (Title, Description) for tools that read
 * them. html-to-image loads on first use.
 */
export async function downloadPng(node: HTMLElement, fileName: string, context: PngContext): Promise<void> {
  const { toBlob } = await import('html-to-image');
  const band = (text: string, strong = false) => {
    const element = document.createElement('div');
    element.dir = context.dir;
    element.textContent = text;
    element.style.cssText = `font: ${strong ? 600 : 400} 12px system-ui, sans-serif; color: #333; padding: ${strong ? '6px 10px 0' : '0 10px 6px'};`;
    return element;
  };
  const header = band(context.scope, true);
  const generated = band(context.generated);
  node.prepend(header, generated);
  let blob: Blob | null;
  try {
    // The cell keeps its grid height; the picture grows by the lines above instead of cutting the chart's bottom.
    const height = node.scrollHeight;
    blob = await toBlob(node, {
      height,
      style: { height: `${height}px` },
      backgroundColor: '#ffffff',
      pixelRatio: 2,
      // The export buttons are not part of the picture.
      filter: (element) => !(element instanceof HTMLElement && element.dataset.exportHidden === 'true'),
    });
  } finally {
    header.remove();
    generated.remove();
  }
  if (!blob) throw new Error('The widget could not be drawn');
  const png = withPngText(new Uint8Array(await blob.arrayBuffer()), { Title: context.title, Description: `${context.scope} — ${context.generated}` });
  downloadBlob(new Blob([png], { type: 'image/png' }), fileName);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Adds uncompressed UTF-8 text chunks (iTXt, PNG 1.2) just before IEND. */
export function withPngText(png: Uint8Array, texts: Record<string, string>): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const chunks = Object.entries(texts).map(([keyword, text]) => {
    // keyword \0, compression flag 0, method 0, language tag "" \0, translated keyword "" \0, text
    const data = new Uint8Array([...encoder.encode(keyword), 0, 0, 0, 0, 0, ...encoder.encode(text)]);
    const chunk = new Uint8Array(12 + data.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, data.length);
    chunk.set(encoder.encode('iTXt'), 4);
    chunk.set(data, 8);
    view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
    return chunk;
  });
  const iend = png.length - 12; // IEND is the last chunk: length 0, type, CRC
  const out = new Uint8Array(png.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(png.subarray(0, iend), 0);
  let at = iend;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  out.set(png.subarray(iend), at);
  return out;
}

/** The iTXt texts of a PNG, by keyword (for tests and tools). */
export function pngTexts(png: Uint8Array): Record<string, string> {
  const decoder = new TextDecoder();
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const texts: Record<string, string> = {};
  for (let at = 8; at + 12 <= png.length;) {
    const length = view.getUint32(at);
    const type = decoder.decode(png.subarray(at + 4, at + 8));
    if (type === 'iTXt') {
      const data = png.subarray(at + 8, at + 8 + length);
      const zero = data.indexOf(0);
      const keyword = decoder.decode(data.subarray(0, zero));
      let rest = zero + 3; // flag, method
      rest = data.indexOf(0, rest) + 1; // language tag
      rest = data.indexOf(0, rest) + 1; // translated keyword
      texts[keyword] = decoder.decode(data.subarray(rest));
    }
    at += 12 + length;
  }
  return texts;
}
