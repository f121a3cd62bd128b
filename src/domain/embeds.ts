/*
 * Embeds that protect readers' privacy. A paragraph of a body that is only a bare URL of a
 * recognised provider becomes a facade: our own markup (provider, title, « Voir sur … » link),
 * with the address of the provider's player in a data attribute. Nothing is fetched from the
 * provider until the reader clicks (assets/embeds.ts then puts the iframe in); without
 * JavaScript, and in feeds, the link remains. No poster image: every poster a provider offers is
 * a request to that provider, which is what the facade exists to avoid.
 */

export interface Embed {
  provider: string;
  /** The provider's name, as shown to readers (« Voir sur YouTube »). */
  label: string;
  /** What the facade says it is (« Vidéo », « Publication »…). */
  kind: string;
  /** The page on the provider's site (the link that stays). */
  url: string;
  /** The player the click loads (an https iframe on one of FRAME_ORIGINS). */
  frame: string;
}

interface Provider {
  provider: string;
  label: string;
  kind: string;
  hosts: string[];
  frame: (url: URL) => string | null;
}

const enc = encodeURIComponent;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const id = (value: string | null | undefined) =>
  value && ID.test(value) ? value : null;
const segments = (url: URL) => url.pathname.split('/').filter(Boolean);

const PROVIDERS: Provider[] = [
  {
    provider: 'youtube',
    label: 'YouTube',
    kind: 'Vidéo',
    hosts: ['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be'],
    frame: (url) => {
      const s = segments(url);
      const video =
        url.hostname === 'youtu.be'
          ? id(s[0])
          : s[0] === 'watch'
            ? id(url.searchParams.get('v'))
            : s[0] === 'shorts' || s[0] === 'embed' || s[0] === 'live'
              ? id(s[1])
              : null;
      return video ? `https://www.youtube-nocookie.com/embed/${video}` : null;
    },
  },
  {
    provider: 'vimeo',
    label: 'Vimeo',
    kind: 'Vidéo',
    hosts: ['vimeo.com', 'www.vimeo.com', 'player.vimeo.com'],
    frame: (url) => {
      const video = segments(url).find((s) => /^\d{1,12}$/.test(s));
      return video ? `https://player.vimeo.com/video/${video}?dnt=1` : null;
    },
  },
  {
    provider: 'dailymotion',
    label: 'Dailymotion',
    kind: 'Vidéo',
    hosts: ['dailymotion.com', 'www.dailymotion.com', 'dai.ly'],
    frame: (url) => {
      const s = segments(url);
      const video =
        url.hostname === 'dai.ly'
          ? id(s[0])
          : s[0] === 'video'
            ? id(s[1]?.split('_')[0])
            : null;
      return video
        ? `https://geo.dailymotion.com/player.html?video=${video}`
        : null;
    },
  },
  {
    provider: 'x',
    label: 'X',
    kind: 'Publication',
    hosts: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com'],
    frame: (url) => {
      const s = segments(url);
      const post =
        s[1] === 'status' && /^\d{1,25}$/.test(s[2] ?? '') ? s[2] : null;
      return post
        ? `https://platform.twitter.com/embed/Tweet.html?id=${post}&dnt=true`
        : null;
    },
  },
  {
    provider: 'instagram',
    label: 'Instagram',
    kind: 'Publication',
    hosts: ['instagram.com', 'www.instagram.com'],
    frame: (url) => {
      const s = segments(url);
      const code = ['p', 'reel', 'tv'].includes(s[0] ?? '') ? id(s[1]) : null;
      return code ? `https://www.instagram.com/${s[0]}/${code}/embed` : null;
    },
  },
  {
    provider: 'facebook',
    label: 'Facebook',
    kind: 'Publication',
    hosts: ['facebook.com', 'www.facebook.com', 'm.facebook.com'],
    frame: (url) => {
      const s = segments(url);
      const video = s.includes('videos') || s[0] === 'watch';
      if (!video && !s.includes('posts') && s[0] !== 'permalink.php')
        return null;
      const page = `https://www.facebook.com${url.pathname}${url.search}`;
      return `https://www.facebook.com/plugins/${video ? 'video' : 'post'}.php?href=${enc(page)}`;
    },
  },
  {
    provider: 'tiktok',
    label: 'TikTok',
    kind: 'Vidéo',
    hosts: ['tiktok.com', 'www.tiktok.com'],
    frame: (url) => {
      const s = segments(url);
      const video =
        s[1] === 'video' && /^\d{1,25}$/.test(s[2] ?? '') ? s[2] : null;
      return video ? `https://www.tiktok.com/embed/v2/${video}` : null;
    },
  },
  {
    provider: 'soundcloud',
    label: 'SoundCloud',
    kind: 'Son',
    hosts: ['soundcloud.com', 'www.soundcloud.com'],
    frame: (url) =>
      segments(url).length >= 2
        ? `https://w.soundcloud.com/player/?url=${enc(`https://soundcloud.com${url.pathname}`)}`
        : null,
  },
  {
    provider: 'spotify',
    label: 'Spotify',
    kind: 'Son',
    hosts: ['open.spotify.com'],
    frame: (url) => {
      const s = segments(url).filter((x) => !/^intl-/.test(x));
      const type = s[0] ?? '';
      const item = id(s[1]);
      return item &&
        ['track', 'album', 'playlist', 'episode', 'show', 'artist'].includes(
          type,
        )
        ? `https://open.spotify.com/embed/${type}/${item}`
        : null;
    },
  },
  {
    provider: 'googlemaps',
    label: 'Google Maps',
    kind: 'Carte',
    hosts: ['google.com', 'www.google.com', 'maps.google.com'],
    frame: (url) => {
      const s = segments(url);
      if (url.hostname !== 'maps.google.com' && s[0] !== 'maps') return null;
      const at = /@(-?\d{1,3}\.\d+),(-?\d{1,3}\.\d+)/.exec(url.pathname);
      const query =
        url.searchParams.get('q') ??
        (s[1] === 'place' && s[2]
          ? decodeURIComponent(s[2]).replace(/\+/g, ' ')
          : at
            ? `${at[1]},${at[2]}`
            : null);
      return query
        ? `https://maps.google.com/maps?q=${enc(query)}&output=embed`
        : null;
    },
  },
];

