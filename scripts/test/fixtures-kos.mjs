// Key Object Selection fixtures (pydicom-made KOS documents over the demo data), made here rather
// than at the first browser test that asks the rig for them, so they are made with the fixtures' PATH.
await import('../../test/kos/fixtures.mjs');
