import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharp } from '../media/sharpLoader.ts';
import { systemActor } from '../commands/context.ts';
import { uploadMedia } from '../commands/media/uploadMedia.ts';
import { updateMedia } from '../commands/media/updateMedia.ts';
import type { MediaCommandContext } from '../commands/media/mediaContext.ts';

/**
 * The demo newsroom's pictures, drawn here as SVG and rendered by sharp: charts, a globe, a
 * stadium, façades… No photograph and nothing copied from anywhere: each is newsdesk's own
 * drawing, released into the public domain (CC0), and says so in its credit and rights.
 */
const W = 1600,
  H = 900;
export const DEMO_CREDIT = 'Illustration : Le Quotidien de l’Atlas';
export const DEMO_RIGHTS =
  'Dessin généré par newsdesk (code source du projet) — domaine public, CC0 1.0';

interface Drawing {
  alt: string;
  caption: string;
  svg: (hue: number) => string;
}

const frame = (
  hue: number,
  inner: string,
) => `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,88%)"/><stop offset="1" stop-color="hsl(${hue + 25},45%,72%)"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#bg)"/>${inner}</svg>`;

const bars = (hue: number) =>
  frame(
    hue,
    [0.35, 0.5, 0.42, 0.64, 0.58, 0.78, 0.7]
      .map(
        (v, i) =>
          `<rect x="${200 + i * 170}" y="${780 - v * 620}" width="110" height="${v * 620}" rx="8" fill="hsl(${hue + 180},45%,${30 + i * 4}%)"/>`,
      )
      .join('') +
      `<polyline points="${[0.35, 0.5, 0.42, 0.64, 0.58, 0.78, 0.7].map((v, i) => `${255 + i * 170},${740 - v * 620}`).join(' ')}" fill="none" stroke="hsl(${hue + 30},80%,40%)" stroke-width="10" stroke-linejoin="round"/>` +
      '<rect x="160" y="780" width="1280" height="8" fill="#333"/>',
  );

const globe = (hue: number) =>
  frame(
    hue,
    `<circle cx="800" cy="450" r="330" fill="hsl(${hue + 160},50%,45%)"/>` +
      [-2, -1, 0, 1, 2]
        .map(
          (k) =>
            `<ellipse cx="800" cy="450" rx="${Math.abs(k) === 2 ? 80 : Math.abs(k) === 1 ? 200 : 330}" ry="330" fill="none" stroke="#fff" stroke-opacity=".55" stroke-width="5"/>`,
        )
        .join('') +
      [-200, -100, 0, 100, 200]
        .map(
          (y) =>
            `<line x1="${800 - Math.sqrt(330 ** 2 - y ** 2)}" y1="${450 + y}" x2="${800 + Math.sqrt(330 ** 2 - y ** 2)}" y2="${450 + y}" stroke="#fff" stroke-opacity=".55" stroke-width="5"/>`,
        )
        .join('') +
      `<path d="M690 300 q60 -40 120 0 t90 80 q-30 60 -110 40 t-100 -120z M860 520 q50 20 40 90 q-40 40 -90 -10z" fill="hsl(${hue + 90},45%,60%)"/>`,
  );

const stadium = (hue: number) =>
  frame(
    hue,
    `<rect x="150" y="250" width="1300" height="560" rx="40" fill="hsl(125,45%,38%)"/>` +
      '<rect x="190" y="290" width="1220" height="480" fill="none" stroke="#fff" stroke-width="8"/><line x1="800" y1="290" x2="800" y2="770" stroke="#fff" stroke-width="8"/><circle cx="800" cy="530" r="90" fill="none" stroke="#fff" stroke-width="8"/>' +
      '<rect x="190" y="420" width="110" height="220" fill="none" stroke="#fff" stroke-width="8"/><rect x="1300" y="420" width="110" height="220" fill="none" stroke="#fff" stroke-width="8"/>' +
      `<circle cx="920" cy="470" r="22" fill="#fff"/><rect x="150" y="120" width="1300" height="100" rx="20" fill="hsl(${hue},60%,45%)"/>`,
  );

const heartbeat = (hue: number) =>
  frame(
    hue,
    `<rect x="620" y="170" width="360" height="560" rx="30" fill="#fff"/><rect x="710" y="260" width="180" height="380" fill="hsl(${hue + 160},60%,45%)"/><rect x="610" y="360" width="380" height="180" fill="hsl(${hue + 160},60%,45%)"/>` +
      `<polyline points="80,720 420,720 480,620 540,820 600,720 1000,720 1060,600 1120,840 1180,720 1520,720" fill="none" stroke="hsl(${hue + 180},70%,35%)" stroke-width="12" stroke-linejoin="round"/>`,
  );

const facades = (hue: number) =>
  frame(
    hue,
    `${[0, 1, 2, 3, 4, 5]
      .map((i) => {
        const x = 100 + i * 240,
          h = 380 + ((i * 97) % 200);
        return (
          `<rect x="${x}" y="${820 - h}" width="210" height="${h}" fill="hsl(${(hue + i * 35) % 360},45%,${55 + (i % 3) * 8}%)"/>` +
          `<path d="M${x + 70} 820 v-110 a35 35 0 0 1 70 0 v110z" fill="hsl(${hue + 200},40%,30%)"/>` +
          [0, 1]
            .map(
              (r) =>
                `<rect x="${x + 40 + r * 90}" y="${860 - h}" width="40" height="60" rx="20" fill="#fff" fill-opacity=".8"/>`,
            )
            .join('')
        );
      })
      .join('')}<rect x="0" y="820" width="1600" height="80" fill="#6b6b6b"/>`,
  );

