"""Words the CV structure parser recognises: section headings, job-title heads, employer and
institution words, degree levels. Plain data, no Odoo."""
import functools
import re

# heading words -> section kind; a heading is made only of these words and the modifiers below
HEADING_WORDS = {
    "experience": "experience", "experiences": "experience", "employment": "experience", "work": "experience",
    "career": "experience", "positions": "experience", "history": "experience", "jobs": "experience",
    "internships": "experience", "internship": "experience",
    "education": "education", "academic": "education", "academics": "education", "qualifications": "education",
    "qualification": "education", "degrees": "education", "studies": "education", "schooling": "education",
    "educational": "education",
    "skills": "skills", "skill": "skills", "competencies": "skills", "competences": "skills",
    "competency": "skills", "expertise": "skills", "technologies": "skills", "tools": "skills",
    "stack": "skills", "proficiencies": "skills", "abilities": "skills",
    "projects": "projects", "project": "projects", "portfolio": "projects",
    "summary": "summary", "profile": "summary", "objective": "summary", "objectives": "summary",
    "about": "summary", "overview": "summary", "statement": "summary", "introduction": "summary",
    "certifications": "other", "certification": "other", "certificates": "other", "licenses": "other",
    "languages": "other", "interests": "other", "hobbies": "other", "references": "other",
    "awards": "other", "honors": "other", "honours": "other", "publications": "other",
    "volunteering": "other", "volunteer": "other", "activities": "other", "achievements": "other",
    "accomplishments": "other", "courses": "other", "training": "other", "trainings": "other",
    "memberships": "other", "affiliations": "other", "contact": "other", "details": None,
    "information": "other", "info": "other", "personal": "other", "additional": None, "extracurricular": "other",
    "strengths": "skills", "declaration": "other", "conferences": "other", "patents": "other",
}
# words that may come with a heading word without changing its kind
HEADING_MODIFIERS = set("""
professional relevant recent work key core technical selected other additional my and & of in the
career employment previous prior main notable it computer software soft hard language
full detailed academic personal project company top
""".split())
# exact headings whose words alone would mislead
HEADING_EXACT = {
    "work history": "experience", "employment history": "experience", "career history": "experience",
    "professional background": "experience", "company details": "experience", "work experience": "experience",
    "professional experience": "experience", "experience details": "experience",
    "education details": "education", "academic background": "education", "academic details": "education",
    "skill details": "skills", "technical skills": "skills", "areas of expertise": "skills",
    "personal details": "other", "personal information": "other", "personal data": "other",
    "personal profile": "summary", "career objective": "summary", "professional summary": "summary",
    "about me": "summary", "areas of interest": "other", "curriculum vitae": None, "resume": None, "cv": None,
    "résumé": None, "volunteer experience": "other", "training and courses": "other",
    "education and training": "education", "education & training": "education",
    "languages and tools": "skills", "tools and technologies": "skills", "project details": "projects",
    "key projects": "projects", "academic projects": "projects", "personal projects": "projects",
}
# the kind a heading's first significant word gives wins, except these (tie-breakers)
HEADING_PRIORITY = ("experience", "education", "projects", "skills", "summary", "other")

# last words of job titles
TITLE_HEADS = set("""
engineer engineers developer developers manager managers analyst analysts specialist consultant assistant
director lead leader officer coordinator nurse teacher designer accountant administrator admin intern trainee
architect scientist technician representative rep associate executive head supervisor clerk agent advisor
adviser programmer tester operator worker driver chef cook cashier owner founder cofounder co-founder
president vp cto ceo cfo coo cio cmo partner researcher lecturer professor instructor tutor trainer coach
writer editor journalist author translator interpreter therapist physician doctor surgeon pharmacist dentist
paralegal lawyer attorney advocate counsel solicitor barrister auditor controller bookkeeper economist
statistician mechanic electrician plumber carpenter welder machinist fitter foreman superintendent inspector
surveyor planner buyer merchandiser recruiter generalist steward stewardess attendant receptionist
secretary librarian curator photographer artist illustrator animator producer marketer strategist owner
contractor freelancer volunteer fellow postdoc apprentice helper handler courier dispatcher scheduler
estimator underwriter actuary broker banker teller investigator detective guard caretaker cleaner janitor
housekeeper nanny caregiver aide paramedic midwife psychologist counselor counsellor socialworker
dietitian nutritionist physiotherapist optometrist veterinarian vet hygienist radiographer sonographer
technologist chemist biologist physicist geologist mathematician ambassador evangelist specialist
principal partner chair chairman chairperson member staff crew waiter waitress bartender barista server
host hostess manager mgr dev devops sre sdet qa sales salesperson storekeeper warehouseman picker packer
operative labourer laborer foreperson analyst/developer
""".split())
TITLE_WORDS = TITLE_HEADS | set("""
senior junior jr sr principal staff chief deputy assistant associate lead head trainee graduate
software data web frontend front-end backend back-end full-stack fullstack mobile cloud network
systems system product project program marketing sales customer support account business financial
finance hr human resources operations quality test qa devops security research clinical registered
""".split())
EMPLOYER_WORDS = set("""
inc inc. ltd ltd. llc llp plc gmbh ag sa sas sarl bv nv kg co co. corp corp. corporation company group
holdings holding limited lp pty pvt private technologies technology tech solutions systems services
consulting consultancy consultants labs lab studio studios agency bank hospital clinic university college
school institute foundation partners associates industries international global enterprises ventures
software networks media ministry council department authority office government gmbh & logistics
manufacturing pharmaceuticals pharma insurance capital securities airlines airways motors energy retail
stores restaurant hotel trust society ngo
""".split())
INSTITUTION_WORDS = set("""
university universität universidad université università universiteit college school institute
institut academy polytechnic polytechnique hochschule faculty conservatory seminary iit nit bits
gymnasium lycée lycee
""".split())
LOCATION_WORDS = set("""
remote hybrid onsite on-site usa us uk u.k. u.s. germany france india canada spain italy netherlands
""".split())
EMPLOYMENT_TYPES = re.compile(
    r"^\(?\s*(full[- ]?time|part[- ]?time|contract|contractor|freelance|temporary|temp|permanent|"
    r"internship|seasonal|self[- ]employed|remote|hybrid|on[- ]?site|fixed[- ]term( contract)?|zero[- ]hours?( contract)?|"
    r"(maternity|paternity|parental)( leave)? cover|secondment|interim|locum|bank( staff)?|agency( staff)?)\s*\)?$", re.I)

