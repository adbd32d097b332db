import { chromium, type Browser } from 'playwright-core';
import { WorkRefusedError } from '@amanah/store';
import { reportHtml, type ReportHtml } from './html.js';
import type { Report } from './report.js';

export interface PdfRendererOptions {
  /** Debian's chromium; a browser is never downloaded. */
  executablePath?: string;
  /** Pages printing at once (each is a chromium renderer: ~50–100 MB). */
  maxPages?: number;
  /** Renders waiting for a page; more are refused at once (OVERLOADED, HTTP 429). */
  maxQueued?: number;
  /** Renders one owner (an API key) may have printing or waiting, so that one key cannot fill the queue. */
  maxPerOwner?: number;
  /** The longest one page may take to load and print. */
  timeoutMs?: number;
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-extensions'];

/**
 * Prints HTML to A4 PDF in one chromium, launched on first use and reused (relaunched if it dies). At most
 * `maxPages` pages print at once; others wait in a bounded queue, and beyond it (or beyond `maxPerOwner` for one
 * owner) a render is refused with OVERLOADED and a retry hint rather than opening another page. Pages run without
 * JavaScript and with every network request blocked: the HTML is self-contained.
 */
export class PdfRenderer {
  private browser: Promise<Browser> | undefined;
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private readonly perOwner = new Map<string, number>();
  private readonly options: Required<PdfRendererOptions>;

  constructor(options: PdfRendererOptions = {}) {
    this.options = { executablePath: '/usr/bin/chromium', maxPages: 2, maxQueued: 8, maxPerOwner: 2, timeoutMs: 30_000, ...options };
  }

  /** Pages printing now and renders waiting: what the limits are checked against. */
  get load(): { active: number; queued: number } {
    return { active: this.active, queued: this.queue.length };
  }

  async render(page: ReportHtml, owner = ''): Promise<Buffer> {
    const owned = this.perOwner.get(owner) ?? 0;
    if (owned >= this.options.maxPerOwner) {
      throw new WorkRefusedError('OVERLOADED', `This key already has ${owned} PDFs being made: wait for them, then ask again.`, 2);
    }
    if (this.active >= this.options.maxPages && this.queue.length >= this.options.maxQueued) {
      throw new WorkRefusedError('OVERLOADED', 'Too many PDFs are being made right now: try again shortly.', 2);
    }
    this.perOwner.set(owner, owned + 1);
    try {
      await this.turn();
      try {
        return await this.print(page);
      } finally {
        this.active--;
        this.queue.shift()?.();
      }
    } finally {
      const left = (this.perOwner.get(owner) ?? 1) - 1;
      if (left > 0) this.perOwner.set(owner, left);
      else this.perOwner.delete(owner);
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  /** Waits for a free page slot; a released slot passes straight to the next waiter. */
  private turn(): Promise<void> {
    if (this.active < this.options.maxPages) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(() => {
      this.active++;
      resolve();
    }));
  }

  private async print({ html, headerTemplate, footerTemplate }: ReportHtml): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(this.options.timeoutMs);
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate,
        footerTemplate,
        margin: { top: '20mm', bottom: '18mm', left: '12mm', right: '12mm' },
      });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = chromium.launch({ executablePath: this.options.executablePath, args: CHROMIUM_ARGS });
      this.browser = launching;
      launching.then(
        (browser) => browser.on('disconnected', () => { if (this.browser === launching) this.browser = undefined; }),
        () => { if (this.browser === launching) this.browser = undefined; },
      );
    }
    return this.browser;
  }
}

let shared: PdfRenderer | undefined;

/** The process's renderer, for callers that do not make their own (delivery jobs, scripts). */
export function sharedPdfRenderer(): PdfRenderer {
  return (shared ??= new PdfRenderer());
}

/**
 * The report as an A4 PDF: its HTML (html.ts) printed by chromium with the context header and page numbers on every
 * page. `renderer` defaults to the process's shared one; `owner` (an API key id) bounds one caller's share.
 */
export function renderReportPdf(report: Report, options: { renderer?: PdfRenderer; owner?: string } = {}): Promise<Buffer> {
  return (options.renderer ?? sharedPdfRenderer()).render(reportHtml(report), options.owner);
}
