import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Arabic letters (base and presentation forms); Arabic-Indic digits read left to right like Latin ones. */
const ARABIC = /[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF\uFB50-\uFDFF\uFE70-\uFEFC]/;
const LTR = /[A-Za-z0-9\u0660-\u0669\u06F0-\u06F9]/;

/**
 * The text of a PDF as a reader reads it, one string per line, per page, extracted by pdf.js. Chromium writes
 * Arabic as shaped glyphs (presentation forms) in visual order, one positioned glyph at a time, as most PDF writers
 * do: each line's pieces are put back in reading order (right to left on a line with Arabic, Latin runs inside it
 * left to right), then `shaped` keeps the glyphs and `text` folds them to letters (NFKC). A reversed or unshaped
 * word in the PDF stays reversed or unshaped here.
 */
export async function pdfLines(pdf: Uint8Array): Promise<Array<{ page: number; shaped: string; text: string }>> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const lines: Array<{ page: number; shaped: string; text: string }> = [];
  try {
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      const byY = new Map<number, Array<{ str: string; x: number }>>();
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const y = Math.round(item.transform[5] as number);
        const line = byY.get(y) ?? [];
        line.push({ str: item.str, x: item.transform[4] as number });
        byY.set(y, line);
      }
      for (const [, items] of [...byY].sort((a, b) => b[0] - a[0])) {
        const shaped = readingOrder(items);
        lines.push({ page: n, shaped, text: shaped.normalize('NFKC') });
      }
    }
  } finally {
    await document.destroy();
  }
  return lines;
}

function readingOrder(items: Array<{ str: string; x: number }>): string {
  if (!items.some((i) => ARABIC.test(i.str))) return items.sort((a, b) => a.x - b.x).map((i) => i.str).join('');
  const rightToLeft = items.sort((a, b) => b.x - a.x);
  // Runs of Latin letters and digits, Arabic-Indic digits too (with what lies between them), read left to right.
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    out.push(...run.reverse());
    run = [];
  };
  for (const item of rightToLeft) {
    if (ARABIC.test(item.str)) {
      flush();
      out.push(item.str);
    } else if (LTR.test(item.str) || run.length > 0) run.push(item.str);
    else out.push(item.str);
  }
  flush();
  return out.join('');
}
