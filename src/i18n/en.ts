/**
 * Every text Courbaril shows, in English: one section per element. This table is the reference:
 * its shape is the `Strings` type (strings.ts) that every other language's table must match, so
 * a key missing from a translation is a compile error. Patient data is never part of these
 * strings; DICOM text is shown as it is.
 */
export const en = {
  /** `<cb-viewport>`: overlay, toolbar, orientation markers. */
  viewport: {
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
    /** Shown over a frame decoded from a codestream cut short (DecodedFrame.partial). */
    partialImage: 'Incomplete image: not for diagnosis',
    /** Shown over a frame that went through lossy compression (DecodedFrame.lossy, (0028,2110) "01"). */
    lossyImage: 'Lossy image: not for diagnosis',
    /** Over a preview (reduced or server-rendered) until the diagnostic frame replaces it. */
    previewImage: 'Preview: not for diagnosis',
    calibration: {
      'pixel-spacing': 'Pixel Spacing',
      'imager-pixel-spacing-magnified': 'Imager Pixel Spacing ÷ magnification',
      'imager-pixel-spacing': 'Imager Pixel Spacing (detector)',
      none: 'uncalibrated',
    },
    /**
     * What the sizes (scale bar, measurements) mean, under the scale bar: PS3.3 10.7.1.3 and the
     * IHE Mammography Image profile ask a display to say which spacing it used and when it is an
     * estimate. `magnified` gets the Estimated Radiographic Magnification Factor, formatted.
     */
    sizes: {
      calibrated: 'Sizes calibrated (Pixel Spacing)',
      geometry: 'Sizes estimated (Pixel Spacing, geometric correction)',
      magnified: (factor: string): string => `Sizes estimated (Imager Pixel Spacing ÷ ${factor})`,
      detector: 'Sizes at the detector plane (Imager Pixel Spacing)',
    },
    /** The zoom line in 1:1 mode (one stored pixel per device pixel, whatever devicePixelRatio). */
    oneToOne: '1:1 (acquired pixels)',
    /** Shown while the display is locked (console QC): no window, zoom or orientation change. */
    locked: 'Display locked: loupe only',
    statistics: { mean: 'Mean', sd: 'SD', min: 'Min', max: 'Max', area: 'Area' },
    /** Measurement tools' names (an annotation's tooltip); a tool's `label` picks its entry. */
    tools: {
      length: 'Length',
      angle: 'Angle',
      rectangle: 'Rectangle',
      ellipse: 'Ellipse',
      probe: 'Pixel value',
    },
    /** The in-viewport toolbar's button names (aria-label and tooltip). */
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
      oneToOne: '1:1, one acquired pixel per screen pixel',
    },
    /** Orientation letters for patient L, R, A, P, H (head), F (feet) — PS3.3 C.7.6.1.1.1. */
    orientation: { L: 'L', R: 'R', A: 'A', P: 'P', H: 'H', F: 'F' },
  },
  /** `<cb-viewer>`: its toolbar, cells and notices. */
  viewer: {
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
    oneToOne: '1:1',
    oneToOneHint: 'One acquired pixel per screen pixel, every image (X)',
    emptyCell: 'No image for this view',
    noImage: 'No image',
    loading: 'Loading',
    loadFailed: 'Could not load this series',
    framesFailed: (missing: number) => `${String(missing)} image(s) could not be loaded`,
    retry: 'Retry',
    prior: 'Prior',
    current: 'Current',
    dropHere: 'Drop a series here',
    cellLabel: (label: string, row: number, column: number) =>
      `${label} (row ${row + 1}, column ${column + 1})`,
    priorAge: (days: number) => (days >= 365 ? `${Math.round(days / 365)} y` : `${days} d`),
    /** Shown while the server cannot be reached and what is on screen comes from this device. */
    offline: 'Offline: the server cannot be reached. Showing images cached on this device.',
    /** The toolbar action that shows the active series in three linked planes, and back. */
    mpr: 'MPR',
    mprLeave: 'Back to the stack',
  },
  /** `<cb-mpr>`: the three linked planes, their toolbar and notices. */
  mpr: {
    label: 'Multiplanar reconstruction',
    toolbarLabel: 'MPR tools',
    planes: { axial: 'Axial', coronal: 'Coronal', sagittal: 'Sagittal' },
    tools: {
      crosshair: 'Crosshair',
      windowLevel: 'Window',
      pan: 'Pan',
      zoom: 'Zoom',
      length: 'Length',
      rotate: 'Rotate planes',
    },
    slab: 'Slab',
    slabModes: { thin: 'Thin', mip: 'MIP', minip: 'MinIP', average: 'Average' },
    thickness: 'Slab thickness (mm)',
    /** Slab presets by id (src/volume/slab-presets.ts). */
    presets: { 'ct-angiography': 'CT angiography', lung: 'Lung', bone: 'Bone' },
    reset: 'Reset',
    opening: 'Opening the volume',
    /** Shown while slices stream in; not-loaded parts of a plane are hatched. */
    slices: (loaded: number, total: number) =>
      `${loaded}/${total} slices (hatched: not loaded yet)`,
    refused: 'This series cannot be shown as a volume',
  },
  /** `<cb-sr-report>` and `<cb-pdf-report>`. */
  report: {
    structuredReport: 'Structured report',
    noReport: 'No report to show',
    observationContext: 'Observation context',
    contentDate: 'Report date',
    verifiedBy: 'Verified by',
    completion: { COMPLETE: 'Complete', PARTIAL: 'Partial' },
    verification: { VERIFIED: 'Verified', UNVERIFIED: 'Not verified' },
    imageReference: 'Image',
    frames: 'frames',
    notSupported: 'content not shown',
    deeperContentOmitted: 'Part of this report is nested too deeply to be shown.',
    noValue: 'no value',
    pdfDocument: 'PDF document',
    downloadPdf: 'Download the PDF',
    pdfFallback: 'This browser cannot show the PDF here.',
    notAPdf: 'This instance holds no PDF document.',
  },
  /** `<cb-study-browser>`. */
  studyBrowser: {
    label: 'Imaging history',
    empty: 'No studies',
    series: 'series',
    image: 'image',
    images: 'images',
    undated: 'Undated',
    /** A study's background prefetch into the cache (progress bar label). */
    prefetch: 'Stored for offline viewing',
  },
  /** `<cb-viewer>`'s identity banner and mismatch notices (labels only: values come from data). */
  identity: {
    banner: 'Patient identity from the launch',
    bornOn: 'born',
    sex: { F: 'female', M: 'male', O: 'other' },
    insKinds: {
      'INS-NIR': 'NIR',
      'INS-NIA': 'NIA',
      'INS-NIR-TEST': 'NIR test',
      'INS-NIR-DEMO': 'NIR démo',
    },
    qualified: 'qualified identity',
    /** RNIV: no INS is shown for an identity that is not qualified. */
    notQualified: 'identity not qualified: INS not shown',
    birthplace: 'birthplace',
    traits: {
      'birth-name': 'birth name',
      'given-name': 'first given name',
      'birth-date': 'birth date',
      sex: 'sex',
      'patient-id': 'patient ID',
      ins: 'INS',
    },
    /** `traits`: the differing traits, already named in this language. */
    mismatch: (traits: string) => `Identity check: this study's patient differs (${traits})`,
    blocked: (traits: string) => `Images withheld: this study's patient differs (${traits})`,
  },
  /** `<cb-reading-form>`: the screening reading form and the double-reading comparison. */
  readingForm: {
    form: 'Screening reading',
    breasts: { right: 'Right breast', left: 'Left breast' },
    focusedBreast: 'Keys apply to',
    acr: 'ACR assessment',
    acrCategories: {
      0: '0 – incomplete',
      1: '1 – negative',
      2: '2 – benign',
      3: '3 – probably benign',
      4: '4 – suspicious',
      5: '5 – highly suggestive',
    },
    composition: 'Breast composition',
    compositions: {
      A: 'A – almost entirely fat',
      B: 'B – scattered fibroglandular',
      C: 'C – heterogeneously dense',
      D: 'D – extremely dense',
    },
    quality: 'Technical quality',
    adequate: 'adequate',
    insufficient: 'technically insufficient',
    reasons: {
      positioning: 'positioning',
      compression: 'compression',
      exposure: 'exposure/contrast',
      motion: 'motion',
      artefact: 'artefact',
      'missing-view': 'missing view',
    },
    noViews: 'No view to judge',
    findings: 'Findings',
    addFinding: 'Add a finding',
    removeFinding: 'Remove',
    findingType: 'Type',
    findingTypes: {
      mass: 'mass',
      calcifications: 'calcifications',
      'architectural-distortion': 'architectural distortion',
      asymmetry: 'asymmetry',
    },
    side: 'Side',
    quadrant: 'Quadrant',
    quadrants: {
      'upper-outer': 'upper outer',
      'upper-inner': 'upper inner',
      'lower-outer': 'lower outer',
      'lower-inner': 'lower inner',
    },
    clock: 'Clock face',
    none: '—',
    marks: (count: number) => (count === 1 ? '1 mark' : `${count} marks`),
    text: 'Comment',
    outcome: 'Outcome',
    outcomes: {
      normal: 'normal',
      'recall-imaging': 'recall for further imaging',
      'recall-technical': 'technical recall',
    },
    suggested: 'suggested',
    submit: 'Submit reading',
    submitting: 'Storing the reading…',
    waiting: 'Waiting for the images of the study: Submit is available once they are in.',
    submitted: 'Reading stored.',
    failed: 'The reading could not be stored. Try again.',
    incomplete: 'Give an ACR category for each breast before submitting.',
    priorHidden: 'A previous reading exists: it is shown once you submit yours.',
    comparison: 'Double reading',
    prior: 'Previous reading',
    current: 'Your reading',
    disagreement: 'disagreement',
    agreement: 'agreement',
    concordant: 'The readings agree.',
    discordant: (count: number) =>
      count === 1
        ? '1 disagreement between the readings.'
        : `${count} disagreements between the readings.`,
    keys: 'Keys: R/L breast, 0–5 ACR, A–D composition, V next view, P K E M T X quality reasons, N I Y outcome, Enter submit.',
  },
  /** `<cb-screening-reading>`: the reading list around the viewer and the form. */
  screeningReading: {
    list: 'Reading list',
    progress: (at: number, count: number, read: number) => `Case ${at} / ${count} · ${read} read`,
    step: (at: number, count: number, label: string) => `Step ${at} / ${count}: ${label}`,
    caseLabel: (at: number) => `Case ${at}`,
    read: 'read',
    unread: 'unread',
    current: 'on screen',
    resolving: 'Looking for the study…',
    unknown: 'No study on the server answers to this case.',
    ambiguous: (count: number) => `This accession number names ${count} studies: not opened.`,
    invalid: 'This case names no study.',
    failed: 'The server could not be asked for this case.',
    empty: 'The reading list is empty.',
    end: 'End of the reading list.',
    keys: 'Keys: F next step (Shift+F previous), J next case (Shift+J previous).',
  },
};

/** The shape every language's table has: this one's. */
export type Strings = typeof en;
