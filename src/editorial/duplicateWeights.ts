// Written by `node eval/trainGuard.ts` (logistic regression on ../shared/data/dup-dev, 480 pairs): do not edit by hand.
export const DUPLICATE_MODEL = {
  weights: [
    0.9582, // score
    0.955, // text cosine
    0.665, // title cosine
    0.6645, // head cosine
    0.9169, // containment
    -0.4615, // gap (days/7)
    1.0048, // same day
    -0.9298, // new figures
    -0.0669, // new peg word
    1.1102, // containment × same day
    0.8389, // head × same day
    1.0523, // shingles
    1.0934, // shingles × same day
  ],
  bias: -4.367,
  /** Probability at or above which two articles are « Doublon probable » (best F1 on the set). */
  threshold: 0.381,
};
