/** Site settings editors change at run time (not deployment config, which is the environment). */
export interface SiteSettings {
  /** Journalists may publish their own articles without an editor. */
  journalistsCanPublish: boolean;
  /** Warn of likely duplicates, and make publishing one need an editor's override. */
  duplicateGuard: boolean;
  /** Suggest people, organisations and places named in an article as tags. */
  entitySuggestions: boolean;
  /** Suggest a section learnt from the published archive. */
  sectionSuggestions: boolean;
  /** How many days back the duplicate guard looks. */
  duplicateWindowDays: number;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  journalistsCanPublish: false,
  duplicateGuard: true,
  entitySuggestions: true,
  sectionSuggestions: true,
  duplicateWindowDays: 7,
};

/** The window's bounds: a day at least, three months at most (the index is read by day). */
export const WINDOW_DAYS_RANGE = { min: 1, max: 90 } as const;
