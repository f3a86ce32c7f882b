// Key Object Selection documents made by pydicom (an independent writer) for the KOS tests, at
// setup, never committed, under test/.tmp/kos/:
//   part10/  uploaded to Orthanc beside the demo data (test/.tmp/data, patient 971-000123):
//            - manifest-two-studies.dcm: title (113030, DCM, "Manifest"), in the current CT study,
//              selecting two current CT slices and one prior CT slice (two studies);
//            - key-images-current-ct.dcm: title (113000, DCM, "Of Interest"), one current CT slice;
//            - rejection-current-ct.dcm: title (113001, DCM, "Rejected for Quality Reasons"), another
//              slice (IHE IOCM: a rejection note's instances are not key images).
//   files/   read by the browser tests only:
//            - manifest-retrieve-urls.dcm: a DRIMbox-style manifest (INS as Patient ID, a Retrieve URL,
//              Retrieve AE Title and Retrieve Location UID per series, frames of a multi-frame US, three studies);
//            - broken-reference.dcm: content references an instance its evidence does not list.
//   manifest.json  the UIDs the tests expect.
// Idempotent (a version stamp in the manifest). Usage: node test/kos/fixtures.mjs [--force]
import { spawnSync } from 'node:child_process';
import { fixturesAreCurrent } from '../../scripts/test/fixture-manifest.mjs';

const VERSION = 2;
const OUT = 'test/.tmp/kos';
const DATA = 'test/.tmp/data';
const manifestPath = `${OUT}/manifest.json`;
if (fixturesAreCurrent(manifestPath, VERSION)) process.exit(0);

