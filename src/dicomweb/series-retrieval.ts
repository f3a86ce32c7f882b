/**
 * Every instance of a series in one WADO-RS request (PS3.18 10.4.1, Retrieve Series,
 * `multipart/related; type="application/dicom"; transfer-syntax=*`), each instance handed
 * out as soon as its part has arrived, with its frames read from the Part 10 bytes.
 *
 * Why: a series of single-frame instances (a CT, an MR) costs one HTTP request per frame on
 * the frame route. Over a fast link those requests, not the bytes, bound the series: each one
 * costs the browser's network stack, any reverse proxy and the server (Orthanc parses the whole
 * instance to cut one frame) a few milliseconds. The series route streams stored files back to
 * back. The transfer syntax comes from the file meta information (PS3.10 7.1), which servers
 * do not mislabel the way they mislabel frame parts.
 */
import type { EncodedFrame } from '../dicom/dataset.js';
import { parseDicom, parseDicomAsync, DeflateRequiresAsyncError } from '../dicom/parse-dicom.js';
import type { Part10Dataset } from '../dicom/part10-dataset.js';
import type { DicomwebClient } from './dicomweb-client.js';
import { DicomwebHttpError } from './errors.js';
import { multipartBoundary, readMultipart } from './multipart-reader.js';
import { SOPInstanceUID } from '../dicom/tags.generated.js';

export const ACCEPT_SERIES_INSTANCES =
  'multipart/related; type="application/dicom"; transfer-syntax=*';

export interface RetrievedInstance {
  readonly sopInstanceUid: string;
  readonly frameCount: number;
  /** Frame `index` (0-based) in its own buffer (safe to transfer to a worker). */
  frame(index: number): EncodedFrame;
}

export interface SeriesRetrieveOptions {
  readonly signal?: AbortSignal | undefined;
  readonly fetchPriority?: RequestPriority | undefined;
}

export async function* retrieveSeriesInstances(
  client: DicomwebClient,
  series: { readonly studyInstanceUid: string; readonly seriesInstanceUid: string },
  options: SeriesRetrieveOptions = {},
): AsyncGenerator<RetrievedInstance, void, undefined> {
  const watchdog = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, watchdog.signal])
    : watchdog.signal;
  const response = await client.transport.request(
    client.seriesUrl(series.studyInstanceUid, series.seriesInstanceUid),
    {
      operation: 'instance',
      accept: ACCEPT_SERIES_INSTANCES,
      signal,
      fetchPriority: options.fetchPriority,
    },
  );
  if (!response.body) throw new DicomwebHttpError('instance', response.status);
  const boundary = multipartBoundary(response.headers.get('content-type'));
  const guarded = client.guardBody(response.body, watchdog, 'instance');
  try {
    const parts = readMultipart(guarded.body, boundary, {
      maxPartBytes: client.maxPartBytes,
      operation: 'instance',
    });
    for await (const part of parts) {
      const dataset = await parsePart10(part.bytes);
      const sopInstanceUid = dataset.string(SOPInstanceUID);
      const pixels = dataset.pixelData;
      if (!sopInstanceUid || !pixels) continue;
      yield {
        sopInstanceUid,
        frameCount: pixels.frameCount,
        frame: (index) => {
          const frame = pixels.encodedFrame(index);
          // A view into the instance's buffer would drag the whole file along to the worker.
          const { bytes } = frame;
          const owned =
            bytes.buffer !== part.bytes.buffer &&
            bytes.byteOffset === 0 &&
            bytes.byteLength === bytes.buffer.byteLength;
          return {
            bytes: owned ? bytes : bytes.slice(),
            transferSyntaxUid: frame.transferSyntaxUid,
          };
        },
      };
    }
  } finally {
    guarded.finish();
  }
}

async function parsePart10(bytes: Uint8Array): Promise<Part10Dataset> {
  try {
    return parseDicom(bytes);
  } catch (error) {
    if (error instanceof DeflateRequiresAsyncError) return parseDicomAsync(bytes);
    throw error;
  }
}
