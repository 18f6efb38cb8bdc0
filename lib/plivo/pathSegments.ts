import { nameForm } from '../kit/pathSegments';

/**
 * Conference and MPC names, free text chosen by people. Plivo documents no limit; the kit's keeps
 * the URL within what servers accept.
 */
export const NAME_FORM = nameForm('Plivo');