const python = String.raw`
import json, os, shutil, sys
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
OUT, DATA, VERSION = sys.argv[1], sys.argv[2], int(sys.argv[3])
shutil.rmtree(OUT, ignore_errors=True)
for d in ('part10', 'files'): os.makedirs(os.path.join(OUT, d))
KOS = '1.2.840.10008.5.1.4.1.1.88.59'
ROOT = '1.2.826.0.1.3680043.10.1001.77.'
demo = json.load(open(os.path.join(DATA, 'manifest.json')))

def slices(study_key):
    study = demo['studies'][study_key]['studyInstanceUid']
    folder = os.path.join(DATA, 'part10', study)
    # The image series: the one with the most instances (the others hold a report).
    series = max(sorted(os.listdir(folder)), key=lambda name: len(os.listdir(os.path.join(folder, name))))
    files = [os.path.join(folder, series, f) for f in os.listdir(os.path.join(folder, series))]
    found = [pydicom.dcmread(f, stop_before_pixels=True) for f in files]
    return sorted(found, key=lambda ds: int(ds.InstanceNumber))

current, prior, cine = slices('currentCt'), slices('priorCt'), slices('currentUs')

def code(value, scheme, meaning):
    item = Dataset(); item.CodeValue = value; item.CodingSchemeDesignator = scheme; item.CodeMeaning = meaning
    return item

def kos(number, source, title, refs, retrieve=None, patient=None):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = KOS
    meta.MediaStorageSOPInstanceUID = ROOT + '2.' + str(number)
    meta.TransferSyntaxUID = '1.2.840.10008.1.2.1'
    meta.ImplementationClassUID = ROOT + '9'
    ds = Dataset(); ds.file_meta = meta; ds.is_little_endian = True; ds.is_implicit_VR = False
    ds.SpecificCharacterSet = 'ISO_IR 192'
    ds.SOPClassUID = KOS; ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    for keyword in ('PatientName', 'PatientID', 'IssuerOfPatientID', 'PatientBirthDate', 'PatientSex',
                    'StudyInstanceUID', 'StudyDate', 'StudyTime', 'ReferringPhysicianName', 'StudyID', 'AccessionNumber'):
        setattr(ds, keyword, getattr(source, keyword, ''))
    if patient:
        for keyword, value in patient.items(): setattr(ds, keyword, value)
    ds.Modality = 'KO'; ds.SeriesInstanceUID = ROOT + '1.' + str(number); ds.SeriesNumber = 900 + number
    ds.ReferencedPerformedProcedureStepSequence = Sequence([]); ds.Manufacturer = 'pydicom fixture'
    ds.InstanceNumber = 1; ds.ContentDate = '20261121'; ds.ContentTime = '090000'
    ds.ValueType = 'CONTAINER'; ds.ConceptNameCodeSequence = Sequence([code(*title)])
    ds.ContinuityOfContent = 'SEPARATE'
    template = Dataset(); template.MappingResource = 'DCMR'; template.TemplateIdentifier = '2010'
    ds.ContentTemplateSequence = Sequence([template])
    content = []
    text = Dataset(); text.RelationshipType = 'CONTAINS'; text.ValueType = 'TEXT'
    text.ConceptNameCodeSequence = Sequence([code('113012', 'DCM', 'Key Object Description')])
    text.TextValue = 'Sélection <b>fixture</b> ' + str(number)
    content.append(text)
    studies = {}
    for ref in refs:
        item = Dataset(); item.RelationshipType = 'CONTAINS'; item.ValueType = 'IMAGE'
        sop = Dataset(); sop.ReferencedSOPClassUID = ref['sopClass']; sop.ReferencedSOPInstanceUID = ref['sop']
        if ref.get('frames'): sop.ReferencedFrameNumber = ref['frames']
        item.ReferencedSOPSequence = Sequence([sop]); content.append(item)
        studies.setdefault(ref['study'], {}).setdefault(ref['series'], []).append(ref)
    ds.ContentSequence = Sequence(content)
    evidence = []
    for study, series_map in studies.items():
        s = Dataset(); s.StudyInstanceUID = study; series_items = []
        for series, instances in series_map.items():
            r = Dataset(); r.SeriesInstanceUID = series
            if retrieve:
                r.RetrieveURL = retrieve['url'] + '/studies/' + study + '/series/' + series
                r.RetrieveAETitle = retrieve['ae']; r.RetrieveLocationUID = retrieve['location']
            seen, items = set(), []
            for ref in instances:
                if ref['sop'] in seen: continue
                seen.add(ref['sop'])
                i = Dataset(); i.ReferencedSOPClassUID = ref['sopClass']; i.ReferencedSOPInstanceUID = ref['sop']
                items.append(i)
            r.ReferencedSOPSequence = Sequence(items); series_items.append(r)
        s.ReferencedSeriesSequence = Sequence(series_items); evidence.append(s)
    ds.CurrentRequestedProcedureEvidenceSequence = Sequence(evidence)
    return ds

def ref(ds, frames=None):
    out = {'study': ds.StudyInstanceUID, 'series': ds.SeriesInstanceUID, 'sopClass': ds.SOPClassUID, 'sop': ds.SOPInstanceUID}
    if frames: out['frames'] = frames
    return out

def save(ds, folder, name):
    ds.save_as(os.path.join(OUT, folder, name), write_like_original=False)

def summary(ds):
    return {'sopInstanceUid': ds.SOPInstanceUID, 'seriesInstanceUid': ds.SeriesInstanceUID, 'studyInstanceUid': ds.StudyInstanceUID}

two = kos(1, current[0], ('113030', 'DCM', 'Manifest'), [ref(current[1]), ref(current[4]), ref(prior[0])])
save(two, 'part10', 'manifest-two-studies.dcm')
key = kos(2, current[0], ('113000', 'DCM', 'Of Interest'), [ref(current[2])])
save(key, 'part10', 'key-images-current-ct.dcm')
rejection = kos(3, current[0], ('113001', 'DCM', 'Rejected for Quality Reasons'), [ref(current[3])])
save(rejection, 'part10', 'rejection-current-ct.dcm')
ins = {'PatientID': '1234567890123', 'IssuerOfPatientID': '1.2.250.1.213.1.4.10'}
drim = kos(4, current[0], ('113030', 'DCM', 'Manifest'),
           [ref(current[1]), ref(prior[0]), ref(cine[0], frames=[1, 3])],
           retrieve={'url': 'https://second-source.invalid/dicom-web', 'ae': 'DRIMBOX', 'location': ROOT + '5'},
           patient=ins)
save(drim, 'files', 'manifest-retrieve-urls.dcm')
broken = kos(5, current[0], ('113000', 'DCM', 'Of Interest'), [ref(current[1])])
stray = Dataset(); stray.RelationshipType = 'CONTAINS'; stray.ValueType = 'IMAGE'
sop = Dataset(); sop.ReferencedSOPClassUID = current[2].SOPClassUID; sop.ReferencedSOPInstanceUID = current[2].SOPInstanceUID
stray.ReferencedSOPSequence = Sequence([sop]); broken.ContentSequence.append(stray)
save(broken, 'files', 'broken-reference.dcm')

def refs(items):
    return [{'studyInstanceUid': r['study'], 'seriesInstanceUid': r['series'], 'sopClassUid': r['sopClass'],
             'sopInstanceUid': r['sop'], 'frames': r.get('frames', [])} for r in items]

manifest = {
    'patient': {'patientId': str(current[0].PatientID), 'issuerOfPatientId': str(current[0].IssuerOfPatientID)},
    'currentCt': current[0].StudyInstanceUID, 'priorCt': prior[0].StudyInstanceUID,
    'currentSeries': current[0].SeriesInstanceUID, 'priorSeries': prior[0].SeriesInstanceUID,
    'manifestTwoStudies': dict(summary(two), references=refs([ref(current[1]), ref(current[4]), ref(prior[0])])),
    'keyImages': dict(summary(key), references=refs([ref(current[2])])),
    'rejection': dict(summary(rejection), references=refs([ref(current[3])])),
    'drimbox': dict(summary(drim), references=refs([ref(current[1]), ref(prior[0]), ref(cine[0], frames=[1, 3])]),
                    retrieveAeTitle='DRIMBOX', retrieveLocationUid=ROOT + '5', retrieveRoot='https://second-source.invalid/dicom-web'),
    'version': VERSION,
}
json.dump(manifest, open(os.path.join(OUT, 'manifest.json'), 'w'), indent=1)
`;

const result = spawnSync('/usr/bin/python3', ['-c', python, OUT, DATA, String(VERSION)], {
  stdio: 'inherit',
});
if (result.status !== 0) throw new Error(`KOS fixtures failed (python3 exit ${result.status})`);
