// DICOMweb loading fixtures (JPEG-LS CT, HTJ2K and JPEG 2000 frames), made here rather than
// at the first browser test that asks the rig for them, so they are made with the fixtures' PATH.
await import('../../test/dicomweb/fixtures.mjs');
