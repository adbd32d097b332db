/**
 * Press sentences as plain text and as a DOCX document. The DOCX writer (`docx`) is loaded on first use, so it is
 * not part of the page's initial JavaScript.
 */
export interface PressDocumentFigure {
  title: { ar: string; en: string };
  sentences: { ar: string; en: string };
}

export interface PressDocument {
  /** "أمانة محافظة جدة — 1 يناير 2023 – 31 ديسمبر 2024" */
  heading: { ar: string; en: string };
  figures: readonly PressDocumentFigure[];
}

/** Arabic first, then English: one sentence per line, a blank line between the languages. */
export function pressText(doc: PressDocument): string {
  return [
    doc.heading.ar,
    ...doc.figures.map((f) => f.sentences.ar),
    '',
    doc.heading.en,
    ...doc.figures.map((f) => f.sentences.en),
    '',
  ].join('\n');
}

/** The same content as a Word document: Arabic paragraphs right-to-left, English left-to-right. */
export async function pressDocx(doc: PressDocument): Promise<Blob> {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const arabic = (text: string, heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({ bidirectional: true, heading, children: [new TextRun({ text, rightToLeft: true, language: { value: 'ar-SA', bidirectional: 'ar-SA' } })] });
  const english = (text: string, heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({ heading, children: [new TextRun({ text, language: { value: 'en-GB' } })] });
  const document = new Document({
    creator: 'Amanah digital KPIs',
    title: doc.heading.en,
    sections: [{
      children: [
        arabic(doc.heading.ar, HeadingLevel.HEADING_1),
        ...doc.figures.map((f) => arabic(f.sentences.ar)),
        english(doc.heading.en, HeadingLevel.HEADING_1),
        ...doc.figures.map((f) => english(f.sentences.en)),
      ],
    }],
  });
  return Packer.toBlob(document);
}
