import { featureVector, type DuplicateSignals } from './duplicateSignals.ts';
import { DUPLICATE_MODEL } from './duplicateWeights.ts';
import { DUPLICATE_THRESHOLD, SHORT_TEXT } from './similarity.ts';

/*
 * The duplicate guard's decision: a logistic regression over the signals of duplicateSignals.ts,
 * fitted on the labelled development set (eval/trainGuard.ts, weights in duplicateWeights.ts, no
 * download). It beat the hand-weighted score in cross-validation (eval/results.md,
 * eval/ablations.md). An identical text is always a duplicate. A text with fewer than SHORT_TEXT
 * lead-and-body terms (a fil info headline and a line) is outside what the model was fitted on
 * (the set's shortest text has more): there the hand-weighted score, tuned on such texts, decides.
 */

/** What decided, in the journalist's words (shown in the editorial panel). */
export type DecidingSignal =
  | 'identical'
  | 'shared-text'
  | 'same-words'
  | 'same-headline'
  | 'same-day'
  | 'days-apart'
  | 'new-figures'
  | 'new-peg'
  | 'little-in-common';

export interface DuplicateDecision {
  duplicate: boolean;
  /** The model's probability that the two tell the same story. */
  probability: number;
  signal: DecidingSignal;
}

// Which reader-facing signal each model input speaks for (same order as featureVector).
const SIGNAL_OF_FEATURE: DecidingSignal[] = [
  'same-words',
  'same-words',
  'same-headline',
  'same-headline',
  'same-words',
  'days-apart',
  'same-day',
  'new-figures',
  'new-peg',
  'same-words',
  'same-headline',
  'shared-text',
  'shared-text',
  'same-words',
];

export function decideDuplicate(signals: DuplicateSignals): DuplicateDecision {
  if (signals.similarity.exact)
    return { duplicate: true, probability: 1, signal: 'identical' };
  if (signals.shortest < SHORT_TEXT) {
    const { score, title, text } = signals.similarity;
    return {
      duplicate: score >= DUPLICATE_THRESHOLD,
      probability: score,
      signal:
        score < DUPLICATE_THRESHOLD
          ? 'little-in-common'
          : title >= text
            ? 'same-headline'
            : 'same-words',
    };
  }
  const x = featureVector(signals);
  const { weights, bias, threshold } = DUPLICATE_MODEL;
  const contributions = x.map((v, i) => v * (weights[i] ?? 0));
  const z = contributions.reduce((s, c) => s + c, bias);
  const probability = 1 / (1 + Math.exp(-z));
  const duplicate = probability >= threshold;
  // The deciding signal: the input that pushed hardest in the direction of the decision.
  let best = -1,
    bestValue = 0;
  contributions.forEach((c, i) => {
    const v = duplicate ? c : -c;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  });
  return {
    duplicate,
    probability,
    signal:
      best < 0
        ? duplicate
          ? 'same-words'
          : 'little-in-common'
        : SIGNAL_OF_FEATURE[best]!,
  };
}
