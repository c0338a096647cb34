export { generateDemoErp, type DemoOptions, type DemoSummary } from './generate';
export { postReceipt, payAllOverdue, type ReceiptInput, type ReceiptApplication } from './post-receipt';
export { openInstallmentsGroundTruth, installmentKey } from './ground-truth';
export { BEHAVIOURS, type Behaviour } from './behaviours';
