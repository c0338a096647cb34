export { tangoProfile } from './profile';
