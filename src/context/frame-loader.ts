/**
 * The frame loader as a @lit/context: provided by `<cb-viewer>` (or any ancestor), consumed by
 * `<cb-viewport>`. The interface itself lives below DICOMweb (src/workers/frame-loader.ts) so
 * the layers that implement it never import from context/.
 */
import { createContext } from '@lit/context';
import type { FrameLoader } from '../workers/frame-loader.js';

export {
  defaultFrameLoader,
  type FrameLoader,
  type FrameLoadOptions,
} from '../workers/frame-loader.js';

export const frameLoaderContext = createContext<FrameLoader>(Symbol('courbaril-frame-loader'));
