// A document's head: a letterhead in capitals, and the outlets whose mastheads are not an issuer's.

// (Not a news outlet's own section: "Wolds Sound 96.3 FM | News | Education" is the station's reporting.)
export const OUTLET =
  /\b(?:FM|AM|Radio|TV|Television|News|Times|Post|Gazette|Herald|Chronicle|Courier|Mercury|Echo|Journal|Tribune|Observer|Telegraph|Express|Today|Daily|Weekly|Press|Magazine|Clarion|Sentinel|Examiner|Advertiser|Argus|Dispatch|Globe|Star|Standard|Register)\b/i;

// "WESTERN HEALTH BOARD" alone on the first line, above "Public Health Bulletin No. 14": the issuer's letterhead,
// when no sayer in the lead names it.
// "SECOURS ALPIN VALDORÉ – MOUNTAIN RESCUE SERVICE": capitals beyond ASCII, and the first of two names joined by a dash
// ("FOOD SECURITY CLUSTER - TALVERA": a spaced hyphen too).
// ("NATIONAL SERVICE OF CIVIL PROTECTION AND FIREMEN (SNPCB)": its acronym after it; "VALTRIA RAIL a.s.": a legal form
// in lower case; 'NATIONAL PARK "KOSAVA MOUNTAINS"': a name in quotes.)
const LETTERHEAD =
  /^\s*(\p{Lu}[\p{Lu}&'’.-]+(?:,?[ \t]+(?:&|["“]?\p{Lu}[\p{Lu}&'’./-]*["”]?)){1,7})(?:[ \t]+\(\p{Lu}{2,8}\))?(?:[ \t]+(?:a\.s\.|s\.r\.o\.|d\.o\.o\.|s\.p\.a\.|GmbH|plc|Ltd))?(?:[ \t]+[-–—][ \t][^\n]*)?[ \t]*\n/u;
/** The letterhead's name, title-cased; not a line `marker` matches (a genre's furniture in capitals). */
export const letterhead = (text: string, marker?: RegExp): string | undefined => {
  const line = LETTERHEAD.exec(text)?.[1];
  if (!line || marker?.test(line)) return undefined;
  return titleCase(line.replace(/["“”]/g, ''));
};

/** "STRATHMOOR AND LENN HEALTH BOARD" → "Strathmoor and Lenn Health Board" (an acronym such as "NHS" kept); mixed case as is. */
export const titleCase = (line: string): string =>
  /[a-z]/.test(line)
    ? line
    : line
        .split(/\s+/)
        // Particles of Romance names ("MINERA CORDILLERA DEL LOA S.A.") stay lower case; a dotted legal form ("S.A.") stays as written.
        .map((w) =>
          /^(?:OF|AND|FOR|THE|DE|DEL|DA|DO|DOS|LA|LE|DI|VON|VAN)$/.test(w)
            ? w.toLowerCase()
            : (w.length <= 3 && !/[AEIOU]/.test(w)) || /^(?:[A-Z]\.){2,}$/.test(w) || w.includes('/')
              ? w
              : w[0] + w.slice(1).toLowerCase(),
        )
        .join(' ');
