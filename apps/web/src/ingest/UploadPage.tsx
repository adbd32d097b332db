import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { DATASETS, DATASET_NAMES, type DatasetName } from '@amanah/domain';
import { formatNumber, formatPercent } from '@amanah/web-format';
import { PageHeader } from '@amanah/web-ui';
import { useView } from '../filters/use-view.js';
import { useMetricDefinitions } from '../glossary/use-metric-definitions.js';
import { mayUse, useSession } from '../session/session.js';
import {
  fileChunks, fileKey, formatOfFileName, inFile, IngestRequestError, sendChunk,
  type FileChunk, type IngestAnswer, type IngestProblem,
} from './upload-client.js';

/** What checking the file (a dry run of each chunk) found. */
interface Check {
  rowsReceived: number;
  problems: IngestProblem[];
  problemsTotal: number;
  preview: NonNullable<IngestAnswer['preview']>;
  sheet?: string;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking'; sent: number; total: number }
  | { kind: 'checked'; check: Check }
  | { kind: 'committing'; check: Check; sent: number; total: number }
  | { kind: 'committed'; check: Check; rowsInserted: number; batches: string[]; duplicates: number }
  | { kind: 'failed'; check?: Check; message: string };

/** Problems listed on the page; the total is always said. */
const LISTED_PROBLEMS = 1000;

/**
 * `/upload` (ingest and admin keys): pick a dataset, drop or choose a file, see its first rows as they will be stored
 * and every problem (the API's dry run, nothing written), then commit it with a progress bar. Large CSV and NDJSON
 * files go in chunks with one Idempotency-Key each (upload-client.ts): sending the same file again resumes.
 */
export function UploadPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [view] = useView();
  const prefs = { lang: view.lang, digits: view.digits, calendar: view.calendar };
  const { search } = useLocation();
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const metrics = useMetricDefinitions();
  const inputId = useId();
  const abort = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  const chosen = params.get('dataset');
  const dataset: DatasetName = (DATASET_NAMES as string[]).includes(chosen ?? '') ? (chosen as DatasetName) : 'portal_visits';
  if (!mayUse(session.session, 'ingest')) return <p className="state">{t('upload.forbidden')}</p>;

  const format = file ? formatOfFileName(file.name) : undefined;
  const feeds = (metrics.data ?? []).filter((metric) => metric.dataset === dataset).map((metric) => metric.label[view.lang]);
  const busy = phase.kind === 'checking' || phase.kind === 'committing';

  const chooseDataset = (next: string) => {
    setParams((current) => {
      const copy = new URLSearchParams(current);
      copy.set('dataset', next);
      return copy;
    }, { replace: true });
    if (file) void check(file, next as DatasetName);
  };

  const chooseFile = (next: File | undefined) => {
    if (!next) return;
    setFile(next);
    void check(next, dataset);
  };

  /** A dry run of every chunk, in order: the problems by line of the whole file, the first rows as they will be stored. */
  async function check(target: File, into: DatasetName) {
    abort.current?.abort();
    const controller = (abort.current = new AbortController());
    const kind = formatOfFileName(target.name);
    if (!kind) return setPhase({ kind: 'failed', message: t('upload.unknownFormat') });
    try {
      const chunks = await fileChunks(target, kind);
      const total = chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
      let done = 0;
      const found: Check = { rowsReceived: 0, problems: [], problemsTotal: 0, preview: { fields: [], rows: [] } };
      const seen = new Set<string>();
      setPhase({ kind: 'checking', sent: 0, total });
      for (const chunk of chunks) {
        const answer = await sendChunk(chunk, {
          dataset: into, format: kind, dryRun: true, fileName: target.name, signal: controller.signal,
          onProgress: (sent) => setPhase({ kind: 'checking', sent: done + sent, total }),
        });
        done += chunk.bytes;
        merge(found, answer, chunk, seen);
        // A CSV header's problem is every chunk's (they repeat it): the first says it.
        if (answer.errors.some((problem) => problem.line <= chunk.headerLines)) break;
      }
      if (!controller.signal.aborted) setPhase({ kind: 'checked', check: found });
    } catch (error) {
      if (!controller.signal.aborted) setPhase({ kind: 'failed', message: describe(error) });
    }
  }

