import { printCss, type ExportContext } from './context.js';

/** The page's print header and page numbers (see printCss); renders nothing on screen. */
export function PrintContext({ context }: { context: ExportContext }) {
  return <style data-testid="print-context">{printCss(context)}</style>;
}
