export { viewsProfile } from './profile';
export { checkViews, type ViewCheck } from './check-views';
export { CADENCIA_VIEWS, type ColumnKind, type ViewSpec } from './schema';
