import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './newsroom.ts';

/**
 * Pictures for tests, drawn here (never files copied from anywhere): a landscape with shapes, so
 * crops and encoders have something real to work on, and hostile files built byte by byte.
 */
export function sceneSvg(width: number, height: number, hue = 200): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,65%)"/><stop offset="1" stop-color="hsl(${hue + 30},60%,90%)"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#sky)"/>
  <circle cx="${width * 0.75}" cy="${height * 0.3}" r="${height * 0.12}" fill="#f6c744"/>
  <path d="M0 ${height * 0.7} Q ${width * 0.3} ${height * 0.5} ${width * 0.6} ${height * 0.72} T ${width} ${height * 0.65} V ${height} H 0 Z" fill="#3d7a4a"/>
  <rect x="${width * 0.2}" y="${height * 0.45}" width="${width * 0.08}" height="${height * 0.3}" fill="#8a4b2a"/>
</svg>`);
}

export interface JpegOptions {
  width?: number;
  height?: number;
  hue?: number;
  orientation?: number;
  gps?: boolean;
  xmp?: {
    caption?: string;
    creator?: string;
    credit?: string;
    rights?: string;
  };
}

export async function jpeg(o: JpegOptions = {}): Promise<Buffer> {
  const width = o.width ?? 1600,
    height = o.height ?? 1000;
  let img = sharp(sceneSvg(width, height, o.hue));
  if (o.gps)
    img = img.withExif({
      IFD0: { Artist: 'Test' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '35/1 46/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '5/1 48/1 0/1',
      },
    });
  if (o.xmp) {
    const x = o.xmp;
    img = img.withXmp(
      `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">${x.caption ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${x.caption}</rdf:li></rdf:Alt></dc:description>` : ''}${x.rights ? `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${x.rights}</rdf:li></rdf:Alt></dc:rights>` : ''}${x.creator ? `<dc:creator><rdf:Seq><rdf:li>${x.creator}</rdf:li></rdf:Seq></dc:creator>` : ''}${x.credit ? `<photoshop:Credit>${x.credit}</photoshop:Credit>` : ''}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
    );
  }
  if (o.orientation) img = img.withMetadata({ orientation: o.orientation });
  return img.jpeg({ quality: 85 }).toBuffer();
}

export async function png(width = 1400, height = 900): Promise<Buffer> {
  return sharp(sceneSvg(width, height, 20))
    .png()
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a PNG that says it is 30,000 × 30,000 (900 megapixels, 2.7 GB decoded)
 * in a few kilobytes of zeros. Its header alone must get it refused.
 */
export function pngBomb(side = 30_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // 8-bit RGB
  const rows = Buffer.alloc((side * 3 + 1) * 64); // the first 64 rows; the decoder would want all
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><script>alert(document.cookie)</script><rect width="1600" height="900" fill="red"/></svg>',
);

/** A JPEG that is also an HTML page (a script after the image's end). */
export async function htmlPolyglot(): Promise<Buffer> {
  return Buffer.concat([
    await jpeg(),
    Buffer.from(
      '<html><body><script>alert(document.cookie)</script></body></html>',
    ),
  ]);
}

/** A PNG with a ZIP archive appended (opens as an image and as an archive). */
export async function zipPolyglot(): Promise<Buffer> {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  return Buffer.concat([
    await png(),
    Buffer.from('PK\x03\x04payload', 'latin1'),
    end,
  ]);
}

/** Sends one file as the back office's script does (multipart, CSRF header, JSON answer). */
export async function uploadAs(
  client: Client,
  url: string,
  fileName: string,
  bytes: Buffer,
  fields: Record<string, string> = {},
  contentType = 'application/octet-stream',
): Promise<LightMyRequestResponse> {
  const token = await client.csrf();
  const boundary = `----newsdesk${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return client.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'csrf-token': token,
      accept: 'application/json',
      cookie: client.cookieHeader,
    },
  });
}
