/**
 * Demo content for newsdesk: a fictional French-language Moroccan daily.
 *
 * Every story, figure, quote and journalist below is invented for demonstration
 * purposes; public institutions and cities are mentioned only as plausible
 * backdrops. Publication times are relative ("minutes ago") so that the demo
 * always looks fresh whenever it is loaded.
 */

/** A section (rubrique) of the newspaper. */
export interface DemoSection {
  slug: string;
  name: string;
  description: string;
}

/** A byline. `guest` marks a contributor without a login (e.g. a tribune author). */
export interface DemoAuthor {
  key: string;
  name: string;
  bio: string;
  guest: boolean;
}

/** A demo article; `body` is Markdown. */
export interface DemoArticle {
  /** Unique, kebab-case. */
  key: string;
  /** A DemoSection slug. */
  section: string;
  title: string;
  /** The chapô, 1–3 sentences. */
  lead: string;
  /** Markdown body. */
  body: string;
  /** DemoAuthor keys, in byline order. */
  authors: string[];
  /** Tag names, in French. */
  tags: string[];
  /** Publication time relative to "now" at load time. */
  minutesAgo: number;
  /** Later update after publication (always < minutesAgo). */
  updatedMinutesAgo?: number;
  /** Exactly one article: the "À la une" lead story. */
  featured?: boolean;
  /** Short breaking-news items. */
  breaking?: boolean;
}

export const demoSections: DemoSection[] = [
  {
    slug: 'politique',
    name: 'Politique',
    description:
      'Vie institutionnelle, Parlement, partis et action gouvernementale : les coulisses du pouvoir au Maroc.',
  },
  {
    slug: 'economie',
    name: 'Économie',
    description:
      'Conjoncture, entreprises, finances et grands chantiers qui font l’économie du Royaume.',
  },
  {
    slug: 'societe',
    name: 'Société',
    description:
      'Éducation, logement, transports et vie quotidienne des Marocains, au plus près du terrain.',
  },
  {
    slug: 'sport',
    name: 'Sport',
    description:
      'Botola Pro, Lions de l’Atlas et toute l’actualité sportive, au Maroc comme à l’international.',
  },
  {
    slug: 'sante',
    name: 'Santé',
    description:
      'Santé publique, protection sociale, prévention et accès aux soins.',
  },
  {
    slug: 'monde',
    name: 'Monde',
    description:
      'L’actualité internationale vue de Rabat, de l’Afrique à l’Europe en passant par la diplomatie marocaine.',
  },
  {
    slug: 'regions',
    name: 'Régions',
    description:
      'L’actualité des villes et des territoires, des douze régions du Royaume.',
  },
  {
    slug: 'culture',
    name: 'Culture',
    description:
      'Cinéma, musique, livres, festivals et patrimoine : la vie culturelle dans toute sa diversité.',
  },
];

export const demoAuthors: DemoAuthor[] = [
  {
    key: 'salma-bennani',
    name: 'Salma Bennani',
    bio: 'Cheffe du service Politique, elle suit le Parlement, les partis et l’action gouvernementale depuis une quinzaine d’années.',
    guest: false,
  },
  {
    key: 'youssef-el-alaoui',
    name: 'Youssef El Alaoui',
    bio: 'Journaliste économique, il couvre les politiques publiques, l’énergie, l’industrie et les marchés financiers.',
    guest: false,
  },
  {
    key: 'nadia-tazi',
    name: 'Nadia Tazi',
    bio: 'Journaliste au service Société, elle s’intéresse à l’éducation, à la santé et à la protection sociale.',
    guest: false,
  },
  {
    key: 'karim-berrada',
    name: 'Karim Berrada',
    bio: 'Chef de la rubrique Sport, il suit la Botola Pro et les Lions de l’Atlas depuis les tribunes comme depuis les vestiaires.',
    guest: false,
  },
  {
    key: 'imane-chraibi',
    name: 'Imane Chraïbi',
    bio: 'Journaliste culture et international, passionnée de cinéma et de littératures africaines.',
    guest: false,
  },
  {
    key: 'hamza-ouazzani',
    name: 'Hamza Ouazzani',
    bio: 'Responsable de l’édition Régions, il coordonne le réseau de correspondants du journal, de Tanger à Dakhla.',
    guest: false,
  },
  {
    key: 'leila-amrani',
    name: 'Leïla Amrani',
    bio: 'Économiste, enseignante-chercheuse en finances publiques. Contributrice invitée.',
    guest: true,
  },
  {
    key: 'rachid-belkadi',
    name: 'Rachid Belkadi',
    bio: 'Hydrologue, consultant auprès de collectivités territoriales sur la gestion de l’eau. Contributeur invité.',
    guest: true,
  },
];

