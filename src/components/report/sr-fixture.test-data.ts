import type { DicomJsonObject } from '../../dicom/json-dataset.js';

/** DICOM JSON builders for SR content items (PS3.3 C.17.3), used by the report tests. */
type Item = Record<string, { vr: string; Value?: unknown[] }>;

export const code = (value: string, scheme: string, meaning: string): Item => ({
  '00080100': { vr: 'SH', Value: [value] },
  '00080102': { vr: 'SH', Value: [scheme] },
  '00080104': { vr: 'LO', Value: [meaning] },
});

const concept = (meaning: string): { '0040A043': { vr: string; Value: unknown[] } } => ({
  '0040A043': { vr: 'SQ', Value: [code(`C-${meaning.length}`, '99TEST', meaning)] },
});

const item = (relationship: string, valueType: string, name: string, rest: Item = {}): Item => ({
  '0040A010': { vr: 'CS', Value: [relationship] },
  '0040A040': { vr: 'CS', Value: [valueType] },
  ...concept(name),
  ...rest,
});

export const text = (name: string, value: string, relationship = 'CONTAINS'): Item =>
  item(relationship, 'TEXT', name, { '0040A160': { vr: 'UT', Value: [value] } });

export const coded = (name: string, meaning: string, relationship = 'CONTAINS'): Item =>
  item(relationship, 'CODE', name, {
    '0040A168': { vr: 'SQ', Value: [code('X1', '99TEST', meaning)] },
  });

export const num = (
  name: string,
  value: string,
  ucum: string,
  meaning: string,
  children: Item[] = [],
): Item =>
  item('CONTAINS', 'NUM', name, {
    '0040A300': {
      vr: 'SQ',
      Value: [
        {
          '0040A30A': { vr: 'DS', Value: [value] },
          '004008EA': { vr: 'SQ', Value: [code(ucum, 'UCUM', meaning)] },
        },
      ],
    },
    ...(children.length > 0 ? { '0040A730': { vr: 'SQ', Value: children } } : {}),
  });

export const container = (name: string, children: Item[], relationship = 'CONTAINS'): Item =>
  item(relationship, 'CONTAINER', name, {
    '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
    '0040A730': { vr: 'SQ', Value: children },
  });

export const pname = (name: string, value: string, relationship = 'HAS OBS CONTEXT'): Item =>
  item(relationship, 'PNAME', name, { '0040A123': { vr: 'PN', Value: [{ Alphabetic: value }] } });

export const date = (name: string, value: string): Item =>
  item('CONTAINS', 'DATE', name, { '0040A121': { vr: 'DA', Value: [value] } });

export const uidref = (name: string, value: string): Item =>
  item('HAS OBS CONTEXT', 'UIDREF', name, { '0040A124': { vr: 'UI', Value: [value] } });

export const image = (name: string, instanceUid: string): Item =>
  item('CONTAINS', 'IMAGE', name, {
    '00081199': {
      vr: 'SQ',
      Value: [
        {
          '00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.1.2'] },
          '00081155': { vr: 'UI', Value: [instanceUid] },
        },
      ],
    },
  });

/** A Comprehensive SR document: root CONTAINER plus SR Document General Module flags. */
export function srDocument(title: string, children: Item[]): DicomJsonObject {
  return {
    '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.33'] },
    '00080060': { vr: 'CS', Value: ['SR'] },
    '00080023': { vr: 'DA', Value: ['20240612'] },
    '00080033': { vr: 'TM', Value: ['101500'] },
    '0040A491': { vr: 'CS', Value: ['COMPLETE'] },
    '0040A493': { vr: 'CS', Value: ['VERIFIED'] },
    '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
    '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
    '0040A043': { vr: 'SQ', Value: [code('18748-4', 'LN', title)] },
    '0040A730': { vr: 'SQ', Value: children },
  } as DicomJsonObject;
}
