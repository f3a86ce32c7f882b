/**
 * Display order of a series' instances (PS3.3 C.7.6.2.1.1): along the stack normal — position
 * projected on the row × column cross product — else by Instance Number. Shared by the
 * SeriesLoader (full metadata) and the SeriesOpening (an instance-level QIDO with the same
 * attributes), so both choose the same slice.
 */
import { Tag, jsonNumber, jsonNumbers, type DicomJsonObject } from './dicom-json-values.js';

/** Display order of a series' instances: along the stack normal, else by Instance Number. */
export function sortInstances(instances: readonly DicomJsonObject[]): DicomJsonObject[] {
  const keyed = instances.map((json, i) => ({
    json,
    i,
    position: stackPosition(json),
    number: jsonNumber(json, Tag.InstanceNumber),
  }));
  const allPositioned = keyed.every((k) => k.position !== undefined);
  keyed.sort((a, b) => {
    if (allPositioned) return (a.position ?? 0) - (b.position ?? 0) || a.i - b.i;
    return (a.number ?? Infinity) - (b.number ?? Infinity) || a.i - b.i;
  });
  return keyed.map((k) => k.json);
}

function stackPosition(json: DicomJsonObject): number | undefined {
  const position = jsonNumbers(json, Tag.ImagePositionPatient);
  const o = jsonNumbers(json, Tag.ImageOrientationPatient);
  if (position.length !== 3 || o.length !== 6) return undefined;
  const [r0 = 0, r1 = 0, r2 = 0, c0 = 0, c1 = 0, c2 = 0] = o;
  const normal = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  return (
    (position[0] ?? 0) * (normal[0] ?? 0) +
    (position[1] ?? 0) * (normal[1] ?? 0) +
    (position[2] ?? 0) * (normal[2] ?? 0)
  );
}
