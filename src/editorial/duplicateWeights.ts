// Written by `node eval/trainGuard.ts` (logistic regression on ../shared/data/dup-dev, 480 pairs): do not edit by hand.
export const DUPLICATE_MODEL = {
  weights: [
    0.8591, // score
    0.8446, // text cosine
    0.6272, // title cosine
    0.6253, // head cosine
    0.8346, // containment
    -0.4521, // gap (days/7)
    1.0116, // same day
    -0.8631, // new figures
    -0.1056, // new peg word
    1.0622, // containment × same day
    0.8165, // head × same day
    0.9737, // shingles
    1.0351, // shingles × same day
    1.041, // shared names
  ],
  bias: -4.8179,
  /** Probability at or above which two articles are « Doublon probable » (best F1 on the set). */
  threshold: 0.434037,
};
