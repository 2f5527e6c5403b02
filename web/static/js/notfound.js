// The page for an address that does not exist: only the language switch to wire.
import { applyI18n } from './i18n.js';

applyI18n();
