"""Deterministic generator of the shipped labelled workplace comments.

    python3 -m ml.sentiment.make_dataset            # rewrites ml/sentiment/data/comments.csv

Why a generator and not a scraped corpus: the comments must be free of real
people's data, reviewable by a human (every template below is readable) and
reproducible bit for bit (fixed seed, sorted output). The set is deliberately
varied so that the classifier does not learn "contains 'great' -> positive":

- ``plain``      direct positive / negative statements
- ``fact``       neutral statements of fact (schedules, tools, requests)
- ``negation``   "not happy", "no complaints", "never supported", "not bad"
- ``sarcasm``    positive words, negative meaning ("Great, another ...")
- ``mixed``      two clauses of opposite polarity; the label follows the
                 clause the writer ends on / weighs more, balanced ones are neutral
- ``short``      one to three words
- ``long``       several sentences
- ``event``      implicit feeling: what happened, without feeling words
                 ("my holiday request has been ignored for three months");
                 neutral events are admin facts and requests

Job families: warehouse, nursing, software, sales, finance, support, retail,
teaching, manufacturing, hospitality. Labels: negative, neutral, positive.
Only text: no names of real persons, no gender, age or nationality cues.
"""
import csv
import pathlib
import random

SEED = 20260401
LABELS = ("negative", "neutral", "positive")
OUT = pathlib.Path(__file__).resolve().parent / "data" / "comments.csv"

