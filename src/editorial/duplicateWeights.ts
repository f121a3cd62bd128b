// Written by `node eval/trainGuard.ts` (logistic regression on ../shared/data/dup-dev, 480 pairs): do not edit by hand.
export const DUPLICATE_MODEL = {
  weights: [
    0.8712, // score
    0.8573, // text cosine
    0.629, // title cosine
    0.6244, // head cosine
    0.8308, // containment
    -0.454, // gap (days/7)
    1.0145, // same day
    -0.8648, // new figures
    -0.0958, // new peg word
    1.065, // containment × same day
    0.8201, // head × same day
    0.9729, // shingles
    1.0367, // shingles × same day
    0.9732, // shared names
  ],
  bias: -4.7975,
  /** Probability at or above which two articles are « Doublon probable » (best F1 on the set). */
  threshold: 0.428952,
};
