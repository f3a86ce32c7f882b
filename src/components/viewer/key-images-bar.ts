/**
 * The KOS strip above the grid: the title of the selection on screen (a manifest's, or "Of
 * Interest" for key images), and the reader's key image controls — mark the active cell's image
 * (also the K key), save the marked ones. Titles come from the document: rendered as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../i18n/strings.js';

const STRINGS = {
  en: {
    label: 'Key images',
    mark: 'Mark key image (K)',
    unmark: 'Unmark key image (K)',
    save: (count: number) => `Save key images (${String(count)})`,
  },
  fr: {
    label: 'Images clés',
    mark: 'Marquer l’image clé (K)',
    unmark: 'Retirer l’image clé (K)',
    save: (count: number) => `Enregistrer les images clés (${String(count)})`,
  },
} as const;

export interface KeyImagesBarOptions {
  readonly locale: Locale;
  /** The selection's document title (Code Meaning), if one is shown. */
  readonly title: string | undefined;
  readonly marked: number;
  /** The active cell's image is marked. */
  readonly activeMarked: boolean;
  readonly saving: boolean;
  readonly onMark: () => void;
  readonly onSave: () => void;
}

export function renderKeyImagesBar(options: KeyImagesBarOptions): TemplateResult {
  const strings = options.locale === 'fr' ? STRINGS.fr : STRINGS.en;
  return html`<div class="key-images" part="key-images">
    ${
      options.title !== undefined
        ? html`<span part="selection-title" class="selection-title" role="status"
            >${options.title}</span
          >`
        : nothing
    }
    <span role="group" aria-label=${strings.label}>
      <button
        type="button"
        part="mark-key-image"
        aria-pressed=${options.activeMarked ? 'true' : 'false'}
        @click=${options.onMark}
      >
        ${options.activeMarked ? strings.unmark : strings.mark}
      </button>
      <button
        type="button"
        part="save-key-images"
        ?disabled=${options.marked === 0 || options.saving}
        @click=${options.onSave}
      >
        ${strings.save(options.marked)}
      </button>
    </span>
  </div>`;
}