# Per job family: things people talk about, the people around them, and
# neutral facts that carry no feeling.
FAMILIES = {
    "warehouse": {
        "thing": ["the night shift rota", "the new scanners", "the picking targets", "the loading dock",
                  "the forklift training", "the break room", "the overtime policy", "the safety briefings"],
        "person": ["my shift lead", "the floor supervisor", "the site manager", "the other pickers"],
        "fact": ["The dock doors are being replaced next week.", "I work the late shift on Tuesdays and Thursdays.",
                 "We moved the returns area to aisle 14.", "The scanners were updated to version 3 on Monday.",
                 "I completed the forklift refresher course in March.", "Inventory count is scheduled for Friday."],
    },
    "nursing": {
        "thing": ["the staffing levels on the ward", "the handover process", "the new rota system",
                  "the charting software", "the night shifts", "the training budget", "the patient load"],
        "person": ["the charge nurse", "my ward manager", "the other nurses on my unit", "the matron"],
        "fact": ["I am on nights for the next two weeks.", "The ward has 28 beds and two side rooms.",
                 "Handover now starts at 7:30 instead of 7:45.", "I requested the wound care course for next quarter.",
                 "The new infusion pumps arrive in June.", "I covered two extra shifts in ICU this month."],
    },
    "software": {
        "thing": ["the code review process", "the on-call rotation", "the sprint planning", "the CI pipeline",
                  "the new deployment tooling", "the remote work policy", "the tech debt backlog", "our laptops"],
        "person": ["my tech lead", "the product manager", "my team", "the platform team"],
        "fact": ["I moved from the payments squad to the search squad in May.", "Our release cycle is two weeks.",
                 "The staging environment is being migrated to the new cluster.",
                 "I am on call the second week of every month.", "We use trunk-based development.",
                 "I have two pull requests waiting for review."],
    },
    "sales": {
        "thing": ["the quarterly quota", "the commission structure", "the CRM", "the territory split",
                  "the lead quality", "the travel budget", "the sales kick-off", "the pricing approvals"],
        "person": ["my sales manager", "the account team", "the regional director", "the pre-sales engineers"],
        "fact": ["My territory now includes the northern region.", "The quarter closes on the 30th.",
                 "I have 42 open opportunities in the pipeline.", "Pricing approvals go through finance since April.",
                 "The sales kick-off is planned for January.", "I switched to the new CRM dashboard last week."],
    },
    "finance": {
        "thing": ["the month-end close", "the new ERP", "the audit preparation", "the expense tool",
                  "the reporting deadlines", "the approval workflow", "the budgeting cycle"],
        "person": ["my controller", "the finance director", "the accounts payable team", "my manager"],
        "fact": ["Month-end close starts on the third working day.", "The audit fieldwork begins in October.",
                 "I handle the intercompany reconciliations.", "The ERP upgrade is planned for the spring.",
                 "Expense reports are due by the 5th.", "I prepare the weekly cash report."],
    },
    "support": {
        "thing": ["the ticket queue", "the call scripts", "the knowledge base", "the response time targets",
                  "the weekend cover", "the escalation process", "the headset equipment", "the chat tool"],
        "person": ["my team lead", "the quality coach", "the tier two team", "the other agents"],
        "fact": ["I handle mostly billing tickets.", "Our target first response time is four hours.",
                 "The chat tool was switched on for enterprise customers.", "I work the early shift this month.",
                 "The knowledge base has 300 articles.", "Escalations now go to tier two through the portal."],
    },
    "retail": {
        "thing": ["the store layout", "the scheduling app", "the staff discount", "the holiday rush",
                  "the till system", "the stock deliveries", "the customer returns policy"],
        "person": ["my store manager", "the assistant manager", "my colleagues on the floor", "the area manager"],
        "fact": ["The store opens at 9 on Sundays now.", "Deliveries arrive on Mondays and Thursdays.",
                 "I work in the electronics section.", "The tills are being replaced in August.",
                 "I finished the customer service module.", "Stocktake is planned for the last Sunday of the month."],
    },
    "teaching": {
        "thing": ["the marking load", "the new curriculum", "the class sizes", "the staff meetings",
                  "the professional development days", "the lesson planning time", "the behaviour policy"],
        "person": ["the head of department", "the senior leadership team", "my colleagues", "my mentor"],
        "fact": ["I teach three year-nine classes this term.", "Parents evening is on the 14th.",
                 "The new curriculum starts in September.", "I run the chess club on Wednesdays.",
                 "Reports are due before half term.", "Our department moved to the science block."],
    },
    "manufacturing": {
        "thing": ["the production targets", "the line maintenance", "the shift pattern", "the quality checks",
                  "the new press", "the safety equipment", "the canteen", "the lean programme"],
        "person": ["my line leader", "the plant manager", "the maintenance crew", "the quality engineers"],
        "fact": ["Line 3 is down for maintenance on Saturday.", "We produce about 900 units per shift.",
                 "The new press was installed in February.", "I am trained on lines 2 and 4.",
                 "The audit by the customer is next month.", "Shift change is at 6 and 14."],
    },
    "hospitality": {
        "thing": ["the rota", "the tips policy", "the kitchen equipment", "the weekend shifts",
                  "the booking system", "the staff meals", "the new menu"],
        "person": ["the head chef", "the restaurant manager", "the front of house team", "the duty manager"],
        "fact": ["We are closed on Mondays.", "The new menu launches on the first of the month.",
                 "I work mostly breakfast shifts.", "The booking system was changed in spring.",
                 "Large groups now need a deposit.", "I completed the food hygiene level 2 course."],
    },
}

POS_ADJ = ["great", "really good", "excellent", "much better than before", "well organised", "fantastic",
           "supportive", "fair", "a real improvement", "brilliant"]
NEG_ADJ = ["terrible", "awful", "a mess", "badly organised", "exhausting", "unfair", "getting worse",
           "a disaster", "frustrating", "chaotic"]
POS_FEEL = ["I feel valued here", "I enjoy coming to work", "I am proud of what we do", "I feel supported",
            "I have learned a lot this year", "I really like my job", "I am motivated", "I feel listened to"]
NEG_FEEL = ["I feel burnt out", "I dread coming in", "I am thinking about leaving", "I feel ignored",
            "I am exhausted all the time", "I feel undervalued", "I am stressed every single day",
            "I no longer trust management"]