# degree levels: (level, pattern), most specific first; abbreviations need word boundaries
DEGREE_PATTERNS = [
    ("doctorate", r"ph\.?\s?d\.?|d\.?\s?phil\.?|doctor(ate)?\s+(of|in)\b|doctoral|ed\.?d\.?|dr\.?\s?rer|\bdba\b"),
    ("master", r"master'?s?|m\.?\s?sc\.?|m\.\s?s\.|\bms\b|m\.\s?a\.|\bma\b|m\.?b\.?a\.?|m\.?\s?eng\.?|m\.?\s?tech\.?|"
               r"\bmca\b|m\.?\s?phil\.?|\bll\.?m\.?|m\.?\s?com\.?|\bmres\b|\bmpa\b|\bmph\b|\bmfa\b|\bm\.?ed\.?\b|"
               r"post[- ]?graduate degree|\bme\b(?=\s*[(,-]|\s+in\b)"),
    ("bachelor", r"bachelor'?s?|b\.?\s?sc\.?|b\.\s?s\.|\bbs\b|b\.\s?a\.|\bba\b|b\.?\s?eng\.?|b\.?\s?tech\.?|\bb\.?e\.?\b|"
                 r"\bbca\b|\bbba\b|b\.?\s?com\.?|\bll\.?b\.?|\bb\.?ed\.?\b|\bbfa\b|undergraduate degree|licence|"
                 r"licenciatura|\bbsba\b|\bb\.?pharm\.?"),
    ("associate", r"associate'?s?\s+(degree|of)|\ba\.?a\.?s\.?\b|\baas\b|\ba\.a\.|\ba\.s\.|\bhnd\b|foundation degree"),
    ("vocational", r"apprenticeship|vocational|diploma|\bnvq\b|\bbtec\b|trade (school|certificate)|ausbildung|"
                   r"certificate iii|certificate iv|\bcap\b|\biti\b|polytechnic|city (&|and) guilds"),
    ("secondary", r"high school|secondary|\bhsc\b|\bssc\b|a[- ]levels?|\bgcses?|\bigcses?|abitur|baccalaur[eé]at|matriculation|"
                  r"\b1[02](th)?\s+(grade|std|standard|class)|\bged\b|\bsslc\b|\bcbse\b|\bicse\b|\bintermediate\b"),
]
DEGREE_RES = [(level, re.compile(r"(?<![\w])(" + pat + r")(?![\w])", re.I)) for level, pat in DEGREE_PATTERNS]
# full words that are safe outside an education section
DEGREE_WORDS_RE = re.compile(
    r"\b(bachelor'?s?|master'?s?|ph\.?d|doctorate|b\.sc|m\.sc|mba|b\.tech|m\.tech|high school|associate degree)\b", re.I)

US_STATES = set("""
al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or
pa ri sc sd tn tx ut vt va wa wv wi wy dc
""".split())


# the nations of the United Kingdom, as LinkedIn writes a location ("Leeds, England, United Kingdom")
UK_NATIONS = ("england", "scotland", "wales", "northern ireland")


@functools.lru_cache(maxsize=1)
def countries():
    """Lower-case names of countries, regions and nations (Babel's English territory names, the
    nations of the United Kingdom, "uk", "usa"...): what follows a town after a comma ("Harrogate,
    UK"), where a town follows an organisation ("Tesco, London"). Without Babel, the short list."""
    names = set(LOCATION_WORDS) | set(UK_NATIONS) | {"united kingdom", "united states", "great britain", "britain"}
    try:
        from babel import Locale
        names.update(n.lower() for n in Locale("en").territories.values())
    except Exception:  # noqa: BLE001 - optional data
        pass
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def places():
    """Lower-case names of countries and regions (Babel's English territory names) and of the
    cities of the time-zone database (pytz): a part of a header line that is only a place is not
    an employer or a title. Empty sets when those libraries are absent (Odoo ships both)."""
    names = set(countries()) - {"great britain", "britain"}
    try:
        import pytz
        for tz in pytz.all_timezones:
            city = tz.split("/")[-1].replace("_", " ").lower()
            if len(city) > 3 and not city.startswith(("gmt", "etc")):
                names.add(city)
    except Exception:  # noqa: BLE001
        pass
    names.update(("new york city", "san francisco", "munich", "cologne", "frankfurt", "hamburg", "milan",
                  "geneva", "mumbai", "bangalore", "bengaluru", "pune", "hyderabad", "chennai", "delhi",
                  "new delhi", "manchester", "edinburgh", "barcelona", "lyon", "boston", "seattle", "austin",
                  "washington", "atlanta", "dallas", "houston", "miami", "montreal", "ottawa", "sydney"))
    return frozenset(names)
