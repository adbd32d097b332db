/**
 * The entry of a validation thread (see validation-pool.ts): validates NDJSON and CSV pieces sent by the pool and sends
 * back their encoded rows (transferred, not copied) and problems. Bundled as its own file next to the server.
 */
import { parentPort } from 'node:worker_threads';
import { compileIngestSchema, type IngestSchema } from './schema.js';
import { validatePiece } from './record-validator.js';
import type { PieceRequest, PieceResponse } from './validation-pool.js';

const schemas = new Map<string, IngestSchema>();

function schemaOf(request: PieceRequest): IngestSchema {
  const key = `${request.dataset}\0${JSON.stringify(request.columns)}`;
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = compileIngestSchema(request.dataset, request.columns)));
  return schema;
}

parentPort!.on('message', async (request: PieceRequest) => {
  let response: PieceResponse;
  try {
    const scope = request.scope ? new Set(request.scope) : undefined;
    const target = { ...schemaOf(request), scope, format: request.format };
    const result = await validatePiece(request.piece, target, request.header, request.staging, request.previewRows);
    response = { id: request.id, result };
    parentPort!.postMessage(response, [result.bytes.buffer as ArrayBuffer, result.rowEnds.buffer as ArrayBuffer]);
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    parentPort!.postMessage(response);
  }
});