PERSON_POS = ["always has my back", "gives clear and kind feedback", "helped me a lot this quarter",
              "listens and actually follows up", "recognises good work", "is approachable and fair"]
PERSON_NEG = ["never listens", "takes credit for our work", "shouts at people in front of others",
              "cancels our one-to-ones all the time", "plays favourites", "ignores every concern we raise"]

TEMPLATES = {
    ("plain", "positive"): [
        "{Thing} is {pos}.", "{Person} {person_pos}.", "{pos_feel}.", "{pos_feel}, and {thing} is {pos}.",
        "Honestly {thing} has been {pos} lately.", "Big thanks to {person}, {pos_feel_lc}.",
        "{Thing} works well and {person} {person_pos}.",
        # sincere "love": without these, every "love" in the set was sarcastic and the
        # model learnt "love" -> negative ("I love my team" came out negative)
        "I love working with {person}.", "I love {thing}, {pos_feel_lc}.", "I really love my team here.",
        "Loving {thing} so far, it is {pos}.", "I love my job and {person} {person_pos}.",
    ],
    ("plain", "negative"): [
        "{Thing} is {neg}.", "{Person} {person_neg}.", "{neg_feel}.", "{neg_feel} because {thing} is {neg}.",
        "Honestly {thing} has been {neg} lately.", "{Person} {person_neg} and {neg_feel_lc}.",
        "{Thing} is {neg} and nobody fixes it.",
    ],
    ("fact", "neutral"): [
        "{fact}", "{fact} {fact2}", "Just to note: {fact_lc}", "Update: {fact_lc}",
        "No strong opinion on {thing} yet, it only started last week.",
        "I have a question about {thing}: who should I contact?",
        "Could we get the schedule for {thing} shared in advance?",
        "{Thing} is okay, nothing special.", "{Thing} is the same as last year.",
    ],
    ("negation", "negative"): [
        "I am not happy with {thing}.", "{Thing} is not {pos_plain} at all.", "I don't feel supported by {person}.",
        "{Person} never {person_pos_inf}.", "Nobody appreciates the extra hours we put in.",
        "I can't say I enjoy {thing} anymore.", "There is no recognition for the work we do.",
        "{Thing} isn't working and it isn't getting better.",
    ],
    ("negation", "positive"): [
        "No complaints about {thing}, it works.", "{Thing} is not bad at all, actually quite good.",
        "I have never felt this supported before.", "{Person} never lets us down.",
        "I can't fault {person}, they are great.", "Not a single problem with {thing} since the change, very happy.",
        "I wouldn't want to work anywhere else.", "There is nothing I would change about {thing}.",
    ],
    ("negation", "neutral"): [
        "I haven't used {thing} yet.", "Not sure yet what to think about {thing}.",
        "No news on {thing} so far.", "I don't have anything to add this month.",
        "Nothing to report about {thing}.",
    ],
    ("sarcasm", "negative"): [
        "Great, another change to {thing} with zero notice. Just what we needed.",
        "Oh wonderful, {thing} broke again. Love that for us.",
        "Fantastic, a third weekend in a row. Who needs a life anyway?",
        "Sure, because {thing} was working so well before they changed it.",
        "Brilliant idea to cut staff right before the busy season. Really brilliant.",
        "Thanks for the pizza party instead of a raise, very generous.",
        "Love how {person} {person_neg}. Truly inspiring leadership.",
        "Yeah, {thing} is just perfect if you enjoy chaos.",
        "Amazing how {thing} gets worse every quarter. Impressive, really.",
    ],
    ("mixed", "negative"): [
        "I like {person}, but {thing} is {neg} and {neg_feel_lc}.",
        "{Thing} is {pos}, however {neg_feel_lc} and nothing changes.",
        "The team is nice but the pay is too low and {neg_feel_lc}.",
        "Good people, {neg} management of {thing}. I am close to quitting.",
    ],
    ("mixed", "positive"): [
        "{Thing} is {neg} sometimes, but overall {pos_feel_lc}.",
        "The pay could be better, but {person} {person_pos} and {pos_feel_lc}.",
        "Hard month because of {thing}, still {pos_feel_lc} and I'm glad I'm here.",
        "Despite {thing}, I really enjoy working with {person}.",
    ],
    ("mixed", "neutral"): [
        "Some things are good, some not: {thing} is {pos} but {thing2} is {neg}.",
        "{Thing} improved, {thing2} got worse. Overall about the same as before.",
        "Mixed month: {person} {person_pos}, but {thing} is still {neg}.",
    ],
    ("short", "positive"): ["Love it here!", "All good, thanks!", "Very happy.", "Great team!", "Loving it.",
                            "Best job I've had.", "Feeling great.", "Super supportive team.", "Really enjoying it.",
                            "{Thing}: love it.", "Loving {thing}.", "{Thing}? Excellent.", "Thanks, {person}!"],
    ("short", "negative"): ["Exhausted.", "Not happy.", "Burnt out.", "Terrible week.", "I'm done.",
                            "Fed up.", "Overworked and ignored.", "Worst month yet.", "Miserable.",
                            "{Thing}: awful.", "Hate {thing}.", "{Thing}? A disaster.", "Fix {thing}, please!"],
    ("short", "neutral"): ["No comment.", "Nothing to add.", "Same as usual.", "N/A", "Okay.", "See last month.",
                           "No changes.", "As expected.", "Fine I guess, nothing new.",
                            "{Thing}: no change.", "Asked about {thing}.", "{Thing} - see ticket.", "Re: {thing}."],
    ("event", "positive"): [
        "{Person} thanked me in front of the whole team for my work on {thing}.",
        "I finally got the {reward} I had asked for.",
        "{Customer} wrote to say how much our help meant to them, the whole team was glowing.",
        "We hit our target and {person} bought lunch for everyone.",
        "I was trusted to lead {thing} this month and it went smoothly.",
        "{Person} covered for me when my child was sick, I won't forget it.",
        "After my feedback last quarter, {thing} was actually fixed.",
        "I was given time to learn {thing} properly, it made a real difference.",
    ],
    ("event", "negative"): [
        "I found out about the change to {thing} from a rumour, not from {person}.",
        "My {request} has been ignored for three months.",
        "{N} colleagues quit this month and their work landed on the rest of us.",
        "I was blamed for a mistake that came from {thing}.",
        "We lost another {n} people and nobody is replacing them.",
        "My {reward} was promised last year and never happened.",
        "I haven't had a proper break in weeks because of {thing}.",
        "{Person} cancelled my {request} the day before, again.",
    ],
    ("event", "neutral"): [
        "My {equipment} was {changed} on {day}.", "Please {ask}.", "I moved to {place} last week.",
        "I will be {absence} from {day} to {day2}.", "Could someone {ask}?", "The {meeting} is moved to {day}.",
        "I attended the {course} on {day}.", "{Person} is my new point of contact for {thing}.",
        "Reminder: the {meeting} starts at 9 on {day}.",
    ],
    ("sarcasm", "negative", 2): [
        "Wow, {thing} changed again overnight. Love the stability around here.",
        "Love how {thing} is decided by people who have never done our job.",
        "Oh great, a {meeting} at 6pm on a Friday. Perfect timing as always.",
        "So glad my {request} disappeared into the void again. Super efficient.",
    ],
    ("long", "positive"): [
        "This quarter has been one of the best since I joined. {Thing} is {pos} and {person} {person_pos}. "
        "I also got time for training, which I had asked for. {pos_feel}.",
        "When I started I was unsure about {thing}, but after a few weeks it clicked. {Person} {person_pos}, "
        "the team helps each other and {pos_feel_lc}. I would recommend this place to a friend.",
    ],
    ("long", "negative"): [
        "I have raised the issue with {thing} three times now and nothing has happened. {Person} {person_neg}. "
        "We are short staffed every week and {neg_feel_lc}. If this continues I will start looking elsewhere.",
        "Since the reorganisation {thing} has been {neg}. Work keeps piling up, breaks get skipped, "
        "and {person} {person_neg}. {neg_feel}.",
    ],
    ("long", "neutral"): [
        "{fact} {fact2} I have no particular concerns at the moment. I will share more at my next one-to-one.",
        "This month was fairly routine. {fact} {Thing} is working as before. "
        "Nothing to escalate on my side.",
    ],
}

