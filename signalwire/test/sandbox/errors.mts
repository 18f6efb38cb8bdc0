/** Where SignalWire's error bodies point for more information. */
export const MORE_INFO_URL = 'https://developer.signalwire.com/compatibility-api/reference/errors';

/**
 * Error codes by HTTP status. SignalWire's reference documents the body shape and 20003 for a
 * failed authentication; the others follow the Twilio numbering the compatibility API keeps.
 */
const CODES: Record<number, number> = {
	400: 21100,
	401: 20003,
	404: 20404,
	405: 20004,
	429: 20429,
	500: 20500,
	502: 20500,
	503: 20503,
};

export interface SignalWireErrorBody {
	code: number;
	message: string;
	more_info: string;
	status: number;
}

/** SignalWire's error body: `{code, message, more_info, status}`. */
export function signalWireError(status: number, message: string): SignalWireErrorBody {
	return { code: CODES[status] ?? 20500, message, more_info: MORE_INFO_URL, status };
}
