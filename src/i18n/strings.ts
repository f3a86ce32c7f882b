export type Locale = 'en' | 'fr';

/** Every text the viewport shows. Patient data is never part of these strings. */
export interface ViewportStrings {
  readonly window: string;
  readonly zoom: string;
  readonly image: string;
  readonly series: string;
  readonly sliceLocation: string;
  readonly sliceThickness: string;
  readonly loading: string;
  readonly loadFailed: string;
  readonly viewportLabel: string;
  readonly uncalibrated: string;
  /** Shown over a frame decoded from a codestream cut short (DecodedFrame.partial). */
  readonly partialImage: string;
  readonly calibration: Record<
    'pixel-spacing' | 'imager-pixel-spacing-magnified' | 'imager-pixel-spacing' | 'none',
    string
  >;
  readonly statistics: {
    readonly mean: string;
    readonly sd: string;
    readonly min: string;
    readonly max: string;
    readonly area: string;
  };
  /** Measurement tools' names (an annotation's tooltip); a tool's `label` picks its entry. */
  readonly tools: Record<'length' | 'angle' | 'rectangle' | 'ellipse' | 'probe', string>;
  /** The in-viewport toolbar's button names (aria-label and tooltip). */
  readonly toolbar: Record<
    | 'label'
    | 'invert'
    | 'rotate'
    | 'flipHorizontal'
    | 'flipVertical'
    | 'preset'
    | 'cine'
    | 'slower'
    | 'faster'
    | 'fps'
    | 'reset',
    string
  >;
  /** Orientation letters for patient L, R, A, P, H (head), F (feet) — PS3.3 C.7.6.1.1.1. */
  readonly orientation: Record<'L' | 'R' | 'A' | 'P' | 'H' | 'F', string>;
}

const en: ViewportStrings = {
  window: 'W',
  zoom: 'Zoom',
  image: 'Im',
  series: 'Se',
  sliceLocation: 'Loc',
  sliceThickness: 'Thk',
  loading: 'Loading images',
  loadFailed: 'This image could not be displayed',
  viewportLabel: 'Medical image',
  uncalibrated: 'px (no calibration)',
  partialImage: 'Incomplete image: not for diagnosis',
  calibration: {
    'pixel-spacing': 'Pixel Spacing',
    'imager-pixel-spacing-magnified': 'Imager Pixel Spacing ÷ magnification',
    'imager-pixel-spacing': 'Imager Pixel Spacing (detector)',
    none: 'uncalibrated',
  },
  statistics: { mean: 'Mean', sd: 'SD', min: 'Min', max: 'Max', area: 'Area' },
  tools: {
    length: 'Length',
    angle: 'Angle',
    rectangle: 'Rectangle',
    ellipse: 'Ellipse',
    probe: 'Pixel value',
  },
  toolbar: {
    label: 'Image tools',
    invert: 'Invert',
    rotate: 'Rotate 90° clockwise',
    flipHorizontal: 'Flip horizontally',
    flipVertical: 'Flip vertically',
    preset: 'Next window preset',
    cine: 'Play cine',
    slower: 'Slower cine',
    faster: 'Faster cine',
    fps: 'frames per second',
    reset: 'Reset view',
  },
  orientation: { L: 'L', R: 'R', A: 'A', P: 'P', H: 'H', F: 'F' },
};

const fr: ViewportStrings = {
  window: 'F',
  zoom: 'Zoom',
  image: 'Im',
  series: 'Sé',
  sliceLocation: 'Pos',
  sliceThickness: 'Ép',
  loading: 'Chargement des images',
  loadFailed: 'Cette image n’a pas pu être affichée',
  viewportLabel: 'Image médicale',
  uncalibrated: 'px (sans calibration)',
  partialImage: 'Image incomplète : non diagnostique',
  calibration: {
    'pixel-spacing': 'Pixel Spacing',
    'imager-pixel-spacing-magnified': 'Imager Pixel Spacing ÷ agrandissement',
    'imager-pixel-spacing': 'Imager Pixel Spacing (détecteur)',
    none: 'non calibré',
  },
  statistics: { mean: 'Moy', sd: 'ÉT', min: 'Min', max: 'Max', area: 'Surface' },
  tools: {
    length: 'Longueur',
    angle: 'Angle',
    rectangle: 'Rectangle',
    ellipse: 'Ellipse',
    probe: 'Valeur du pixel',
  },
  toolbar: {
    label: 'Outils d’image',
    invert: 'Inverser',
    rotate: 'Pivoter de 90° à droite',
    flipHorizontal: 'Miroir horizontal',
    flipVertical: 'Miroir vertical',
    preset: 'Fenêtre prédéfinie suivante',
    cine: 'Lire le ciné',
    slower: 'Ciné plus lent',
    faster: 'Ciné plus rapide',
    fps: 'images par seconde',
    reset: 'Réinitialiser la vue',
  },
  // French radiology: Gauche/Droite, Antérieur/Postérieur, Haut (tête)/Bas (pieds).
  orientation: { L: 'G', R: 'D', A: 'A', P: 'P', H: 'H', F: 'B' },
};

export function stringsFor(locale: Locale): ViewportStrings {
  return locale === 'fr' ? fr : en;
}