  /** Sends every chunk with its Idempotency-Key; a chunk already sent (a retry) is answered as a duplicate. */
  async function commit(found: Check) {
    if (!file || !format) return;
    const controller = (abort.current = new AbortController());
    try {
      const chunks = await fileChunks(file, format);
      const key = await fileKey(file);
      const total = chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
      let done = 0;
      let rowsInserted = 0;
      let duplicates = 0;
      const batches: string[] = [];
      setPhase({ kind: 'committing', check: found, sent: 0, total });
      for (const [index, chunk] of chunks.entries()) {
        const answer = await sendChunk(chunk, {
          dataset, format, dryRun: false, fileName: file.name, idempotencyKey: `${key}-${index}`, signal: controller.signal,
          onProgress: (sent) => setPhase({ kind: 'committing', check: found, sent: done + sent, total }),
        });
        done += chunk.bytes;
        if (answer.errors.length > 0) {
          const refused: Check = { ...found, problems: [], problemsTotal: 0 };
          merge(refused, answer, chunk, new Set());
          return setPhase({ kind: 'failed', check: refused, message: answer.message ?? t('upload.refused') });
        }
        rowsInserted += answer.rowsInserted;
        if (answer.duplicate) duplicates += 1;
        if (answer.batchId) batches.push(answer.batchId);
      }
      setPhase({ kind: 'committed', check: found, rowsInserted, batches, duplicates });
      // Every figure may have changed: answers are asked again (the session is kept).
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    } catch (error) {
      if (!controller.signal.aborted) setPhase({ kind: 'failed', check: found, message: describe(error) });
    }
  }

  const describe = (error: unknown) =>
    error instanceof IngestRequestError
      ? error.status === 0 ? t('upload.networkError') : t('upload.refusedWith', { status: error.status, message: error.message })
      : String(error);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    chooseFile(event.dataTransfer.files[0]);
  };

  const shown = 'check' in phase ? phase.check : undefined;
  const canCommit = phase.kind === 'checked' && phase.check.problemsTotal === 0 && phase.check.rowsReceived > 0;
  return (
    <article className="upload-page" data-testid="upload-page" data-state="ready" data-phase={phase.kind}>
      <PageHeader
        title={t('upload.title')}
        description={t('upload.description')}
        actions={<Link to={{ pathname: '/batches', search }}>{t('batches.nav')}</Link>}
      />

      <section className="upload-form" aria-labelledby="upload-dataset-label">
        <label className="field">
          <span className="field__label" id="upload-dataset-label">{t('upload.dataset')}</span>
          <select name="dataset" value={dataset} disabled={busy} onChange={(event) => chooseDataset(event.target.value)}>
            {DATASET_NAMES.map((name) => (
              <option key={name} value={name}>{t(`datasets.${name}`)}</option>
            ))}
          </select>
        </label>
        <p className="upload-form__hint">
          {t('upload.columns')}{' '}
          <code dir="ltr" className="upload-form__columns">
            {DATASETS[dataset].fields.map((field) => `${field.name}${field.optional ? '?' : ''}`).join(', ')}
          </code>
          {feeds.length > 0 && <> · {t('upload.feeds', { metrics: feeds.join('، ') })}</>}
        </p>

        <div
          className="upload-drop"
          data-dragging={dragging}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label htmlFor={inputId} className="upload-drop__label">
            <span aria-hidden="true">⇪</span> {t('upload.drop')}
          </label>
          <input
            id={inputId}
            name="file"
            type="file"
            accept=".csv,.xlsx,.ndjson,.jsonl,.json"
            disabled={busy}
            onChange={(event) => chooseFile(event.target.files?.[0])}
          />
          {file && (
            <p className="upload-drop__file" data-testid="upload-file">
              <bdi>{file.name}</bdi> · {formatNumber(file.size, prefs)} {t('upload.bytes')}
              {format && <> · {t(`upload.formats.${format}`)}</>}
            </p>
          )}
        </div>
      </section>

      {(phase.kind === 'checking' || phase.kind === 'committing') && (
        <section className="upload-progress" aria-live="polite">
          <label>
            <span>{t(phase.kind === 'checking' ? 'upload.checking' : 'upload.committing')}</span>
            <progress data-testid="upload-progress" max={phase.total || 1} value={phase.sent} />
            <span>{formatPercent((100 * phase.sent) / (phase.total || 1), prefs, 0)}</span>
          </label>
        </section>
      )}

      {phase.kind === 'failed' && (
        <p className="state state--error" role="alert" data-testid="upload-error" dir="auto">{phase.message}</p>
      )}

      {shown && (
        <section aria-labelledby="upload-check-title" data-testid="upload-check">
          <h2 id="upload-check-title">{t(phase.kind === 'committed' ? 'upload.checkTitleCommitted' : 'upload.checkTitle')}</h2>
          <p data-testid="upload-summary" role="status">
            {shown.problemsTotal > 0
              ? t('upload.problemsFound', { rows: formatNumber(shown.rowsReceived, prefs), problems: formatNumber(shown.problemsTotal, prefs) })
              : t('upload.allGood', { rows: formatNumber(shown.rowsReceived, prefs) })}
          </p>
          {shown.problems.length > 0 && <Problems problems={shown.problems} total={shown.problemsTotal} />}
          {shown.preview.rows.length > 0 && <Preview preview={shown.preview} />}
        </section>
      )}

      <div className="upload-actions">
        {canCommit && (
          <button type="button" className="button" data-testid="upload-commit" onClick={() => void commit(phase.check)}>
            {t('upload.commit', { rows: formatNumber(phase.check.rowsReceived, prefs) })}
          </button>
        )}
        {phase.kind === 'failed' && phase.check && phase.check.problemsTotal === 0 && (
          <button type="button" className="button" onClick={() => void commit(phase.check!)}>{t('upload.retry')}</button>
        )}
      </div>

      {phase.kind === 'committed' && (
        <p className="state state--ok" role="status" data-testid="upload-done">
          {t('upload.done', { rows: formatNumber(phase.rowsInserted, prefs), batches: formatNumber(phase.batches.length, prefs) })}
          {phase.duplicates > 0 && <> {t('upload.duplicates', { count: phase.duplicates })}</>}{' '}
          <Link to={{ pathname: '/batches', search }}>{t('upload.seeBatches')}</Link>
        </p>
      )}
    </article>
  );
}

