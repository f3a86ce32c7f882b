// Progressive-preview references: native OpenJPEG/OpenJPH reduced-resolution decodes of
// truncated codestreams (independent builds of the same libraries).
await import('../../test/progressive/fixtures.mjs');
