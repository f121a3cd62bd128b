/*
 * Fitting and judging the duplicate guard's model on the dev set: grouped k-fold cross-validation
 * (pairs sharing an article stay in one fold), drop-one ablations, and the final fit whose weights
 * ship in src/editorial/duplicateWeights.ts.
 */
import { bestThreshold, fitLogistic, foldOf, type DevRow } from './dupDev.ts';
import { scores, type Scores } from './lib.ts';

export const FOLDS = 5;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface Model {
  weights: number[];
  bias: number;
  threshold: number;
}

/** Fits on `rows` using the inputs `columns` (the others get weight 0); threshold: best F1 on the same rows. */
export function trainModel(rows: DevRow[], columns: number[]): Model {
  const x = rows.map((r) => columns.map((c) => r.features[c]!));
  const fit = fitLogistic(
    x,
    rows.map((r) => (r.duplicate ? 1 : 0)),
  );
  const weights = new Array<number>(rows[0]!.features.length).fill(0);
  columns.forEach((c, i) => {
    weights[c] = fit.weights[i]!;
  });
  const model = { weights, bias: fit.bias, threshold: 0.5 };
  model.threshold = bestThreshold(
    rows.map((r) => ({
      score: probability(model, r.features),
      duplicate: r.duplicate,
    })),
  );
  return model;
}

export function probability(model: Model, features: number[]): number {
  return sigmoid(
    features.reduce((s, v, i) => s + v * model.weights[i]!, model.bias),
  );
}

/** Each row's decision by a model fitted on the other folds (exact copies are always flagged, as in the product). */
export function crossValidated(rows: DevRow[], columns: number[]): boolean[] {
  const flags = new Array<boolean>(rows.length).fill(false);
  for (let k = 0; k < FOLDS; k++) {
    const train = rows.filter((r) => foldOf(r.pair, FOLDS) !== k);
    const model = trainModel(train, columns);
    rows.forEach((r, i) => {
      if (foldOf(r.pair, FOLDS) === k)
        flags[i] =
          r.signals.similarity.exact ||
          probability(model, r.features) >= model.threshold;
    });
  }
  return flags;
}

/** The report's sets, in order, then the totals. */
export const SETS = [
  'mined',
  'identical-group',
  'written',
  'exact copies',
] as const;

export function scoresBySet(
  rows: DevRow[],
  flags: boolean[],
): [string, Scores][] {
  const of = (keep: (r: DevRow) => boolean) =>
    scores(
      rows.flatMap((r, i) =>
        keep(r)
          ? [
              {
                label: r.duplicate
                  ? ('duplicate' as const)
                  : ('distinct' as const),
                flagged: flags[i]!,
              },
            ]
          : [],
      ),
    );
  return [
    ...SETS.map((s): [string, Scores] => [s, of((r) => r.set === s)]),
    ['all but exact copies', of((r) => r.set !== 'exact copies')],
    ['**all 480**', of(() => true)],
  ];
}
