/**
 * Common English given names and their nicknames, each group under the name it stands for, so
 * "Bob", "Rob" and "Robert" compare as one name. Kept short on purpose: the names wineries'
 * customers mostly have; a typo or an accent is caught by the distance and the normalization.
 */
const GROUPS: Record<string, string[]> = {
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  william: ['bill', 'billy', 'will', 'willy', 'liam'],
  richard: ['rick', 'ricky', 'dick', 'rich', 'richie'],
  james: ['jim', 'jimmy', 'jamie'],
  john: ['jack', 'johnny', 'jon'],
  joseph: ['joe', 'joey'],
  michael: ['mike', 'mikey', 'mick'],
  thomas: ['tom', 'tommy'],
  charles: ['charlie', 'chuck', 'chas'],
  christopher: ['chris', 'kit'],
  daniel: ['dan', 'danny'],
  david: ['dave', 'davey'],
  edward: ['ed', 'eddie', 'ted', 'ned'],
  anthony: ['tony'],
  andrew: ['andy', 'drew'],
  matthew: ['matt'],
  nicholas: ['nick', 'nicky'],
  steven: ['steve', 'stephen'],
  benjamin: ['ben', 'benny'],
  samuel: ['sam', 'sammy'],
  alexander: ['alex', 'al', 'sandy'],
  jonathan: ['jon', 'jonny'],
  timothy: ['tim', 'timmy'],
  patrick: ['pat', 'paddy'],
  peter: ['pete'],
  gregory: ['greg'],
  kenneth: ['ken', 'kenny'],
  ronald: ['ron', 'ronnie'],
  donald: ['don', 'donnie'],
  gerald: ['gerry', 'jerry'],
  lawrence: ['larry'],
  leonard: ['leo', 'len', 'lenny'],
  frederick: ['fred', 'freddie'],
  francis: ['frank', 'fran'],
  henry: ['hank', 'harry'],
  harold: ['hal', 'harry'],
  raymond: ['ray'],
  walter: ['walt', 'wally'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby', 'elisabeth'],
  margaret: ['maggie', 'meg', 'peggy', 'marge', 'greta'],
  katherine: ['kate', 'katie', 'kathy', 'kat', 'catherine', 'kathryn', 'cathy'],
  jennifer: ['jen', 'jenny'],
  patricia: ['pat', 'patty', 'trish', 'tricia'],
  susan: ['sue', 'suzy', 'susie'],
  deborah: ['deb', 'debbie', 'debra'],
  rebecca: ['becky', 'becca'],
  jessica: ['jess', 'jessie'],
  victoria: ['vicky', 'tori'],
  christine: ['chris', 'chrissy', 'tina', 'christina'],
  alexandra: ['alex', 'sandra', 'lexi'],
  samantha: ['sam', 'sammy'],
  abigail: ['abby', 'gail'],
  barbara: ['barb', 'babs'],
  dorothy: ['dot', 'dottie'],
  judith: ['judy'],
  pamela: ['pam'],
  cynthia: ['cindy'],
  kimberly: ['kim'],
  jacqueline: ['jackie'],
  theresa: ['terry', 'tess', 'teresa'],
  virginia: ['ginny'],
  josephine: ['jo', 'josie'],
  eleanor: ['ellie', 'nora', 'elle'],
  ann: ['anne', 'annie', 'anna', 'nancy'],
  mary: ['molly', 'polly', 'mae'],
  sarah: ['sara', 'sally'],
};

const canonical = new Map<string, string>();
for (const [name, nicknames] of Object.entries(GROUPS)) {
  canonical.set(name, name);
  for (const nickname of nicknames) if (!canonical.has(nickname)) canonical.set(nickname, name);
}

/** The name a given name stands for ("bob" → "robert"); the name itself when it is no one's nickname. */
export function formalName(normalized: string): string {
  return canonical.get(normalized) ?? normalized;
}

/** Whether two normalized given names are one name by nickname ("bob" and "robert", "bob" and "rob"). */
export function sameByNickname(a: string, b: string): boolean {
  if (a === b) return true;
  const groupsOf = (name: string) => new Set([formalName(name), ...Object.entries(GROUPS).filter(([, nicks]) => nicks.includes(name)).map(([formal]) => formal)]);
  const left = groupsOf(a);
  return [...groupsOf(b)].some((formal) => left.has(formal));
}