/** The origins of every provider's player: the only frames the CSP lets a page load. */
export const FRAME_ORIGINS = [
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://geo.dailymotion.com',
  'https://platform.twitter.com',
  'https://www.instagram.com',
  'https://www.facebook.com',
  'https://www.tiktok.com',
  'https://w.soundcloud.com',
  'https://open.spotify.com',
  'https://maps.google.com',
];

/** The embed a bare URL stands for, or null when it is not a recognised provider's page. */
export function recogniseEmbed(text: string): Embed | null {
  const trimmed = text.trim();
  if (!/^https:\/\/\S+$/i.test(trimmed) || trimmed.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase();
  for (const p of PROVIDERS) {
    if (!p.hosts.includes(host)) continue;
    const frame = p.frame(url);
    if (!frame) return null;
    return {
      provider: p.provider,
      label: p.label,
      kind: p.kind,
      url: url.href,
      frame,
    };
  }
  return null;
}

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/**
 * The facade's markup: inert without JavaScript (a link to the provider's page); the site
 * script adds the button that loads the player.
 */
export function embedFacade(embed: Embed): string {
  const url = escapeHtml(embed.url);
  return `<figure class="embed embed-${embed.provider}" data-embed-frame="${escapeHtml(embed.frame)}" data-embed-label="${escapeHtml(embed.label)}">
<div class="embed-facade"><p class="embed-provider">${escapeHtml(embed.label)}</p><p class="embed-title">${escapeHtml(`${embed.kind} ${embed.label}`)}</p>
<p class="embed-notice">Ce contenu est hébergé par ${escapeHtml(embed.label)}. Rien n’est chargé depuis ce site avant votre clic.</p></div>
<figcaption><a href="${url}" rel="noopener noreferrer" target="_blank">Voir sur ${escapeHtml(embed.label)}</a></figcaption>
</figure>`;
}