const hemicycle = (hue: number) =>
  frame(
    hue,
    `${[0, 1, 2, 3]
      .map((r) =>
        [...Array(9 + r * 3).keys()]
          .map((k, _, all) => {
            const a = Math.PI * (k / (all.length - 1)),
              radius = 200 + r * 110;
            return `<circle cx="${800 - Math.cos(a) * radius}" cy="${760 - Math.sin(a) * radius}" r="26" fill="hsl(${(hue + k * 40) % 360},55%,45%)"/>`;
          })
          .join(''),
      )
      .join(
        '',
      )}<rect x="700" y="700" width="200" height="90" rx="10" fill="#333"/>`,
  );

const map = (hue: number) =>
  frame(
    hue,
    `<path d="M1180 120 L1420 190 L1380 360 L1160 470 L980 610 L760 690 L560 820 L420 820 L520 700 L700 560 L880 400 L1020 240 Z" fill="hsl(${hue + 30},40%,62%)" stroke="#fff" stroke-width="6"/>` +
      [
        [1240, 200],
        [1100, 300],
        [980, 420],
        [860, 520],
        [700, 640],
        [560, 760],
      ]
        .map(
          ([x, y], i) =>
            `<circle cx="${x}" cy="${y}" r="${i === 2 ? 26 : 18}" fill="hsl(${hue + 190},70%,35%)" stroke="#fff" stroke-width="5"/>`,
        )
        .join('') +
      '<path d="M180 760 h200 M180 760 v-20 M380 760 v-20" stroke="#333" stroke-width="6" fill="none"/>',
  );

const music = (hue: number) =>
  frame(
    hue,
    [300, 380, 460, 540, 620]
      .map(
        (y) =>
          `<line x1="150" y1="${y}" x2="1450" y2="${y}" stroke="#333" stroke-width="5"/>`,
      )
      .join('') +
      [
        [420, 540],
        [620, 460],
        [820, 380],
        [1020, 500],
        [1220, 420],
      ]
        .map(
          ([x, y]) =>
            `<ellipse cx="${x}" cy="${y}" rx="48" ry="36" transform="rotate(-20 ${x} ${y})" fill="hsl(${hue + 200},60%,30%)"/><rect x="${x! + 40}" y="${y! - 230}" width="12" height="230" fill="hsl(${hue + 200},60%,30%)"/>`,
        )
        .join('') +
      `<rect x="150" y="700" width="1300" height="90" fill="hsl(${hue},50%,40%)"/>` +
      [...Array(12).keys()]
        .map(
          (i) =>
            `<rect x="${180 + i * 105}" y="720" width="60" height="50" rx="6" fill="#fff" fill-opacity=".85"/>`,
        )
        .join(''),
  );

/** One drawing per section (two hues each), with alt text and a caption that say what it is. */
const DRAWINGS: Record<string, Drawing> = {
  politique: {
    alt: 'Dessin d’un hémicycle vu de face, sièges colorés en arc de cercle',
    caption: 'Illustration : l’hémicycle',
    svg: hemicycle,
  },
  economie: {
    alt: 'Graphique en barres avec une courbe de tendance en hausse',
    caption: 'Illustration : la conjoncture en graphique',
    svg: bars,
  },
  societe: {
    alt: 'Façades colorées d’une rue de médina avec leurs portes en arc',
    caption: 'Illustration : une rue de médina',
    svg: facades,
  },
  sport: {
    alt: 'Terrain de football vu du dessus, avec ses lignes blanches et le ballon',
    caption: 'Illustration : le terrain',
    svg: stadium,
  },
  sante: {
    alt: 'Croix médicale blanche et tracé d’électrocardiogramme',
    caption: 'Illustration : santé publique',
    svg: heartbeat,
  },
  monde: {
    alt: 'Globe terrestre stylisé avec méridiens et parallèles',
    caption: 'Illustration : le monde',
    svg: globe,
  },
  regions: {
    alt: 'Carte schématique d’une côte avec six villes reliées',
    caption: 'Illustration : carte schématique des régions',
    svg: map,
  },
  culture: {
    alt: 'Portée musicale avec des notes au-dessus d’un clavier',
    caption: 'Illustration : la scène culturelle',
    svg: music,
  },
};

/**
 * Draws two pictures per section into the library and returns, per section, the ids to use as
 * covers (articles take them in turn).
 */
export async function loadDemoPictures(
  ctx: MediaCommandContext,
  sectionSlugs: string[],
): Promise<Map<string, number[]>> {
  const actor = systemActor('demo');
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-demo-'));
  const bySection = new Map<string, number[]>();
  const sharp = await loadSharp();
  try {
    for (const slug of sectionSlugs) {
      const drawing = DRAWINGS[slug];
      if (!drawing) continue;
      const ids: number[] = [];
      for (const [variant, hue] of [20, 200].entries()) {
        const path = join(dir, `${slug}-${variant}.jpg`);
        await writeFile(
          path,
          await sharp(Buffer.from(drawing.svg(hue)))
            .jpeg({ quality: 88 })
            .toBuffer(),
        );
        const media = await uploadMedia(ctx, actor, {
          path,
          fileName: `illustration-${slug}-${variant + 1}.jpg`,
          purpose: 'cover',
        });
        await updateMedia(ctx, actor, {
          mediaId: media.id,
          expectedVersion: media.version,
          fields: {
            alt: drawing.alt,
            decorative: false,
            caption: drawing.caption,
            credit: DEMO_CREDIT,
            copyright: DEMO_RIGHTS,
            usageNotes: 'Libre de droits : réutilisable partout.',
            focal: { x: 0.5, y: 0.5 },
            crops: {},
          },
        });
        ids.push(media.id);
      }
      bySection.set(slug, ids);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return bySection;
}