/** Adds a chunk's dry-run answer: problems by line of the whole file (each once), and preview rows up to 20. */
function merge(found: Check, answer: IngestAnswer, chunk: FileChunk, seen: Set<string>): void {
  found.rowsReceived += answer.rowsReceived;
  for (const problem of answer.errors) {
    const located = inFile(chunk, problem);
    const key = `${located.line}\0${located.field}\0${located.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.problemsTotal += 1;
    if (found.problems.length < LISTED_PROBLEMS) found.problems.push(located);
  }
  // Problems the API counted but did not list (past its 1,000).
  found.problemsTotal += Math.max(0, answer.errorsTotal - answer.errors.length);
  if (answer.sheet) found.sheet = answer.sheet;
  if (answer.preview) {
    found.preview.fields = answer.preview.fields;
    for (const row of answer.preview.rows) {
      if (found.preview.rows.length < 20) found.preview.rows.push({ ...row, line: inFile(chunk, { line: row.line, field: '', message: '' }).line });
    }
  }
}

function Problems({ problems, total }: { problems: IngestProblem[]; total: number }) {
  const { t } = useTranslation();
  const [view] = useView();
  const prefs = { lang: view.lang, digits: view.digits, calendar: view.calendar };
  const xlsx = problems.some((problem) => problem.sheet !== undefined);
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="upload-problems">
        <caption>{t('upload.problems', { shown: formatNumber(problems.length, prefs), total: formatNumber(total, prefs) })}</caption>
        <thead>
          <tr>
            {xlsx && <th>{t('upload.sheet')}</th>}
            <th>{t(xlsx ? 'upload.row' : 'upload.line')}</th>
            {xlsx && <th>{t('upload.column')}</th>}
            <th>{t('upload.field')}</th>
            <th>{t('upload.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, i) => (
            <tr key={i} data-line={problem.line} data-field={problem.field}>
              {xlsx && <td>{problem.sheet}</td>}
              <td className="num">{formatNumber(problem.line, prefs)}</td>
              {xlsx && <td dir="ltr">{problem.column}</td>}
              <td dir="ltr">{problem.field}</td>
              <td lang="en" dir="ltr">{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Preview({ preview }: { preview: NonNullable<IngestAnswer['preview']> }) {
  const { t } = useTranslation();
  const [view] = useView();
  const prefs = { lang: view.lang, digits: view.digits, calendar: view.calendar };
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="upload-preview">
        <caption>{t('upload.preview', { count: preview.rows.length })}</caption>
        <thead>
          <tr>
            <th>{t('upload.line')}</th>
            {preview.fields.map((field) => <th key={field} dir="ltr">{field}</th>)}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.line} data-line={row.line}>
              <td className="num">{formatNumber(row.line, prefs)}</td>
              {row.values.map((value, i) => (
                <td key={i} dir="auto">{value === null ? '—' : typeof value === 'boolean' ? t(value ? 'upload.yes' : 'upload.no') : String(value)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
