import { idForm, nameForm } from '../kit/pathSegments';

/**
 * Conference and MPC names, free text chosen by people. Plivo documents no limit; the kit's keeps
 * the URL within what servers accept.
 */
export const NAME_FORM = nameForm('Plivo');

/**
 * The account's Auth ID, from the credential, in every account URL (`/v1/Account/{auth_id}/`):
 * Plivo's are letters and digits (`MA…` for an account, `SA…` for a subaccount).
 */
export const AUTH_ID_FORM = idForm(
	/^[A-Za-z0-9]+$/,
	'a Plivo Auth ID: letters and digits',
	'MAXXXXXXXXXXXXXXXXXX',
);
