/**
 * DICOM JSON keys (PS3.18 §F.2.1.1: a tag as eight upper-case hex digits), made once per tag:
 * a series' metadata is read tag by tag for every one of its hundreds of instances.
 */
const keys = new Map<number, string>();

export function dicomJsonKey(tag: number): string {
  let key = keys.get(tag);
  if (key === undefined) {
    key = tag.toString(16).toUpperCase().padStart(8, '0');
    keys.set(tag, key);
  }
  return key;
}
