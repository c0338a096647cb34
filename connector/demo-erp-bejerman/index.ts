export { generateBejermanDemo, type BejermanDemoOptions, type BejermanDemoSummary } from './generate';
export { bejermanPendingGroundTruth, bejermanTruthRows, type BejermanTruthRow } from './ground-truth';
export { payAllOverdueBejerman } from './post-payment';
