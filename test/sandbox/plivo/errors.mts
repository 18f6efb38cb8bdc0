import { randomUUID } from 'node:crypto';

/** Plivo's error body: `{ api_id, error }`. */
export function plivoError(message: string): { api_id: string; error: string } {
	return { api_id: randomUUID(), error: message };
}
