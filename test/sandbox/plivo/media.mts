/**
 * Plivo's media host: where recordings' audio is served (`recording_url`,
 * https://media.plivo.com/v1/Account/{auth_id}/Recording/{recording_id}.{mp3|wav} in the
 * reference). It is another host than the API, and it serves recordings without authentication
 * (Plivo's default), so the sandbox runs it as a server of its own, on its own port: a client
 * that sent the account's credential there would be seen doing it (`media.requests`).
 *
 * The audio is real and playable: a 440 Hz tone as long as the recording, as 8 kHz 16-bit mono
 * PCM in a RIFF/WAVE file, or as silent MPEG-1 Layer III frames (32 kbit/s, 44.1 kHz, mono) for
 * mp3. A silent frame needs no encoder: its header, then side information and main data of
 * zeros, which every decoder plays as silence.
 */
import type { FakeServer } from '../core.mts';
import { notFound } from '../core.mts';
import type { PlivoState } from './index.mts';

export const WAV_SAMPLE_RATE = 8000;

/** Recordings longer than this are served this long: enough for any test, small enough to hold. */
const MAX_AUDIO_MS = 10 * 60_000;

export function wavTone(durationMs: number, frequency = 440): Buffer {
	const samples = Math.round((Math.min(durationMs, MAX_AUDIO_MS) * WAV_SAMPLE_RATE) / 1000);
	const dataBytes = samples * 2;
	const file = Buffer.alloc(44 + dataBytes);
	file.write('RIFF', 0, 'ascii');
	file.writeUInt32LE(36 + dataBytes, 4);
	file.write('WAVE', 8, 'ascii');
	file.write('fmt ', 12, 'ascii');
	file.writeUInt32LE(16, 16); // size of the fmt chunk
	file.writeUInt16LE(1, 20); // PCM
	file.writeUInt16LE(1, 22); // mono
	file.writeUInt32LE(WAV_SAMPLE_RATE, 24);
	file.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // bytes per second
	file.writeUInt16LE(2, 32); // bytes per sample frame
	file.writeUInt16LE(16, 34); // bits per sample
	file.write('data', 36, 'ascii');
	file.writeUInt32LE(dataBytes, 40);
	for (let index = 0; index < samples; index++) {
		const value = Math.round(
			0.3 * 32767 * Math.sin((2 * Math.PI * frequency * index) / WAV_SAMPLE_RATE),
		);
		file.writeInt16LE(value, 44 + index * 2);
	}
	return file;
}

/** MPEG-1 Layer III, no CRC; 32 kbit/s, 44.1 kHz, no padding; mono, original. */
export const MP3_FRAME_HEADER = Buffer.from([0xff, 0xfb, 0x10, 0xc4]);
/** 144 × bitrate / sample rate, rounded down (no padding bit). */
export const MP3_FRAME_BYTES = Math.floor((144 * 32000) / 44100);
export const MP3_SAMPLES_PER_FRAME = 1152;
export const MP3_SAMPLE_RATE = 44100;

export function mp3Silence(durationMs: number): Buffer {
	const frames = Math.max(
		1,
		Math.round(
			(Math.min(durationMs, MAX_AUDIO_MS) * MP3_SAMPLE_RATE) / 1000 / MP3_SAMPLES_PER_FRAME,
		),
	);
	const frame = Buffer.alloc(MP3_FRAME_BYTES);
	MP3_FRAME_HEADER.copy(frame);
	return Buffer.concat(Array.from({ length: frames }, () => frame));
}

const CONTENT_TYPES = { mp3: 'audio/mpeg', wav: 'audio/wav' } as const;

/** Serves every finished recording's audio at the path of its `recording_url`. */
export function registerMediaRoutes(media: FakeServer<PlivoState>): void {
	media.route('GET', '/v1/Account/:authId/Recording/:file', ({ params, state }) => {
		const match = /^(.+)\.(mp3|wav)$/.exec(params.file);
		const record = match ? state.recordings.find(match[1]) : undefined;
		if (
			!match ||
			!record ||
			record.active ||
			params.authId !== state.core.account.authId ||
			record.recording_format !== match[2]
		)
			throw notFound('Resource not found');
		const duration = record.recording_duration_ms ?? 0;
		const audio = record.recording_format === 'wav' ? wavTone(duration) : mp3Silence(duration);
		return {
			status: 200,
			body: audio,
			headers: { 'Content-Type': CONTENT_TYPES[record.recording_format] },
		};
	});
}
