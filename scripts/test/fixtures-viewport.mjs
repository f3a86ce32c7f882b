// Viewport display-pipeline references, computed by pydicom (independent of our pipeline).
await import('../../test/viewport/make-fixtures.mjs');
