// MPR references: an oblique CT phantom and its reformats and slabs, computed by numpy.
await import('../../test/volume/make-fixtures.mjs');
