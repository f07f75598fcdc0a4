// Minimal, valid .xz and .zst writers for test fixtures. They store data
// uncompressed (LZMA2 "uncompressed" chunks, zstd "raw" blocks), which is
// all a fixture needs: the real decoders still parse the full containers.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

function pad4(len: number): Buffer {
  return Buffer.alloc((4 - (len % 4)) % 4);
}

export function xzStore(data: Uint8Array): Buffer {
  const flags = Buffer.from([0, 0]); // check type: none
  const streamHeader = Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0]), flags, u32le(crc32(flags))]);
  // Block header: size, flags (1 filter), LZMA2 filter id, 1 property byte, dict size code.
  const hdrBody = Buffer.from([2, 0x00, 0x21, 0x01, 0x00, 0, 0, 0]);
  const blockHeader = Buffer.concat([hdrBody, u32le(crc32(hdrBody))]);
  const chunks: Buffer[] = [];
  for (let off = 0; off < data.length; off += 0x10000) {
    const part = data.subarray(off, Math.min(off + 0x10000, data.length));
    const head = Buffer.from([off === 0 ? 0x01 : 0x02, (part.length - 1) >> 8, (part.length - 1) & 0xff]);
    chunks.push(head, Buffer.from(part));
  }
  chunks.push(Buffer.from([0x00]));
  const compressed = Buffer.concat(chunks);
  const unpadded = blockHeader.length + compressed.length;
  const block = Buffer.concat([blockHeader, compressed, pad4(compressed.length)]);
  const indexBody = Buffer.concat([Buffer.from([0]), varint(1), varint(unpadded), varint(data.length)]);
  const indexPadded = Buffer.concat([indexBody, pad4(indexBody.length)]);
  const index = Buffer.concat([indexPadded, u32le(crc32(indexPadded))]);
  const footerBody = Buffer.concat([u32le(index.length / 4 - 1), flags]);
  const footer = Buffer.concat([u32le(crc32(footerBody)), footerBody, Buffer.from("YZ")]);
  return Buffer.concat([streamHeader, block, index, footer]);
}

export function zstdStore(data: Uint8Array): Buffer {
  // Single segment, 8-byte content size, no checksum, no dictionary.
  const header = Buffer.alloc(13);
  header.writeUInt32LE(0xfd2fb528, 0);
  header[4] = 0xe0;
  header.writeBigUInt64LE(BigInt(data.length), 5);
  const parts: Buffer[] = [header];
  const max = 128 * 1024;
  let off = 0;
  do {
    const part = data.subarray(off, Math.min(off + max, data.length));
    off += part.length;
    const last = off >= data.length ? 1 : 0;
    const bh = (part.length << 3) | (0 << 1) | last; // raw block
    parts.push(Buffer.from([bh & 0xff, (bh >> 8) & 0xff, (bh >> 16) & 0xff]), Buffer.from(part));
  } while (off < data.length);
  return Buffer.concat(parts);
}