export const demoArticles: DemoArticle[] = [
  // ——— À la une ———
  {
    key: 'plan-eau-dessalement-interconnexions',
    section: 'economie',
    title:
      'Eau : un plan de 40 milliards de dirhams pour relier les bassins et doubler le dessalement d’ici 2030',
    lead: 'Le gouvernement a présenté à Rabat une feuille de route qui combine usines de dessalement, réutilisation des eaux usées et nouvelles « autoroutes de l’eau » entre le Nord et le Centre. Objectif : sécuriser l’alimentation en eau potable des grandes villes d’ici la fin de la décennie, malgré des années de pluviométrie déficitaire.',
    body: `Après six années de sécheresse quasi ininterrompue, le ton a changé. Devant les walis, les présidents de région et les directeurs des agences de bassin hydraulique réunis à Rabat, le ministère de l’Équipement et de l’Eau a détaillé un programme d’investissements qui doit transformer en profondeur la manière dont le Royaume produit, transporte et consomme son eau.

Le montant annoncé — 40 milliards de dirhams sur cinq ans — place ce plan parmi les plus lourds jamais engagés dans le secteur depuis la grande politique des barrages. Il sera financé pour moitié par le budget de l’État, le reste provenant de partenariats public-privé, de prêts d’institutions multilatérales et d’une contribution des grands consommateurs industriels.

## Dessalement : cap sur 1,7 milliard de mètres cubes

Le cœur du dispositif reste le dessalement de l’eau de mer. Aux stations déjà en service sur la façade atlantique s’ajouteront sept nouvelles unités, dont trois de grande capacité entre El Jadida, Safi et Tiznit. À terme, la capacité nationale devrait atteindre 1,7 milliard de mètres cubes par an, soit près du double du niveau actuel.

Pour contenir la facture énergétique, chaque station devra être adossée à des parcs solaires ou éoliens. « Nous ne voulons pas résoudre une crise de l’eau en créant une crise de l’énergie », a résumé un haut responsable du ministère, précisant que les cahiers des charges imposeront un approvisionnement d’origine renouvelable à 80 % au minimum.

## Des « autoroutes de l’eau » entre le Nord et le Centre

Deuxième pilier : les transferts entre bassins. L’interconnexion déjà réalisée entre le Sebou et le Bouregreg a montré, selon le ministère, qu’il était possible d’acheminer les excédents des bassins du Nord vers l’axe Rabat-Casablanca. Le plan prévoit de prolonger ce corridor vers le bassin de l’Oum Er-Rbia puis, dans une seconde phase, vers la région de Marrakech.

Les travaux portent sur quelque 400 kilomètres de conduites et une dizaine de stations de pompage. Le calendrier est serré : la première tranche doit être livrée avant l’été 2027, ce qui suppose de lancer les appels d’offres dans les toutes prochaines semaines.

## Réutiliser, réparer, économiser

Le troisième volet, moins spectaculaire, pourrait se révéler décisif. Il prévoit notamment :

- la réutilisation de 100 millions de mètres cubes d’eaux usées traitées par an pour l’arrosage des espaces verts, des golfs et de certaines zones industrielles ;
- un programme de détection et de réparation des fuites sur les réseaux urbains, où les pertes dépassent encore 30 % dans plusieurs villes moyennes ;
- la reconversion de 150 000 hectares supplémentaires à l’irrigation localisée ;
- une tarification progressive révisée pour les plus gros consommateurs.

> « L’eau la moins chère est celle que l’on ne perd pas. Chaque point de rendement gagné sur nos réseaux vaut une petite station de dessalement. »

La formule, lancée par l’hydrologue Rachid Belkadi lors d’une table ronde organisée en marge de la présentation, a été largement reprise par les élus présents, nombreux à réclamer que les communes soient associées au suivi des chantiers.

## Ce qui change pour les ménages

Pour les ménages, le gouvernement assure qu’aucune hausse du tarif de la première tranche de consommation n’est prévue. Les mesures de restriction — lavage des voitures au jet, remplissage des piscines privées, arrosage en pleine journée — resteront en vigueur dans les communes les plus exposées tant que le taux de remplissage des barrages restera sous la barre des 40 %.

Les agences de bassin publieront désormais chaque semaine un bulletin de situation consultable en ligne. Le détail du programme doit être présenté aux commissions parlementaires dans les prochains jours ; les observateurs y scruteront surtout le montage financier et la capacité des entreprises nationales à absorber un tel volume de chantiers.

*Article mis à jour avec les précisions du ministère sur le calendrier des travaux.*`,
    authors: ['youssef-el-alaoui', 'hamza-ouazzani'],
    tags: ['Stress hydrique', 'Énergies renouvelables', 'Agriculture', 'Rabat'],
    minutesAgo: 142,
    updatedMinutesAgo: 35,
    featured: true,
  },

  // ——— Fil info : les dernières heures ———
  {
    key: 'secousse-al-hoceima',
    section: 'regions',
    title:
      'Une secousse de magnitude 4,6 ressentie dans la province d’Al Hoceïma, aucun dégât signalé',
    lead: 'Un séisme de magnitude 4,6 a été enregistré au large d’Al Hoceïma, selon l’Institut national de géophysique.',
    body: `La secousse a été localisée en mer, à une vingtaine de kilomètres au nord de la ville, à une profondeur d’environ 12 kilomètres. Elle a été ressentie par de nombreux habitants d’Al Hoceïma, d’Imzouren et de Targuist, dont certains sont brièvement sortis dans la rue par précaution.

Les autorités locales indiquent qu’aucune victime ni aucun dégât matériel n’ont été signalés à ce stade. Les équipes de la protection civile procèdent à des vérifications de routine dans les bâtiments publics et les établissements scolaires.

*Mise à jour : l’Institut national de géophysique a révisé la magnitude, initialement estimée à 4,8, et précisé la localisation de l’épicentre.*`,
    authors: ['hamza-ouazzani'],
    tags: ['Al Hoceïma', 'Séisme'],
    minutesAgo: 7,
    updatedMinutesAgo: 3,
    breaking: true,
  },
  {
    key: 'bank-al-maghrib-baisse-taux-directeur',
    section: 'economie',
    title: 'Bank Al-Maghrib abaisse son taux directeur à 2 %',
    lead: 'Le conseil de la banque centrale a réduit son taux directeur de 25 points de base, invoquant le net ralentissement de l’inflation.',
    body: `À l’issue de sa réunion trimestrielle, le conseil de Bank Al-Maghrib a justifié sa décision par une inflation revenue durablement sous la barre des 2 % et par des perspectives de croissance jugées « en deçà du potentiel » pour l’année en cours, en raison notamment d’une campagne agricole décevante.

La banque centrale dit vouloir soutenir le financement de l’économie, en particulier celui des très petites, petites et moyennes entreprises. Le communiqué intégral est disponible sur le [site de Bank Al-Maghrib](https://www.bkam.ma).

*Mise à jour : ajout des motifs de la décision avancés par le conseil.*`,
    authors: ['youssef-el-alaoui'],
    tags: ['Bank Al-Maghrib', 'Inflation'],
    minutesAgo: 23,
    updatedMinutesAgo: 12,
    breaking: true,
  },
  {
    key: 'lions-atlas-liste-matchs-amicaux',
    section: 'sport',
    title:
      'Lions de l’Atlas : la liste pour les deux matchs amicaux dévoilée jeudi',
    lead: 'Le sélectionneur national annoncera jeudi la liste des joueurs convoqués pour les deux rencontres amicales de la fin du mois.',
    body: `La Fédération royale marocaine de football (FRMF) a confirmé que la conférence de presse se tiendra au Complexe Mohammed VI de football, à Salé. Deux matchs sont programmés, le premier à Rabat, le second à Agadir, face à des adversaires dont l’identité doit être officialisée dans la foulée.

Plusieurs blessés de longue date, notamment en défense, pourraient faire leur retour. Le staff technique devrait également donner leur chance à deux ou trois jeunes évoluant en Botola Pro, auteurs d’une première partie de saison remarquée.`,
    authors: ['karim-berrada'],
    tags: ['Lions de l’Atlas', 'Football', 'Botola Pro'],
    minutesAgo: 41,
  },
  {
    key: 'rougeole-rattrapage-vaccinal-souss-massa',
    section: 'sante',
    title:
      'Rougeole : la campagne de rattrapage vaccinal prolongée de deux semaines dans le Souss-Massa',
    lead: 'Le ministère de la Santé et de la Protection sociale prolonge la campagne dans la région, où la couverture vaccinale reste insuffisante chez les moins de 18 ans.',
    body: `Selon la direction régionale de la santé, près de 68 000 enfants et adolescents n’ont pas encore présenté de carnet de vaccination à jour. Les équipes mobiles poursuivront leurs tournées dans les écoles et les douars les plus isolés des provinces de Taroudant, de Tiznit et de Chtouka-Aït Baha.

Les parents peuvent faire vacciner gratuitement leurs enfants dans n’importe quel centre de santé de proximité, sur présentation du carnet ou, à défaut, d’un document d’état civil. Les autorités sanitaires rappellent que deux doses sont nécessaires pour une protection complète.`,
    authors: ['nadia-tazi'],
    tags: ['Santé publique', 'Vaccination', 'Prévention', 'Agadir'],
    minutesAgo: 58,
  },
  {
    key: 'union-africaine-cps-sahel',
    section: 'monde',
    title:
      'Union africaine : le Conseil de paix et de sécurité se penche sur la situation au Sahel',
    lead: 'Réuni à Addis-Abeba, l’organe de l’UA a examiné les effets de l’insécurité sur l’approvisionnement alimentaire des pays de la région.',
    body: `Les discussions ont porté sur la dégradation de la situation humanitaire dans plusieurs zones frontalières, où l’accès des convois d’aide demeure difficile. De nombreuses délégations ont insisté sur la nécessité de sécuriser les corridors commerciaux reliant le Sahel aux ports de la façade atlantique.

La délégation marocaine a rappelé l’initiative visant à favoriser l’accès des États du Sahel à l’océan Atlantique, présentée comme un levier de développement et de stabilité. Un communiqué final doit être publié à l’issue des travaux.`,
    authors: ['imane-chraibi'],
    tags: ['Union africaine', 'Sahel', 'Diplomatie'],
    minutesAgo: 96,
  },
  {
    key: 'chambre-representants-loi-donnees-sante',
    section: 'politique',
    title:
      'La Chambre des représentants adopte le projet de loi sur les données de santé',
    lead: 'Le texte, qui encadre la collecte et le partage des dossiers médicaux numériques, a été voté en première lecture à une large majorité.',
    body: `Le projet de loi pose les bases du futur dossier médical partagé, appelé à accompagner la généralisation de l’assurance maladie obligatoire. Il fixe les conditions d’accès des professionnels de santé aux données des patients et renforce le rôle de contrôle de la Commission nationale de contrôle de la protection des données à caractère personnel (CNDP).

L’opposition, qui s’est en partie abstenue, a regretté que ses amendements sur l’hébergement des données sur le territoire national n’aient été que partiellement retenus. Le texte doit désormais être examiné par la Chambre des conseillers.`,
    authors: ['salma-bennani'],
    tags: ['Parlement', 'Santé publique', 'Numérique'],
    minutesAgo: 133,
  },
  {
    key: 'casablanca-busway-panne',
    section: 'societe',
    title:
      'Casablanca : le trafic du busway perturbé après une panne électrique',
    lead: 'Une panne a provoqué d’importantes perturbations sur l’une des deux lignes de busway, obligeant de nombreux usagers à se reporter sur le tramway et les taxis.',
    body: `Selon l’opérateur, l’incident a touché le système de recharge de plusieurs véhicules électriques en station, allongeant les intervalles de passage à plus de vingt minutes. Des bus de substitution ont été mobilisés pour absorber l’affluence aux heures de pointe.

Le service doit revenir progressivement à la normale au fil de la journée. Sur les réseaux sociaux, plusieurs usagers ont dénoncé un manque d’information en station, un point que l’opérateur dit vouloir corriger avec l’affichage en temps réel prévu d’ici la fin de l’année.`,
    authors: ['nadia-tazi'],
    tags: ['Casablanca', 'Transport'],
    minutesAgo: 187,
  },
  {
    key: 'fes-nuits-du-conte-programmation',
    section: 'culture',
    title:
      'Festival : les Nuits du conte de Fès dévoilent une programmation tournée vers l’Afrique',
    lead: 'La quatrième édition de ce rendez-vous consacré aux arts de la parole réunira une trentaine de conteurs venus de douze pays.',
    body: `Les veillées se tiendront dans plusieurs lieux de la médina, dont des fondouks récemment restaurés et des jardins ouverts pour l’occasion. Des conteurs du Sénégal, du Mali, de Côte d’Ivoire et de Madagascar partageront l’affiche avec des maîtres de la halqa venus de Marrakech et de Fès.

Des ateliers destinés aux scolaires et une journée consacrée à la place de la darija et de l’amazighe dans les récits populaires complètent le programme. L’entrée sera gratuite pour la plupart des soirées.`,
    authors: ['imane-chraibi'],
    tags: ['Festival', 'Fès', 'Patrimoine'],
    minutesAgo: 254,
  },
  {
    key: 'oncf-trafic-voyageurs-hausse',
    section: 'economie',
    title: 'ONCF : le trafic voyageurs en hausse de 9 % au premier trimestre',
    lead: 'L’Office national des chemins de fer a transporté 11,8 millions de voyageurs entre janvier et mars, porté par la grande vitesse et les navettes régionales.',
    body: `La ligne à grande vitesse entre Tanger et Casablanca affiche à elle seule une progression de 14 %, avec un taux de remplissage moyen supérieur à 80 % en fin de semaine. Les trains navettes reliant Kénitra, Rabat, Casablanca et Settat restent toutefois le principal réservoir de voyageurs.

L’Office attribue cette dynamique à l’élargissement de l’offre et aux nouvelles formules d’abonnement destinées aux étudiants. Le transport de marchandises, en revanche, recule légèrement en raison du repli des expéditions de céréales.`,
    authors: ['youssef-el-alaoui'],
    tags: ['ONCF', 'Transport', 'Tanger'],
    minutesAgo: 318,
  },
  {
    key: 'oujda-nouvelle-gare-routiere',
    section: 'regions',
    title: 'Oujda : la nouvelle gare routière ouvre ses portes',
    lead: 'Attendu depuis plusieurs années, l’équipement remplace l’ancienne gare du centre-ville et doit désengorger la circulation de la capitale de l’Oriental.',
    body: `Construite en périphérie sud de la ville, la nouvelle gare compte une quarantaine de quais, un espace dédié aux grands taxis et une salle d’attente climatisée. Elle est reliée au centre par deux lignes de bus urbains renforcées pour l’occasion.

Les transporteurs disposent d’un mois pour y transférer l’ensemble de leurs départs. Certains commerçants de l’ancien quartier de la gare redoutent une baisse de fréquentation, tandis que la commune promet un projet de réaménagement du site libéré.`,
    authors: ['hamza-ouazzani'],
    tags: ['Oujda', 'Transport'],
    minutesAgo: 402,
  },
  {
    key: 'botola-as-far-reprend-la-tete',
    section: 'sport',
    title: 'Botola Pro : l’AS FAR reprend la tête du classement',
    lead: 'Victorieux à l’extérieur (2-0), les Militaires profitent du faux pas de leur dauphin pour repasser en tête du championnat.',
    body: `Les joueurs de l’AS FAR ont fait la différence en seconde période, sur un coup franc direct puis sur une contre-attaque rondement menée dans le temps additionnel. Ils comptent désormais deux points d’avance en tête du classement.

En bas de tableau, la lutte pour le maintien reste très indécise : quatre clubs se tiennent en trois points. La prochaine journée, programmée le week-end prochain, proposera un duel entre prétendants au podium.`,
    authors: ['karim-berrada'],
    tags: ['Botola Pro', 'Football', 'Rabat'],
    minutesAgo: 517,
  },
  {
    key: 'dakar-forum-affaires-maroc-senegal',
    section: 'monde',
    title:
      'Dakar accueille un forum d’affaires maroco-sénégalais centré sur l’agro-industrie',
    lead: 'Plus de 200 entreprises des deux pays participent à cette rencontre consacrée à la transformation agricole et à la logistique.',
    body: `Organisé à l’initiative des chambres de commerce des deux pays, le forum doit déboucher sur plusieurs accords de partenariat, notamment dans la production d’engrais adaptés aux sols sahéliens, la chaîne du froid et la formation professionnelle.

Les échanges entre le Maroc et le Sénégal ont progressé au cours de la dernière décennie, mais restent jugés en deçà de leur potentiel par les opérateurs, qui pointent le coût du transport routier. La relance d’une ligne maritime directe entre Casablanca et Dakar figure parmi les pistes discutées.

Une délégation de jeunes entrepreneurs des deux pays doit par ailleurs présenter des projets communs lors de la séance de clôture.`,
    authors: ['imane-chraibi', 'youssef-el-alaoui'],
    tags: ['Afrique', 'Agriculture', 'Commerce'],
    minutesAgo: 643,
  },

  // ——— Hier et avant-hier ———
  {
    key: 'derby-casablanca-wydad-raja-match-nul',
    section: 'sport',
    title:
      'Botola Pro : le Wydad et le Raja se neutralisent dans un derby sous haute tension',
    lead: 'Le derby de Casablanca s’est achevé sur un score de parité (1-1), au terme d’une rencontre plus intense que spectaculaire. Les deux équipes restent au contact du peloton de tête.',
    body: `Il y avait de l’électricité dans l’air, comme toujours. Devant des tribunes pleines à craquer, le Wydad Athletic Club et le Raja Club Athletic se sont quittés dos à dos (1-1), au terme d’un derby âprement disputé.

## Un premier acte verrouillé

Les quarante-cinq premières minutes ont été marquées par une forte densité au milieu de terrain et par de nombreuses fautes. Il a fallu attendre la 58e minute pour voir les Verts ouvrir le score, sur une reprise de volée consécutive à un corner mal repoussé.

## Le Wydad arrache l’égalisation

Piqués au vif, les Rouges ont poussé jusqu’au bout et ont été récompensés à la 84e minute, sur un penalty accordé après consultation de l’assistance vidéo à l’arbitrage. La fin de match, hachée, a été marquée par deux expulsions, une dans chaque camp.

Au classement, le statu quo arrange surtout les poursuivants. « Un derby, on le joue pour le gagner, mais ce point peut compter en fin de saison », a estimé l’entraîneur d’un des deux clubs en conférence de presse.

## Une ambiance saluée

Au-delà du résultat, les supporters des deux camps ont une nouvelle fois offert un spectacle remarquable en tribunes, avec des tifos préparés pendant plusieurs semaines. Quelques incidents ont été signalés aux abords du stade après la rencontre, sans gravité selon les autorités.

*Mise à jour : ajout des précisions sur les expulsions et sur les incidents signalés après la rencontre.*`,
    authors: ['karim-berrada'],
    tags: ['Botola Pro', 'Casablanca', 'Football'],
    minutesAgo: 790,
    updatedMinutesAgo: 705,
  },
  {
    key: 'regionalisation-avancee-moyens-regions',
    section: 'politique',
    title:
      'Régionalisation avancée : les régions réclament davantage de moyens pour exercer leurs compétences',
    lead: 'Réunis à Rabat, les présidents des douze conseils régionaux ont plaidé pour un transfert plus rapide des ressources de l’État. Le gouvernement promet un calendrier d’ici la fin de l’année.',
    body: `Une décennie après l’entrée en vigueur des lois organiques sur les collectivités territoriales, le bilan de la régionalisation avancée reste contrasté. C’est le constat partagé par les présidents des conseils régionaux, réunis à Rabat pour une journée de travail avec le ministère de l’Intérieur et plusieurs départements sectoriels.

## Des compétences surtout sur le papier

Les régions disposent en théorie de compétences propres étendues : développement économique, formation professionnelle, transport interurbain, aménagement du territoire. Dans les faits, plusieurs présidents estiment que les moyens humains et financiers n’ont pas suivi. « Nous portons la responsabilité politique de projets dont nous ne maîtrisons ni le budget ni le calendrier », a résumé l’un d’eux.

Les élus réclament notamment une hausse de la part des recettes fiscales de l’État qui leur est affectée, ainsi qu’une accélération du transfert des compétences partagées, en particulier dans la santé et l’éducation.

## La déconcentration, l’autre chantier

Le gouvernement, de son côté, insiste sur la nécessité d’avancer au même rythme sur la déconcentration administrative. Sans services de l’État dotés d’un véritable pouvoir de décision à l’échelle régionale, fait-on valoir au ministère, les conseils élus resteraient privés d’interlocuteurs capables de trancher.

Un calendrier de transfert doit être présenté d’ici la fin de l’année. Il devrait prévoir des contrats-programmes pluriannuels entre l’État et chaque région, assortis d’indicateurs de résultats.

## Des écarts qui persistent

Derrière les débats institutionnels, les disparités territoriales restent marquées. Trois régions — Casablanca-Settat, Rabat-Salé-Kénitra et Tanger-Tétouan-Al Hoceïma — concentrent toujours près de 60 % de la richesse nationale. Pour les élus des régions moins dotées, la régionalisation ne tiendra ses promesses que si elle s’accompagne d’un véritable mécanisme de solidarité.`,
    authors: ['salma-bennani'],
    tags: ['Régionalisation', 'Rabat'],
    minutesAgo: 835,
  },
  {
    key: 'inflation-ralentissement-hcp',
    section: 'economie',
    title: 'Inflation : la hausse des prix ralentit à 1,1 % sur un an',
    lead: 'Selon le Haut-Commissariat au Plan, l’indice des prix à la consommation a progressé de 1,1 % sur un an, son rythme le plus faible depuis plusieurs années. Les prix alimentaires restent néanmoins volatils.',
    body: `Le reflux de l’inflation se confirme. D’après les dernières données du Haut-Commissariat au Plan (HCP), l’indice des prix à la consommation n’a augmenté que de 1,1 % en glissement annuel le mois dernier, contre 1,6 % le mois précédent.

## L’alimentaire toujours sous surveillance

Cette décélération s’explique principalement par la baisse des prix des carburants et par la stabilisation de ceux des produits manufacturés. Les produits alimentaires, en revanche, évoluent toujours en dents de scie : la viande rouge et certains légumes restent chers, tandis que les fruits de saison et les huiles reculent.

Sur les marchés de Casablanca, le ressenti des ménages reste pourtant éloigné des statistiques. « Le kilo de viande n’a pas baissé, et c’est ce que les gens regardent en premier », observe un commerçant de Derb Sultan.

## L’inflation sous-jacente au plus bas

L’inflation sous-jacente, qui exclut les produits aux prix volatils et les tarifs réglementés, s’établit à 1,3 %. C’est cet indicateur que scrute en priorité Bank Al-Maghrib, dont le conseil doit se réunir prochainement. Plusieurs analystes anticipent désormais une baisse du taux directeur, afin de soutenir une croissance jugée insuffisante.

Les séries détaillées sont disponibles sur le [site du HCP](https://www.hcp.ma).`,
    authors: ['youssef-el-alaoui'],
    tags: ['Inflation', 'Bank Al-Maghrib', 'Casablanca'],
    minutesAgo: 880,
  },
  {
    key: 'cinema-les-vents-de-tanger',
    section: 'culture',
    title:
      'Cinéma : « Les Vents de Tanger », un premier long-métrage entre départ et enracinement',
    lead: 'Tourné entre la médina, le port et les hauteurs du Charf, le film de Sofia Lamrani suit trois jeunes Tangérois confrontés au choix de partir ou de rester. Une œuvre sensible, portée par une distribution largement non professionnelle.',
    body: `Sofia Lamrani a longtemps hésité avant de tourner dans sa ville natale. « Tanger a été filmée tant de fois, souvent par des regards extérieurs. Je voulais la montrer de l’intérieur, à hauteur de ses habitants », confie la réalisatrice, qui signe avec « Les Vents de Tanger » son premier long-métrage après plusieurs courts remarqués.

## Partir ou rester

Le film suit Amine, Soukaïna et Badr, trois amis d’enfance qui approchent de la trentaine. L’un rêve de l’autre rive, à quelques kilomètres seulement ; l’autre vient de rentrer d’Europe ; la troisième tente de faire vivre un petit café culturel dans la médina. Sans pathos, le récit explore ce que signifie appartenir à une ville-frontière.

## Une distribution non professionnelle

La plupart des comédiens n’avaient jamais joué devant une caméra. Repérés lors d’ateliers organisés dans des maisons de jeunes, ils apportent au film une justesse et une spontanéité saluées lors des premières projections.

## Une sortie pensée pour les villes moyennes

Le film a bénéficié de l’avance sur recettes du Centre cinématographique marocain ainsi que d’une coproduction avec la Belgique. Il sortira dans une quinzaine de salles, et des projections-débats sont prévues dans plusieurs villes moyennes dépourvues de cinéma.`,
    authors: ['imane-chraibi'],
    tags: ['Cinéma', 'Tanger'],
    minutesAgo: 960,
  },
  {
    key: 'education-ecoles-pionnieres-extension',
    section: 'societe',
    title:
      'Éducation : le modèle des « écoles pionnières » étendu à 2 000 établissements supplémentaires',
    lead: 'Le ministère de l’Éducation nationale veut généraliser progressivement ce dispositif centré sur les apprentissages fondamentaux. Les syndicats demandent des garanties sur la formation des enseignants.',
    body: `Lancées à titre expérimental dans quelques centaines d’écoles primaires, les « écoles pionnières » reposent sur un principe simple : évaluer régulièrement le niveau des élèves en lecture et en mathématiques, puis les regrouper par niveau lors de séances de soutien intensif.

## Des résultats encourageants

Selon le ministère, la part des élèves maîtrisant les compétences de base en lecture aurait nettement progressé dans les établissements concernés après une année de mise en œuvre. Des chiffres que des chercheurs invitent à confirmer par une évaluation indépendante menée sur plusieurs années.

Sur le terrain, les enseignants décrivent une charge de travail accrue, mais aussi un regain de motivation. « Pour la première fois, je sais précisément où en est chacun de mes élèves », témoigne une institutrice d’une école de Salé.

## Le défi de la formation

L’extension à 2 000 nouvelles écoles dès la prochaine rentrée suppose de former plusieurs milliers d’enseignants et d’inspecteurs en quelques mois. Les syndicats demandent que cette formation se déroule sur le temps de travail et que les primes associées au dispositif soient pérennisées.

Les associations de parents d’élèves saluent la démarche, mais insistent sur l’état des infrastructures : sanitaires, cantines et transport scolaire restent, dans de nombreuses communes rurales, des freins majeurs à l’assiduité.`,
    authors: ['nadia-tazi'],
    tags: ['Éducation', 'Jeunesse'],
    minutesAgo: 1010,
  },
  {
    key: 'sante-medecins-zones-rurales',
    section: 'sante',
    title:
      'Santé publique : un plan pour attirer les médecins dans les zones rurales',
    lead: 'Primes, logement, carrière accélérée : le ministère de la Santé dévoile une série de mesures pour remédier à la pénurie de praticiens dans les territoires enclavés.',
    body: `Dans certaines provinces de l’Atlas ou de l’Oriental, un seul médecin généraliste peut avoir la charge de plusieurs dizaines de milliers d’habitants. C’est pour corriger ces déséquilibres que le ministère de la Santé et de la Protection sociale a présenté un plan d’attractivité ciblant les zones rurales et de montagne.

## Des incitations financières et de carrière

Le dispositif prévoit une indemnité mensuelle pouvant atteindre 5 000 dirhams pour les médecins affectés dans les zones classées prioritaires, la mise à disposition d’un logement de fonction et une bonification d’ancienneté pour l’avancement.

Les praticiens qui accepteront une affectation de trois ans bénéficieront en outre d’un accès prioritaire aux formations de spécialisation.

## La télémédecine en renfort

Le plan mise aussi sur la télémédecine, avec l’équipement de 300 centres de santé ruraux en matériel de téléconsultation, reliés aux centres hospitaliers régionaux. Les unités médicales mobiles seront renforcées pour assurer des consultations régulières dans les douars isolés.

## Des syndicats prudents

Les représentants des médecins accueillent favorablement ces annonces, mais rappellent que la question des effectifs ne se réglera pas sans une revalorisation globale des carrières dans le secteur public, concurrencé à la fois par le privé et par l’attrait de l’exercice à l’étranger.`,
    authors: ['nadia-tazi'],
    tags: ['Santé publique', 'Monde rural'],
    minutesAgo: 1130,
  },
  {
    key: 'agadir-port-halle-poisson',
    section: 'regions',
    title:
      'Agadir : le port de pêche inaugure une halle au poisson de nouvelle génération',
    lead: 'Chaîne du froid, traçabilité numérique et enchères électroniques : la nouvelle halle doit améliorer la valorisation des captures et les revenus des pêcheurs artisans.',
    body: `Agadir, l’un des principaux ports de pêche du Royaume, dispose désormais d’une halle au poisson entièrement repensée. Le bâtiment, climatisé de bout en bout, permet de maintenir les produits à basse température depuis le débarquement jusqu’au chargement des camions frigorifiques.

## Une traçabilité de bout en bout

Chaque lot débarqué est pesé, photographié et enregistré dans un système numérique qui suit le produit jusqu’à l’acheteur. Les ventes se font par enchères électroniques, un mode de commercialisation censé réduire le poids des intermédiaires et garantir une meilleure transparence des prix.

## Les pêcheurs artisans attentifs

Les représentants de la pêche artisanale saluent une infrastructure attendue, mais restent vigilants. « Si le prix de première vente augmente vraiment, tout le monde y gagnera. Nous jugerons sur pièces », explique le président d’une coopérative de pêcheurs d’Anza.

Le chantier s’inscrit dans un programme de mise à niveau de plusieurs halles du littoral, qui prévoit de généraliser la vente électronique à l’ensemble des grands ports d’ici trois ans.`,
    authors: ['hamza-ouazzani'],
    tags: ['Agadir', 'Pêche'],
    minutesAgo: 1220,
  },
  {
    key: 'zlecaf-echanges-intra-africains',
    section: 'monde',
    title:
      'Zlecaf : les échanges intra-africains progressent, mais restent loin des ambitions',
    lead: 'Plusieurs années après son entrée en vigueur, la Zone de libre-échange continentale africaine peine encore à transformer les flux commerciaux. Les obstacles logistiques pèsent davantage que les droits de douane.',
    body: `Sur le papier, la Zone de libre-échange continentale africaine (Zlecaf) forme le plus vaste marché commun du monde par le nombre de pays membres. Dans la réalité, le commerce entre pays africains ne représente encore qu’une part modeste de leurs échanges totaux, bien loin des niveaux observés en Europe ou en Asie.

## Des routes plutôt que des tarifs

Pour les opérateurs, le principal frein n’est plus tarifaire. Les coûts de transport, la lenteur des passages aux frontières, la diversité des normes et les difficultés de paiement entre monnaies africaines pèsent davantage que les droits de douane, progressivement démantelés.

Un conteneur met parfois plus de temps à relier deux capitales voisines qu’à rejoindre un port européen, rappellent régulièrement les économistes du développement.

## Le Maroc, passerelle revendiquée

Le Maroc, qui a fait de l’Afrique une priorité de sa politique économique, entend jouer un rôle de plateforme grâce à ses ports, à ses banques implantées dans de nombreux pays du continent et à ses liaisons aériennes. Ses exportations vers l’Afrique subsaharienne restent néanmoins concentrées sur quelques pays d’Afrique de l’Ouest.

## Une montée en puissance lente

L’Union africaine mise sur le déploiement d’un système panafricain de paiement et de règlement, censé faciliter les transactions en monnaies locales. Les experts estiment toutefois qu’il faudra encore au moins une décennie pour que la Zlecaf tienne toutes ses promesses.`,
    authors: ['imane-chraibi'],
    tags: ['Union africaine', 'Afrique', 'Commerce'],
    minutesAgo: 1300,
  },
  {
    key: 'emploi-jeunes-propositions-partis',
    section: 'politique',
    title:
      'Emploi des jeunes : à l’approche des élections, les partis affûtent leurs propositions',
    lead: 'Avec un chômage qui dépasse 35 % chez les 15-24 ans, l’emploi des jeunes s’impose comme le premier thème de la pré-campagne. Majorité et opposition rivalisent de propositions, parfois difficiles à chiffrer.',
    body: `Les formations politiques n’ont pas encore publié leurs programmes, mais les grandes lignes se dessinent au fil des meetings régionaux et des universités d’été. Partout, le même constat : l’économie crée trop peu d’emplois pour absorber les centaines de milliers de jeunes qui arrivent chaque année sur le marché du travail.

## Formation, crédit, fiscalité

Du côté de la majorité, on met en avant le renforcement des programmes d’aide à l’emploi et les incitations fiscales pour les entreprises qui recrutent un premier salarié. Plusieurs partis de l’opposition plaident pour un vaste plan de formation qualifiante adossé aux besoins des régions, et pour un élargissement du crédit garanti aux jeunes porteurs de projets.

Certaines propositions circulent d’un camp à l’autre : la simplification du statut d’auto-entrepreneur, la création de « contrats de premier emploi » ou encore l’intégration progressive des travailleurs de l’informel dans la protection sociale.

## Le défi des jeunes « invisibles »

Les économistes rappellent qu’au-delà du chômage, le problème majeur concerne les jeunes qui ne sont ni en emploi, ni en études, ni en formation, en majorité des jeunes femmes. « Ces jeunes n’apparaissent pas toujours dans les statistiques du chômage, car beaucoup ont cessé de chercher », souligne une chercheuse en économie du travail.

## Des promesses à chiffrer

Reste la question du financement. Dans un contexte de consolidation budgétaire, les marges de manœuvre sont étroites, et plusieurs observateurs appellent les partis à présenter des évaluations précises du coût de leurs mesures. Une exigence de transparence que relaient aussi de nombreuses associations de la société civile.`,
    authors: ['salma-bennani', 'youssef-el-alaoui'],
    tags: ['Élections', 'Emploi', 'Jeunesse'],
    minutesAgo: 1640,
  },
  {
    key: 'lions-atlas-enjeux-rassemblement',
    section: 'sport',
    title:
      'Lions de l’Atlas : les enjeux d’un rassemblement pas comme les autres',
    lead: 'À quelques mois des prochaines échéances officielles, le staff de la sélection veut profiter de la trêve internationale pour affiner ses automatismes et tester de nouvelles options.',
    body: `Les Lions de l’Atlas abordent ce rassemblement avec un statut à assumer. Depuis leur parcours historique jusqu’en demi-finale de la Coupe du monde 2022, les attentes du public n’ont jamais été aussi élevées, et chaque regroupement est scruté comme un test grandeur nature.

## La question de l’axe défensif

Le principal chantier concerne la charnière centrale, fragilisée par plusieurs blessures en club. Le staff pourrait profiter des deux matchs amicaux pour essayer de nouvelles associations et évaluer l’équipe dans un système à trois défenseurs centraux, déjà expérimenté par séquences.

## La place des joueurs locaux

Autre enjeu : l’intégration de joueurs évoluant en Botola Pro. Plusieurs d’entre eux se sont distingués cette saison par leur régularité, et leur convocation serait un signal fort pour le championnat national, souvent éclipsé par la forte présence de joueurs formés en Europe.

## Cap sur 2030

Plus largement, la fédération a fait de la Coupe du monde 2030, coorganisée avec l’Espagne et le Portugal, l’horizon de son projet. Les structures de formation, à commencer par l’Académie Mohammed VI de football, ont vocation à alimenter la sélection dans la durée. Chaque rassemblement est aussi une étape de cette construction.`,
    authors: ['karim-berrada'],
    tags: ['Lions de l’Atlas', 'Football', 'Mondial 2030', 'Botola Pro'],
    minutesAgo: 1880,
  },
  {
    key: 'kenitra-usine-cablage-automobile',
    section: 'economie',
    title:
      'Automobile : un équipementier japonais inaugure une nouvelle usine de câblage à Kénitra',
    lead: 'Le site, installé dans l’Atlantic Free Zone, doit employer 2 500 personnes à terme. Il produira des faisceaux électriques pour des véhicules hybrides et électriques.',
    body: `L’unité de 38 000 mètres carrés a été inaugurée en présence du ministre de l’Industrie et du Commerce et des autorités de la région Rabat-Salé-Kénitra. Elle représente un investissement d’environ 600 millions de dirhams et constitue la quatrième implantation du groupe au Maroc.

## L’électrification comme moteur

Les faisceaux produits sur place seront destinés à des constructeurs européens, pour des modèles hybrides et électriques. Cette spécialisation illustre la montée en gamme de la filière automobile marocaine, qui cherche à se positionner sur les composants de la mobilité électrique.

Avec les usines d’assemblage de Kénitra et de Tanger, autour desquelles gravitent plusieurs centaines de fournisseurs, l’automobile est devenue le premier secteur exportateur du pays.

## Former à grande échelle

L’entreprise prévoit de recruter en trois vagues, avec un programme de formation de six semaines mené en partenariat avec un institut de formation aux métiers de l’automobile de la région. Près de 70 % des postes concernent des opérateurs de production, mais le site comptera aussi un centre d’ingénierie d’une centaine de techniciens.

Les syndicats locaux saluent la création d’emplois tout en appelant à une attention particulière aux conditions de travail et aux horaires, dans un secteur où la rotation du personnel reste élevée.`,
    authors: ['youssef-el-alaoui'],
    tags: ['Industrie', 'Automobile', 'Emploi'],
    minutesAgo: 1950,
  },
  {
    key: 'livre-edition-jeunesse-bande-dessinee',
    section: 'culture',
    title:
      'Livre : les éditeurs marocains misent sur la littérature jeunesse et la bande dessinée',
    lead: 'Face à la concurrence des écrans, plusieurs maisons d’édition de Casablanca et de Rabat développent des collections pour les enfants et les adolescents, en arabe, en amazighe et en français.',
    body: `Il y a encore une dizaine d’années, les rayons jeunesse des librairies marocaines étaient dominés par les titres importés. La situation évolue : une nouvelle génération d’éditeurs indépendants publie des albums illustrés, des romans pour adolescents et des bandes dessinées ancrés dans les réalités du pays.

## Des histoires qui leur ressemblent

« Les enfants ont besoin de se reconnaître dans les livres : leurs prénoms, leurs quartiers, leurs grands-mères », explique la fondatrice d’une jeune maison d’édition casablancaise. Ses albums, publiés en éditions bilingues, mettent en scène des héros qui vivent à Derb Ghallef, dans un village du Rif ou dans une oasis du Tafilalet.

## La bande dessinée en plein essor

La bande dessinée connaît un engouement particulier. Portée par des festivals, des ateliers dans les écoles d’art et une communauté active sur les réseaux sociaux, une scène d’auteurs marocains émerge, entre humour, science-fiction et chroniques sociales.

## Le prix, premier obstacle

Reste la question du prix. Un album illustré coûte souvent plus de 100 dirhams, un montant dissuasif pour de nombreuses familles. Les éditeurs plaident pour un renforcement des achats publics à destination des bibliothèques scolaires et municipales, seuls capables selon eux de garantir des tirages suffisants.`,
    authors: ['imane-chraibi'],
    tags: ['Livre', 'Jeunesse', 'Éducation'],
    minutesAgo: 2020,
  },
  {
    key: 'laayoune-parc-eolien-raccordement',
    section: 'regions',
    title: 'Laâyoune : un nouveau parc éolien raccordé au réseau national',
    lead: 'D’une capacité de 200 mégawatts, le parc installé à une trentaine de kilomètres de la ville renforce le poids des provinces du Sud dans la production d’électricité renouvelable.',
    body: `Les premières éoliennes du parc ont commencé à injecter leur production sur le réseau de l’Office national de l’électricité et de l’eau potable (ONEE). À pleine capacité, l’installation devrait couvrir l’équivalent de la consommation annuelle de plusieurs centaines de milliers de foyers.

## Un gisement de vent exceptionnel

La région de Laâyoune-Sakia El Hamra bénéficie de vents réguliers et puissants, parmi les plus favorables du pays. Plusieurs parcs y ont déjà été développés, faisant des provinces du Sud une pièce maîtresse de la stratégie énergétique nationale, qui vise à porter la part des renouvelables à plus de 52 % de la capacité électrique installée d’ici 2030.

## Des retombées locales

Pendant la construction, le chantier a mobilisé plusieurs centaines de travailleurs, en majorité recrutés localement. L’exploitation et la maintenance nécessiteront une soixantaine d’emplois permanents, pour lesquels des techniciens ont été formés dans un centre spécialisé de la région.

Le raccordement de ce parc relance aussi le débat sur les lignes à très haute tension destinées à relier les provinces du Sud au centre du pays, indispensables pour acheminer une production renouvelable appelée à croître fortement.`,
    authors: ['hamza-ouazzani'],
    tags: ['Laâyoune', 'Énergies renouvelables'],
    minutesAgo: 2105,
  },
  {
    key: 'casablanca-loyers-quartiers-centraux',
    section: 'societe',
    title:
      'Logement : à Casablanca, les loyers poursuivent leur envolée dans les quartiers centraux',
    lead: 'Maârif, Gauthier, Racine : dans les quartiers prisés de la métropole, les loyers ont encore progressé sur un an. Les jeunes actifs sont les premiers à en faire les frais.',
    body: `Trouver un deux-pièces à moins de 6 000 dirhams par mois dans le centre de Casablanca relève désormais de l’exploit. Selon plusieurs agences immobilières, les loyers ont progressé de 8 à 12 % en un an dans les quartiers les plus recherchés, une hausse bien supérieure à celle des salaires.

## Une demande qui ne faiblit pas

La pression s’explique par l’afflux de cadres attirés par les quartiers d’affaires, mais aussi par l’essor de la location meublée de courte durée, plus rentable pour les propriétaires. « Beaucoup de bailleurs préfèrent louer à la nuitée plutôt qu’à l’année, ce qui retire des logements du marché », observe un agent immobilier du Maârif.

Résultat : de nombreux jeunes actifs s’installent en périphérie, à Bouskoura, Dar Bouazza ou Had Soualem, au prix de longs trajets quotidiens.

## Colocation et aide au logement

La colocation, longtemps marginale, se développe rapidement chez les 25-35 ans. Les aides publiques, centrées sur l’accession à la propriété, ont permis à de nombreux ménages d’acquérir un premier bien, mais elles ne répondent pas à la situation des locataires.

Les professionnels plaident pour un cadre incitatif en faveur du logement locatif intermédiaire, avec des avantages fiscaux pour les investisseurs qui s’engagent à louer à des loyers plafonnés sur une longue durée.`,
    authors: ['nadia-tazi', 'youssef-el-alaoui'],
    tags: ['Logement', 'Casablanca', 'Jeunesse'],
    minutesAgo: 2210,
  },
  {
    key: 'amo-generalisation-epreuve-terrain',
    section: 'sante',
    title:
      'Assurance maladie obligatoire : la généralisation à l’épreuve du terrain',
    lead: 'Des millions de Marocains ont rejoint l’AMO ces dernières années. Mais entre délais de remboursement, reste à charge et offre de soins inégale, les assurés pointent encore de nombreuses difficultés.',
    body: `Sur le papier, le chantier est l’un des plus ambitieux de la décennie : étendre la couverture médicale de base à l’ensemble de la population, y compris aux travailleurs non salariés et aux anciens bénéficiaires du Ramed. Dans les faits, l’immatriculation a fortement progressé, mais l’accès effectif aux soins reste inégal.

## Le reste à charge en question

Pour de nombreux assurés, le principal frein est financier. Les tarifs de référence, sur la base desquels sont calculés les remboursements, n’ont pas été révisés depuis longtemps, et l’écart avec les honoraires pratiqués dans les cliniques privées peut être considérable. « Je suis remboursée, mais sur une base qui ne correspond à rien », résume une enseignante de Meknès.

## Un hôpital public à renforcer

Les spécialistes rappellent que l’assurance ne suffit pas sans offre de soins. La mise à niveau des hôpitaux publics, engagée avec la création des groupements sanitaires territoriaux, doit permettre aux assurés de trouver des soins de qualité sans se tourner systématiquement vers le privé.

## Les chantiers prioritaires

Parmi les pistes avancées par les acteurs du secteur :

- la révision de la tarification nationale de référence ;
- la dématérialisation complète des feuilles de soins pour accélérer les remboursements ;
- un meilleur contrôle des dépassements d’honoraires ;
- une information plus claire des assurés sur leurs droits.

Autant de mesures qui conditionneront, selon les professionnels, l’adhésion durable des Marocains à cette réforme.`,
    authors: ['nadia-tazi', 'youssef-el-alaoui', 'salma-bennani'],
    tags: ['Santé publique', 'Protection sociale'],
    minutesAgo: 2380,
  },
  {
    key: 'hydrogene-vert-rabat-bruxelles',
    section: 'monde',
    title:
      'Hydrogène vert : Rabat et Bruxelles veulent accélérer leur partenariat énergétique',
    lead: 'Lors d’une réunion technique à Bruxelles, responsables marocains et européens ont discuté des conditions d’exportation de l’hydrogène et de ses dérivés vers l’Europe. Les questions de certification et d’usage de l’eau restent ouvertes.',
    body: `Le Maroc a été, en 2022, le premier pays à conclure un « partenariat vert » avec l’Union européenne. Ses déclinaisons concrètes se précisent : la dernière réunion technique, tenue à Bruxelles, a porté sur l’hydrogène vert, l’ammoniac et les carburants de synthèse, que l’Europe entend importer en grandes quantités d’ici 2030.

## Des atouts solaires et éoliens

Avec un ensoleillement exceptionnel, des vents réguliers sur la façade atlantique et de vastes espaces disponibles, le Royaume figure parmi les producteurs potentiels les plus compétitifs. Le gouvernement a adopté une offre dédiée pour attirer les investisseurs, avec la mise à disposition de foncier public.

## La question de l’eau

La production d’hydrogène par électrolyse nécessite de l’eau, une ressource rare dans un pays confronté à un stress hydrique sévère. Les projets devront s’appuyer sur le dessalement de l’eau de mer, un point sur lequel la partie marocaine se montre intransigeante.

## Normes et certification

Côté européen, l’enjeu porte sur la certification : pour être comptabilisé comme renouvelable dans l’Union, l’hydrogène importé doit respecter des critères stricts sur l’origine de l’électricité utilisée. Les deux parties sont convenues de créer un groupe de travail conjoint pour harmoniser ces règles.`,
    authors: ['imane-chraibi', 'youssef-el-alaoui'],
    tags: ['Énergies renouvelables', 'Union européenne', 'Stress hydrique'],
    minutesAgo: 2530,
  },
  {
    key: 'rabat-conference-etats-atlantiques',
    section: 'politique',
    title:
      'Façade atlantique : Rabat accueille une conférence ministérielle des pays africains riverains',
    lead: 'Une vingtaine de délégations ont débattu de sécurité maritime, de pêche durable et de connectivité portuaire. La déclaration finale prévoit la création d’un secrétariat permanent.',
    body: `Pendant deux jours, ministres et hauts fonctionnaires des États africains bordant l’Atlantique, du détroit de Gibraltar au cap de Bonne-Espérance, se sont réunis à Rabat pour faire avancer un cadre de coopération lancé il y a quelques années.

## Trois priorités

La déclaration finale retient trois axes de travail :

- la sécurité et la sûreté maritimes, face à la piraterie, à la pêche illégale et aux trafics ;
- l’économie bleue, avec un accent sur la pêche artisanale et l’aquaculture ;
- la connectivité, par la mise en réseau des ports et le développement du cabotage régional.

## Un secrétariat permanent

Principale avancée institutionnelle, les participants se sont accordés sur la création d’un secrétariat permanent, chargé de suivre la mise en œuvre des projets et de préparer les réunions ministérielles. Son siège et son financement feront l’objet de discussions au cours des prochains mois.

Pour la diplomatie marocaine, cette conférence s’inscrit dans une vision de l’espace atlantique comme lieu de paix, de prospérité partagée et d’intégration, en lien avec l’initiative visant à ouvrir l’océan aux pays du Sahel.

## Des attentes concrètes

Plusieurs délégations ont toutefois appelé à passer rapidement des déclarations aux projets. « Nos pêcheurs n’ont pas besoin de nouveaux communiqués, mais de garde-côtes équipés et de marchés accessibles », a lancé un ministre ouest-africain lors de la séance de clôture.`,
    authors: ['salma-bennani', 'imane-chraibi'],
    tags: ['Diplomatie', 'Afrique', 'Rabat'],
    minutesAgo: 2700,
  },
  {
    key: 'fes-restauration-fondouks-medina',
    section: 'regions',
    title:
      'Fès : la restauration des fondouks de la médina entre dans sa dernière phase',
    lead: 'Ces anciens caravansérails, longtemps laissés à l’abandon, retrouvent une seconde vie. Artisans, créateurs et visiteurs sont appelés à y cohabiter.',
    body: `Dans les ruelles de Fès el-Bali, les échafaudages commencent à disparaître. Le programme de réhabilitation des fondouks de la médina — ces anciens entrepôts-auberges où les marchands déposaient leurs marchandises et logeaient leurs bêtes — entre dans sa dernière phase.

## Un savoir-faire mobilisé

Les travaux ont mobilisé des dizaines de maâlems, maîtres artisans du zellige, du bois de cèdre sculpté et du plâtre ciselé. Les équipes ont privilégié les matériaux et techniques traditionnels : chaux, briques pleines, bois local. « Chaque fondouk est unique. On commence par comprendre comment il a été bâti avant de toucher la moindre pierre », explique un architecte du patrimoine associé au chantier.

## Des lieux à faire vivre

L’enjeu, désormais, est d’éviter que ces bâtiments restaurés ne deviennent des coquilles vides. Plusieurs fondouks accueilleront des ateliers d’artisans, d’autres des espaces d’exposition, des résidences d’artistes ou des lieux de formation aux métiers du patrimoine.

Les associations d’habitants demandent que les artisans historiques de la médina ne soient pas évincés par la hausse des loyers qui accompagne souvent ce type de réhabilitation.

## Un atout touristique

Pour les professionnels du tourisme, ces lieux renforcent l’attrait d’une ville qui mise sur un tourisme culturel de séjour, plus long et mieux réparti sur l’année. La médina de Fès est inscrite au patrimoine mondial de l’Unesco depuis 1981.`,
    authors: ['hamza-ouazzani', 'imane-chraibi'],
    tags: ['Fès', 'Patrimoine', 'Tourisme'],
    minutesAgo: 2870,
  },
  {
    key: 'tribune-secheresse-culture-sobriete',
    section: 'societe',
    title:
      'Tribune — Sécheresse : après l’urgence, bâtir une culture de la sobriété',
    lead: 'Pour l’hydrologue Rachid Belkadi, les grands ouvrages ne suffiront pas : la sécurité hydrique du Maroc passe aussi par un changement durable des usages, dans les villes comme dans les champs.',
    body: `Depuis plusieurs années, la succession des saisons sèches a fait entrer l’expression « stress hydrique » dans le vocabulaire quotidien. Les coupures nocturnes, les restrictions d’arrosage et les images de barrages à moitié vides ont rendu visible ce que les spécialistes annonçaient depuis longtemps : le Maroc vit au-dessus de ses moyens en eau.

## Le piège de l’offre

La tentation est forte de répondre à la pénurie uniquement par l’offre : davantage de barrages, de stations de dessalement, de transferts. Ces investissements sont nécessaires. Mais ils ont un coût énergétique et financier élevé, et ils risquent d’entretenir l’illusion d’une ressource illimitée.

## Changer les usages

L’agriculture mobilise l’essentiel de l’eau consommée dans le pays. Le passage au goutte-à-goutte a permis des économies réelles à la parcelle, mais il a souvent conduit à étendre les surfaces irriguées, annulant une partie des gains. Sans plafonds de prélèvement par nappe, strictement contrôlés, l’efficacité technique ne se traduit pas en économies globales.

En ville, les marges de progrès sont importantes : réduction des fuites, récupération des eaux de pluie, réutilisation des eaux grises dans les constructions neuves, tarification qui récompense la sobriété.

> La sobriété n’est pas une privation : c’est la condition pour que nos enfants aient encore le choix.

## Une affaire collective

Rien de tout cela ne réussira sans l’adhésion des citoyens. L’école, les mosquées, les associations de quartier et les médias ont chacun un rôle à jouer pour installer durablement de nouveaux réflexes. La sécheresse n’est pas un épisode : elle est notre nouveau climat.

*Rachid Belkadi est hydrologue et consultant auprès de collectivités territoriales.*`,
    authors: ['rachid-belkadi'],
    tags: ['Stress hydrique', 'Tribune', 'Agriculture', 'Climat'],
    minutesAgo: 3050,
  },
  {
    key: 'tribune-epargne-menages-financement',
    section: 'economie',
    title:
      'Tribune — L’épargne des ménages, angle mort du financement de l’économie',
    lead: 'Pour l’économiste Leïla Amrani, le Maroc ne pourra financer ses grands chantiers sans mobiliser davantage l’épargne longue des ménages, aujourd’hui largement dormante.',
    body: `Les grands projets annoncés ces dernières années — infrastructures sportives, dessalement, lignes ferroviaires, énergies renouvelables — ont un point commun : ils exigent des financements longs, sur vingt ou trente ans. Or l’essentiel de l’épargne des ménages marocains reste placé à court terme, en dépôts à vue, quand elle n’est pas conservée hors du système bancaire.

## Une épargne abondante mais mal orientée

Le paradoxe n’est qu’apparent. Les ménages épargnent, parfois beaucoup, mais privilégient la liquidité et l’immobilier. La part investie dans des produits de long terme — assurance-vie, retraite complémentaire, actions — demeure faible au regard des pays à revenu comparable.

Plusieurs raisons l’expliquent : une culture financière encore limitée, une méfiance persistante envers la Bourse et une offre de produits peu lisible pour le grand public.

## Trois pistes

Pour changer la donne, trois leviers me semblent prioritaires :

1. simplifier et harmoniser la fiscalité des produits d’épargne longue, pour la rendre plus incitative et plus compréhensible ;
2. développer une offre d’épargne participative de long terme, qui répondrait aux attentes d’une partie des épargnants ;
3. faire de l’éducation financière un enseignement à part entière dès le lycée.

## Un enjeu de souveraineté

Mobiliser l’épargne domestique n’est pas qu’une question technique. C’est aussi une manière de réduire la dépendance aux financements extérieurs et de permettre aux citoyens de devenir, concrètement, actionnaires des projets qui transforment leur pays.

*Leïla Amrani est économiste et enseignante-chercheuse en finances publiques.*`,
    authors: ['leila-amrani'],
    tags: ['Tribune', 'Épargne', 'Bourse de Casablanca'],
    minutesAgo: 3300,
  },
  {
    key: 'ifrane-releve-demi-fond-stage',
    section: 'sport',
    title:
      'Athlétisme : à Ifrane, la relève du demi-fond marocain prépare la saison en altitude',
    lead: 'Une quarantaine de jeunes coureurs, du 800 mètres au 3 000 mètres steeple, sont en stage au centre national d’Ifrane. La fédération mise sur l’altitude et un suivi scientifique renforcé.',
    body: `À plus de 1 600 mètres d’altitude, l’air vif du Moyen Atlas se prête aux longues sorties matinales. Depuis deux semaines, le centre national d’athlétisme d’Ifrane accueille les meilleurs espoirs du demi-fond marocain, âgés de 16 à 22 ans.

## Dans les pas des aînés

Le Maroc entretient une longue tradition dans les courses de demi-fond, du 1 500 mètres au steeple, disciplines dans lesquelles le pays a décroché de nombreux titres olympiques et mondiaux. Les jeunes athlètes en stage ont tous grandi avec ces références, et l’ambition de prendre le relais.

« Ici, on apprend la patience. Les résultats ne viennent pas en une saison », confie un entraîneur fédéral, lui-même ancien international.

## Un suivi plus scientifique

Nouveauté cette année : chaque athlète bénéficie d’un suivi physiologique individualisé, avec des tests réguliers, une analyse de la foulée et un accompagnement nutritionnel. La fédération a également fait appel à un préparateur mental, un poste encore rare dans l’athlétisme national.

Les meilleurs éléments du stage seront engagés dans plusieurs meetings internationaux, avec en ligne de mire les prochains championnats d’Afrique juniors.`,
    authors: ['karim-berrada', 'hamza-ouazzani'],
    tags: ['Athlétisme', 'Ifrane', 'Jeunesse'],
    minutesAgo: 3500,
  },
  {
    key: 'essaouira-transmission-art-gnaoua',
    section: 'culture',
    title:
      'Musique : à Essaouira, un atelier pour transmettre l’art gnaoua aux jeunes générations',
    lead: 'Lancé par une association locale, l’atelier accueille chaque semaine une quarantaine d’adolescents. Objectif : préserver un patrimoine reconnu par l’Unesco tout en l’ouvrant à de nouveaux publics.',
    body: `Dans une maison de la médina d’Essaouira, le son grave du guembri résonne dès la sortie des classes. Autour d’un maâlem, une dizaine d’adolescents apprennent à tenir le rythme des qraqeb, ces lourdes castagnettes métalliques qui accompagnent les chants gnaoua.

## Une tradition vivante

Inscrite en 2019 sur la liste du patrimoine culturel immatériel de l’humanité, la tradition gnaoua s’est longtemps transmise au sein des familles, de maître à apprenti. L’association qui porte le projet a voulu structurer cette transmission sans en trahir l’esprit. « On n’apprend pas le gnaoua dans un livre. On l’apprend en écoutant, en répétant, en vivant la lila », souligne le maâlem qui encadre les ateliers.

## Entre rituel et scène

Les jeunes découvrent aussi l’histoire de cette musique, ses racines subsahariennes et sa dimension spirituelle. Certains rêvent déjà de se produire sur les grandes scènes des festivals ; d’autres veulent simplement perpétuer une tradition familiale.

La place des filles, longtemps tenues à l’écart de la pratique instrumentale, fait aussi partie du projet : un tiers des participants sont aujourd’hui des adolescentes.

## Un soutien à pérenniser

L’atelier fonctionne grâce au soutien de la commune et de quelques mécènes. Ses responsables espèrent obtenir un financement pluriannuel afin d’ouvrir d’autres antennes dans la région, jusqu’à Marrakech.`,
    authors: ['imane-chraibi'],
    tags: ['Patrimoine', 'Musique', 'Festival'],
    minutesAgo: 3620,
  },
  {
    key: 'diabete-campagne-depistage-gratuit',
    section: 'sante',
    title:
      'Diabète : une campagne nationale de dépistage gratuit dans les centres de santé',
    lead: 'Pendant un mois, les centres de santé de proximité proposent un test de glycémie gratuit aux adultes de plus de 40 ans. Nombre de diabétiques ignorent encore leur maladie.',
    body: `Le diabète touche une part croissante de la population marocaine, sous l’effet du vieillissement, de la sédentarité et de l’évolution des habitudes alimentaires. Or la maladie peut rester silencieuse pendant des années, jusqu’à l’apparition de complications graves : atteintes des reins, des yeux, des nerfs ou du cœur.

## Un test simple et rapide

La campagne lancée par le ministère de la Santé et de la Protection sociale propose un test de glycémie capillaire, réalisé en quelques minutes par une piqûre au bout du doigt. Le dépistage s’accompagne d’une mesure de la tension artérielle et du tour de taille.

En cas de résultat anormal, les personnes concernées sont orientées vers un médecin pour un bilan complet et, si nécessaire, une prise en charge.

## Prévenir plutôt que guérir

Les professionnels de santé rappellent que des gestes simples réduisent nettement le risque de diabète de type 2 :

- pratiquer au moins trente minutes d’activité physique par jour, ne serait-ce qu’une marche rapide ;
- limiter les boissons sucrées et les produits ultratransformés ;
- privilégier les légumes, les légumineuses et les céréales complètes ;
- surveiller son poids, en particulier le tour de taille.

> « Le thé très sucré, trois ou quatre fois par jour, c’est une habitude culturelle qui pèse lourd », souligne une endocrinologue d’un hôpital de Rabat.

La liste des centres participants est affichée dans chaque délégation provinciale de la santé.`,
    authors: ['nadia-tazi'],
    tags: ['Santé publique', 'Prévention'],
    minutesAgo: 3900,
  },
  {
    key: 'climat-afrique-financement-adaptation',
    section: 'monde',
    title:
      'Climat : les pays africains haussent le ton sur le financement de l’adaptation',
    lead: 'Réunis à Addis-Abeba, les négociateurs africains ont adopté une position commune en vue de la prochaine conférence des Nations unies sur le climat. Ils réclament un triplement des fonds consacrés à l’adaptation.',
    body: `Le continent africain émet une très faible part des gaz à effet de serre de la planète, mais il figure parmi les plus exposés aux effets du réchauffement : sécheresses prolongées, inondations, érosion côtière, baisse des rendements agricoles. C’est sur ce constat que s’est ouverte la réunion préparatoire des négociateurs africains.

## L’adaptation, parent pauvre

La position commune souligne le déséquilibre entre les financements consacrés à la réduction des émissions et ceux destinés à l’adaptation, c’est-à-dire à la protection des populations face aux impacts déjà visibles. Les négociateurs demandent un triplement de ces derniers et un accès simplifié pour les collectivités locales.

## Des prêts plutôt que des dons

Autre grief : la part croissante des financements climatiques accordés sous forme de prêts, qui alourdissent la dette de pays déjà fragilisés. « On ne peut pas demander aux pays les moins responsables du réchauffement de s’endetter pour s’en protéger », a déclaré un négociateur d’Afrique de l’Est.

Le Maroc, qui avait accueilli la COP22 à Marrakech en 2016, a plaidé pour des mécanismes favorisant les projets régionaux, notamment dans la gestion de l’eau et l’agriculture résiliente.`,
    authors: ['imane-chraibi'],
    tags: ['Climat', 'Afrique', 'Union africaine', 'Marrakech'],
    minutesAgo: 4150,
  },
  {
    key: 'marrakech-hoteliers-saison-record',
    section: 'regions',
    title:
      'Marrakech : les hôteliers tablent sur une saison record, portée par les nouvelles liaisons aériennes',
    lead: 'Avec l’ouverture de nouvelles lignes vers l’Europe et le Golfe, la ville ocre anticipe une hausse sensible des nuitées. Les professionnels alertent toutefois sur la pénurie de main-d’œuvre qualifiée.',
    body: `Les chiffres donnent le sourire aux hôteliers de Marrakech. Selon les professionnels du secteur, les réservations pour les prochains mois sont en hausse de près de 15 % par rapport à la même période de l’an dernier, portées par l’ouverture de nouvelles lignes aériennes.

## L’effet des nouvelles lignes

L’aéroport de Marrakech-Ménara accueille désormais des vols directs vers plusieurs villes européennes jusque-là non desservies, ainsi que de nouvelles fréquences vers le Golfe. Les compagnies misent sur une clientèle de courts séjours, attirée par le climat, la gastronomie et l’offre culturelle.

## Pénurie de personnel

Derrière ce dynamisme, une inquiétude revient dans toutes les conversations : le manque de personnel qualifié. Cuisiniers, réceptionnistes, gouvernantes : de nombreux établissements peinent à recruter, et les écoles hôtelières ne forment pas assez de profils pour répondre à la demande.

« Nous pourrions accueillir davantage de clients, mais nous n’avons pas les équipes pour maintenir le niveau de service », reconnaît la directrice d’un riad de la médina.

## Vers un tourisme mieux réparti

Les acteurs régionaux veulent profiter de cette dynamique pour diffuser les retombées vers l’arrière-pays : vallée de l’Ourika, Al Haouz, Imlil. Des circuits valorisant les coopératives et l’hébergement chez l’habitant sont en cours de structuration, notamment dans les zones touchées par le séisme de 2023.`,
    authors: ['hamza-ouazzani', 'youssef-el-alaoui'],
    tags: ['Marrakech', 'Tourisme', 'Emploi'],
    minutesAgo: 4280,
  },
];
