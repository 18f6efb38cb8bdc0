/**
 * Reads the audio files the sandbox serves, from their bytes, as a player would: the RIFF/WAVE
 * header of a WAV file, the frame headers of an MP3 file.
 */

export interface WavInfo {
	channels: number;
	sampleRate: number;
	bitsPerSample: number;
	dataBytes: number;
	durationMs: number;
}

/** Parses a RIFF/WAVE file, checking every size it declares against the bytes. */
export function parseWav(file: Buffer): WavInfo {
	const fail = (message: string): never => {
		throw new Error(`Not a valid WAV file: ${message}`);
	};
	if (file.length < 12 || file.toString('ascii', 0, 4) !== 'RIFF') fail('no RIFF header');
	if (file.toString('ascii', 8, 12) !== 'WAVE') fail('not a WAVE file');
	if (file.readUInt32LE(4) !== file.length - 8) fail('the RIFF size is not the file’s');
	let format: Omit<WavInfo, 'dataBytes' | 'durationMs'> | undefined;
	let blockAlign = 0;
	let byteRate = 0;
	for (let at = 12; at + 8 <= file.length; ) {
		const id = file.toString('ascii', at, at + 4);
		const size = file.readUInt32LE(at + 4);
		if (at + 8 + size > file.length) fail(`the ${id} chunk runs past the end`);
		if (id === 'fmt ') {
			if (file.readUInt16LE(at + 8) !== 1) fail('not PCM');
			format = {
				channels: file.readUInt16LE(at + 10),
				sampleRate: file.readUInt32LE(at + 12),
				bitsPerSample: file.readUInt16LE(at + 22),
			};
			byteRate = file.readUInt32LE(at + 16);
			blockAlign = file.readUInt16LE(at + 20);
			if (blockAlign !== (format.channels * format.bitsPerSample) / 8) fail('wrong block align');
			if (byteRate !== format.sampleRate * blockAlign) fail('wrong byte rate');
		}
		if (id === 'data') {
			if (!format) fail('data before fmt');
			if (size % blockAlign !== 0) fail('data is not whole samples');
			return { ...format!, dataBytes: size, durationMs: (size / byteRate) * 1000 };
		}
		at += 8 + size + (size % 2);
	}
	return fail('no data chunk');
}

/** Bitrates (kbit/s) of MPEG-1 Layer III by index; sample rates (Hz) of MPEG-1. */
const MPEG1_L3_BITRATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG1_SAMPLE_RATES = [44100, 48000, 32000];

/** Walks an MP3 file frame by frame (MPEG-1 Layer III): every byte must belong to a frame. */
export function parseMp3(file: Buffer): { frames: number; sampleRate: number; durationMs: number } {
	let frames = 0;
	let sampleRate = 0;
	let at = 0;
	while (at < file.length) {
		if (at + 4 > file.length) throw new Error(`Not a valid MP3 file: a partial header at ${at}`);
		const header = file.readUInt32BE(at);
		const sync = header >>> 21 === 0x7ff;
		const mpeg1 = ((header >>> 19) & 3) === 3;
		const layer3 = ((header >>> 17) & 3) === 1;
		const bitrate = MPEG1_L3_BITRATES[(header >>> 12) & 15] ?? 0;
		const rate = MPEG1_SAMPLE_RATES[(header >>> 10) & 3];
		if (!sync || !mpeg1 || !layer3 || bitrate === 0 || rate === undefined)
			throw new Error(`Not a valid MP3 file: no MPEG-1 Layer III frame at ${at}`);
		if (sampleRate !== 0 && rate !== sampleRate)
			throw new Error('Not a valid MP3 file: the sample rate changes');
		sampleRate = rate;
		const padding = (header >>> 9) & 1;
		at += Math.floor((144 * bitrate * 1000) / rate) + padding;
		if (at > file.length) throw new Error('Not a valid MP3 file: the last frame is cut');
		frames++;
	}
	if (frames === 0) throw new Error('Not a valid MP3 file: empty');
	return { frames, sampleRate, durationMs: (frames * 1152 * 1000) / sampleRate };
}
