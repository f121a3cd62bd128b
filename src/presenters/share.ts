import type { FollowLink } from '../config.ts';

export interface ShareLink {
  network: string;
  label: string;
  url: string;
}

/** Plain share links: no third-party script, no tracking, work without JavaScript. */
export function shareLinks(absoluteUrl: string, title: string): ShareLink[] {
  const u = encodeURIComponent(absoluteUrl);
  const t = encodeURIComponent(title);
  return [
    {
      network: 'facebook',
      label: 'Facebook',
      url: `https://www.facebook.com/sharer/sharer.php?u=${u}`,
    },
    {
      network: 'x',
      label: 'X',
      url: `https://x.com/intent/post?url=${u}&text=${t}`,
    },
    {
      network: 'whatsapp',
      label: 'WhatsApp',
      url: `https://wa.me/?text=${encodeURIComponent(`${title} ${absoluteUrl}`)}`,
    },
    {
      network: 'linkedin',
      label: 'LinkedIn',
      url: `https://www.linkedin.com/sharing/share-offsite/?url=${u}`,
    },
    {
      network: 'email',
      label: 'E-mail',
      url: `mailto:?subject=${t}&body=${u}`,
    },
  ];
}

const networkNames: Record<FollowLink['network'], string> = {
  facebook: 'Facebook',
  x: 'X',
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  youtube: 'YouTube',
  linkedin: 'LinkedIn',
};

export function followLabel(link: FollowLink): string {
  return networkNames[link.network];
}
