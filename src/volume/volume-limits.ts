/**
 * Default memory bound of one volume: 1 GiB. A 512 × 512 × 600 CT is 300 MiB as int16 (and
 * 600 MiB when its rescale forces float32), so it fits with room for the decoded slices in
 * flight and the page's own images on a machine with 8 GB.
 */
export const DEFAULT_MAX_VOLUME_BYTES = 1024 * 1024 * 1024;
