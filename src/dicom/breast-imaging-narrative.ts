/**
 * The narrative of a Breast Imaging Report (TID 4202) made from the coded reading, for readers
 * whose SR viewer shows only text: code meanings, so it reads the same in any viewer.
 */
import {
  ACR_ASSESSMENTS,
  COMPOSITIONS,
  FINDING_CODES,
  OUTCOME_CODES,
  QUADRANT_CODES,
  QUALITY_REASON_CODES,
} from './breast-imaging-codes.js';
import { BREASTS, type Breast, type ScreeningReading } from './breast-reading.js';

const SIDE: Readonly<Record<Breast, string>> = { right: 'Right breast', left: 'Left breast' };

export function narrativeOf(reading: ScreeningReading): { findings: string; assessment: string } {
  const findings = reading.findings.map((item) => {
    const where = [
      item.quadrant === undefined ? undefined : QUADRANT_CODES[item.quadrant].meaning,
      item.clock === undefined ? undefined : `${item.clock} o'clock`,
    ].filter((text) => text !== undefined);
    return `${SIDE[item.breast]}: ${FINDING_CODES[item.type].meaning}${where.length > 0 ? ` (${where.join(', ')})` : ''}.`;
  });
  const insufficient = reading.views
    .filter((view) => view.quality === 'insufficient')
    .map(
      (view) =>
        `${SIDE[view.breast]} ${view.viewPosition}: technically insufficient (${view.reasons
          .map((reason) => QUALITY_REASON_CODES[reason].meaning)
          .join(', ')}).`,
    );
  const assessment = BREASTS.map((breast) => {
    const { acr, composition } = reading[breast];
    const parts = [
      acr === undefined ? undefined : `ACR ${ACR_ASSESSMENTS[acr].meaning}`,
      composition === undefined
        ? undefined
        : `composition ${composition} (${COMPOSITIONS[composition].meaning})`,
    ].filter((text) => text !== undefined);
    return parts.length > 0 ? `${SIDE[breast]}: ${parts.join('; ')}.` : undefined;
  }).filter((text) => text !== undefined);
  if (reading.outcome !== undefined) assessment.push(`${OUTCOME_CODES[reading.outcome].meaning}.`);
  return {
    findings: [...findings, ...insufficient].join(' ') || 'No significant finding.',
    assessment: assessment.join(' ') || 'No assessment recorded.',
  };
}
