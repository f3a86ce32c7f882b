import type { Locale } from '../../i18n/strings.js';

/** Every text `<cb-viewer>` shows itself. Patient data never goes into these strings. */
export interface ViewerStrings {
  readonly viewerLabel: string;
  readonly toolbarLabel: string;
  readonly history: string;
  readonly showHistory: string;
  readonly layout: string;
  readonly layoutAuto: string;
  readonly view: string;
  readonly viewCurrent: string;
  readonly viewPrior: string;
  readonly viewBoth: string;
  readonly links: string;
  readonly linkPosition: string;
  readonly linkZoomPan: string;
  readonly linkVoi: string;
  readonly reset: string;
  readonly register: string;
  readonly registerHint: string;
  readonly emptyCell: string;
  readonly noImage: string;
  readonly loading: string;
  readonly loadFailed: string;
  readonly framesFailed: (missing: number) => string;
  readonly retry: string;
  readonly prior: string;
  readonly current: string;
  readonly dropHere: string;
  readonly cellLabel: (label: string, row: number, column: number) => string;
  readonly priorAge: (days: number) => string;
  /** Shown while the server cannot be reached and what is on screen comes from this device. */
  readonly offline: string;
}

const en: ViewerStrings = {
  viewerLabel: 'Image viewer',
  toolbarLabel: 'Viewer controls',
  history: 'Imaging history',
  showHistory: 'Show history',
  layout: 'Layout',
  layoutAuto: 'Automatic',
  view: 'Studies shown',
  viewCurrent: 'Current only',
  viewPrior: 'Prior only',
  viewBoth: 'Current and prior',
  links: 'Synchronisation',
  linkPosition: 'Link position',
  linkZoomPan: 'Link zoom and pan',
  linkVoi: 'Link window',
  reset: 'Reset views',
  register: 'Register by 2 clicks',
  registerHint: 'Click the same anatomical point in one cell, then in another',
  emptyCell: 'No image for this view',
  noImage: 'No image',
  loading: 'Loading',
  loadFailed: 'Could not load this series',
  framesFailed: (missing) => `${String(missing)} image(s) could not be loaded`,
  retry: 'Retry',
  prior: 'Prior',
  current: 'Current',
  dropHere: 'Drop a series here',
  cellLabel: (label, row, column) => `${label} (row ${row + 1}, column ${column + 1})`,
  priorAge: (days) => (days >= 365 ? `${Math.round(days / 365)} y` : `${days} d`),
  offline: 'Offline: the server cannot be reached. Showing images cached on this device.',
};

const fr: ViewerStrings = {
  viewerLabel: 'Visionneuse d’images',
  toolbarLabel: 'Commandes de la visionneuse',
  history: 'Historique d’imagerie',
  showHistory: 'Afficher l’historique',
  layout: 'Disposition',
  layoutAuto: 'Automatique',
  view: 'Examens affichés',
  viewCurrent: 'Actuel seul',
  viewPrior: 'Antérieur seul',
  viewBoth: 'Actuel et antérieur',
  links: 'Synchronisation',
  linkPosition: 'Lier la position',
  linkZoomPan: 'Lier zoom et déplacement',
  linkVoi: 'Lier le fenêtrage',
  reset: 'Réinitialiser les vues',
  register: 'Recaler par 2 clics',
  registerHint: 'Cliquez le même point anatomique dans une case, puis dans une autre',
  emptyCell: 'Pas d’image pour cette incidence',
  noImage: 'Pas d’image',
  loading: 'Chargement',
  loadFailed: 'Cette série n’a pas pu être chargée',
  framesFailed: (missing) => `${String(missing)} image(s) n’ont pas pu être chargée(s)`,
  retry: 'Réessayer',
  prior: 'Antérieur',
  current: 'Actuel',
  dropHere: 'Déposez une série ici',
  cellLabel: (label, row, column) => `${label} (ligne ${row + 1}, colonne ${column + 1})`,
  priorAge: (days) => (days >= 365 ? `${Math.round(days / 365)} an(s)` : `${days} j`),
  offline:
    'Hors ligne : le serveur est injoignable. Images affichées depuis le cache de cet appareil.',
};

export function viewerStringsFor(locale: Locale): ViewerStrings {
  return locale === 'fr' ? fr : en;
}
