import type { HangingProtocol, MatchAttribute, MatchRule } from './hanging-protocol.js';
import { findPriors, isImageSeries } from './study-selection.js';
import type { InstanceSummary, SeriesSummary, StudySummary } from './summaries.js';

/** Why `protocol="…"` could not be honoured. */
export class UnknownHangingProtocolError extends Error {
  override name = 'UnknownHangingProtocolError';
  constructor(readonly protocolId: string) {
    super(`No hanging protocol with id "${protocolId}"`);
  }
}

function valuesOf(
  attribute: MatchAttribute,
  series: SeriesSummary,
  instance: InstanceSummary,
): (string | undefined)[] {
  switch (attribute) {
    case 'modality':
      return [series.modality];
    case 'bodyPart':
      return [series.bodyPartExamined];
    case 'laterality':
      return [instance.laterality];
    case 'viewPosition':
      return [instance.viewPosition];
    case 'sopClassUid':
      return [instance.sopClassUid];
  }
}

function ruleHolds(rule: MatchRule, study: StudySummary): boolean {
  const wanted = rule.anyOf.map((value) => value.toUpperCase());
  return study.series.some(
    (series) =>
      isImageSeries(series) &&
      series.instances.some((instance) =>
        valuesOf(rule.attribute, series, instance).some(
          (value) => value !== undefined && wanted.includes(value.toUpperCase()),
        ),
      ),
  );
}

/** The protocol's score for this study and history; undefined when it does not apply. */
export function scoreProtocol(
  protocol: HangingProtocol,
  current: StudySummary,
  history: readonly StudySummary[],
): number | undefined {
  let score = 0;
  for (const rule of protocol.match) {
    if (ruleHolds(rule, current)) score += rule.weight;
    else if (rule.required === true) return undefined;
  }
  const priors = protocol.priors;
  if (
    priors?.required === true &&
    findPriors(current, history, priors, modalitiesOf(protocol)).length === 0
  ) {
    return undefined;
  }
  return score;
}

/**
 * `protocol="auto"`: the applicable protocol with the highest score, ties to the one listed
 * first; an explicit id must exist. Falls back to the last protocol that applies without rules.
 */
export function selectProtocol(
  protocols: readonly HangingProtocol[],
  current: StudySummary,
  history: readonly StudySummary[],
  requested = 'auto',
): HangingProtocol | undefined {
  if (requested !== 'auto') {
    const named = protocols.find((protocol) => protocol.id === requested);
    if (named === undefined) throw new UnknownHangingProtocolError(requested);
    return named;
  }
  let best: { protocol: HangingProtocol; score: number } | undefined;
  for (const protocol of protocols) {
    const score = scoreProtocol(protocol, current, history);
    if (score !== undefined && (best === undefined || score > best.score))
      best = { protocol, score };
  }
  return best?.protocol;
}

/** The modalities a protocol's cells ask for (used to pick the study's main series for priors). */
export function modalitiesOf(protocol: HangingProtocol): readonly string[] | undefined {
  if (protocol.layout.kind !== 'fixed') return undefined;
  const all = protocol.layout.cells.flatMap((cell) => cell.select.modality ?? []);
  return all.length === 0 ? undefined : [...new Set(all)];
}