# how many comments each (category, label) gets: ~2,200 after de-duplication
COUNTS = {
    ("plain", "positive"): 260, ("plain", "negative"): 220, ("fact", "neutral"): 300,
    ("negation", "negative"): 130, ("negation", "positive"): 110, ("negation", "neutral"): 60,
    ("sarcasm", "negative"): 180, ("mixed", "negative"): 90, ("mixed", "positive"): 90,
    ("mixed", "neutral"): 70, ("short", "positive"): 30, ("short", "negative"): 30,
    ("short", "neutral"): 30, ("long", "positive"): 90, ("long", "negative"): 90, ("long", "neutral"): 90,
    ("event", "positive"): 100, ("event", "negative"): 100, ("event", "neutral"): 160,
}

# slots of the "event" templates (shared by all job families)
EVENT_SLOTS = {
    "reward": ["pay rise", "training course", "promotion", "schedule change", "new equipment", "extra day off"],
    "customer": ["a customer", "a patient's family", "a client", "a parent", "a supplier", "a new starter"],
    "request": ["holiday request", "training request", "equipment request", "request for a schedule change",
                "request for a pay review"],
    "equipment": ["laptop", "headset", "phone", "locker", "badge", "uniform", "desk", "monitor"],
    "changed": ["replaced", "upgraded", "moved", "returned", "repaired"],
    "ask": ["add more parking spaces", "share the holiday calendar earlier", "update the contact list",
            "send the new policy by email", "book the meeting room for Friday", "add a second coffee machine",
            "list the fire wardens on the notice board"],
    "place": ["the second floor", "the new building", "the night team", "desk 14", "the east wing", "the other site"],
    "absence": ["on annual leave", "on a training course", "working from home", "at the other site", "on jury duty"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the 3rd", "the 12th", "the 21st"],
    "meeting": ["team meeting", "monthly review", "safety briefing", "town hall", "quarterly planning"],
    "course": ["first aid course", "data protection training", "fire safety session", "spreadsheet workshop",
               "manual handling course"],
    "n": ["two", "three", "four", "five"],
}

# infinitive forms for "never {person_pos_inf}"
PERSON_POS_INF = ["listens", "follows up on what we ask", "gives feedback", "recognises good work",
                  "makes time for us"]
POS_PLAIN = ["good", "fair", "well organised", "helpful"]


# Hand-written comments that share no template with the generator: an honest
# check of how far the model generalises beyond the generated phrasing.
# Reported as "challenge_accuracy" in the training metrics, never trained on.
CHALLENGE = [
    ("My mentor spent an hour walking me through the release process, it made my week.", "positive"),
    ("Rotas are published two days before the week starts, impossible to plan childcare.", "negative"),
    ("The parking permit renewal form is on the intranet.", "neutral"),
    ("I got the promotion I worked for, thank you to everyone who backed me.", "positive"),
    ("Third time this month the heating in the depot is off. We work in coats.", "negative"),
    ("Please add vegetarian options to the canteen menu.", "neutral"),
    ("Wow, a mandatory meeting at 7pm on a Friday. Love the work-life balance here.", "negative"),
    ("Not the easiest quarter, but I have never learned this much and I'm grateful.", "positive"),
    ("I'm not unhappy, just tired of the constant reorganisations.", "negative"),
    ("The audit went smoothly and the team celebrated together, great atmosphere.", "positive"),
    ("My contract ends in June and I have not heard anything about renewal.", "negative"),
    ("Team lunch is moved to Thursday.", "neutral"),
    ("Customers are rude and management just tells us to smile more.", "negative"),
    ("Flexible hours made a huge difference for my family, thank you.", "positive"),
    ("I switched desks with a colleague from accounts.", "neutral"),
    ("Can't complain, the new scheduling tool actually saves me time.", "positive"),
    ("Nobody trained me on the new machine and I was blamed for the defects.", "negative"),
    ("The training session on Tuesday covers the new returns procedure.", "neutral"),
    ("Sure, skipping lunch again is exactly how I wanted to spend my day.", "negative"),
    ("The patients' families thanked our unit today, it reminded me why I do this.", "positive"),
    ("My laptop was replaced last week.", "neutral"),
    ("Honestly the best manager I've had in fifteen years.", "positive"),
    ("Targets went up again while the team shrank by two people.", "negative"),
    ("I will be on annual leave from the 3rd to the 17th.", "neutral"),
]


def _cap(text):
    return text[:1].upper() + text[1:]


def _lc(text):
    if text.startswith(("I ", "I'")):  # keep the pronoun "I" capitalised
        return text
    return text[:1].lower() + text[1:]


def _fill(rng, template, family):
    fam = FAMILIES[family]
    thing, thing2 = rng.sample(fam["thing"], 2)
    fact, fact2 = rng.sample(fam["fact"], 2)
    person = rng.choice(fam["person"])
    pos_feel, neg_feel = rng.choice(POS_FEEL), rng.choice(NEG_FEEL)
    day, day2 = rng.sample(EVENT_SLOTS["day"], 2)
    values = {k: rng.choice(v) for k, v in EVENT_SLOTS.items()}
    values["Customer"], values["N"], values["day"], values["day2"] = (
        _cap(values["customer"]), _cap(values["n"]), day, day2)
    values.update({
        "thing": thing, "Thing": _cap(thing), "thing2": thing2, "person": person, "Person": _cap(person),
        "fact": fact, "fact2": fact2, "fact_lc": _lc(fact), "pos": rng.choice(POS_ADJ), "neg": rng.choice(NEG_ADJ),
        "pos_feel": pos_feel, "pos_feel_lc": _lc(pos_feel), "neg_feel": neg_feel, "neg_feel_lc": _lc(neg_feel),
        "person_pos": rng.choice(PERSON_POS), "person_neg": rng.choice(PERSON_NEG),
        "person_pos_inf": rng.choice(PERSON_POS_INF), "pos_plain": rng.choice(POS_PLAIN),
    })
    return template.format(**values)


def generate(seed=SEED):
    """Return sorted, de-duplicated rows (text, label, category, job_family)."""
    rng = random.Random(seed)
    families = sorted(FAMILIES)
    seen, rows = set(), []
    for (category, label), count in sorted(COUNTS.items()):
        templates = TEMPLATES[(category, label)] + TEMPLATES.get((category, label, 2), [])
        tries = 0
        made = 0
        while made < count and tries < count * 20:
            tries += 1
            family = rng.choice(families)
            text = _fill(rng, rng.choice(templates), family)
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            rows.append({"text": text, "label": label, "category": category, "job_family": family})
            made += 1
    rows.sort(key=lambda r: (r["label"], r["category"], r["job_family"], r["text"]))
    return rows


def write(path=OUT, seed=SEED):
    rows = generate(seed)
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["text", "label", "category", "job_family"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows


def load(path=OUT):
    """Read the shipped CSV: list of dicts with text/label/category/job_family."""
    with pathlib.Path(path).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


if __name__ == "__main__":
    from collections import Counter

    written = write()
    print(f"{len(written)} comments -> {OUT}")
    print(dict(Counter(r["label"] for r in written)))
    print(dict(Counter(r["category"] for r in written)))
