/*
 * test_quotes.c - quotation marks, kinds, attribution patterns, pronoun and role resolution,
 * name clustering and byte offsets.
 */
#include "test.h"

static const char speakers_tsv[] =
	"name\taliases\tgroup\trole\tnote\n"
	"Department of Homeland Security\tDHS|Homeland Security\tfederal\tdepartment\t\n"
	"Immigration and Customs Enforcement\tICE|U.S. Immigration and Customs Enforcement\t"
	"law-enforcement\tagency\t\n"
	"Dick Durbin\t\tdemocrat\tsenator\t\n"
	"Donald Trump\tDonald J. Trump\trepublican\tpresident\t\n"
	"Barack Obama\t\tdemocrat\tpresident\t\n"
	"Kim Jong Un\tKim Jong-un\tforeign\tleader\t\n"
	"Andy Kim\t\tdemocrat\tsenator\t\n"
	"Tammy Duckworth\t\tdemocrat\tsenator\t\n"
	"Chicago Tribune\t\tmedia\toutlet\t\n";

static const char roles_tsv[] =
	"word\trole\tgroup\ttype\tnote\n"
	"mayor\tmayor\tgovernment\tperson\t\n"
	"governor\tgovernor\tgovernment\tperson\t\n"
	"gov.\tgovernor\tgovernment\tperson\t\n"
	"sen.\tsenator\tgovernment\tperson\t\n"
	"senator\tsenator\tgovernment\tperson\t\n"
	"senators\tsenator\tgovernment\tperson\t\n"
	"president\tpresident\tfederal\tperson\t\n"
	"president-elect\tpresident-elect\t\tperson\t\n"
	"secretary\tsecretary\tfederal\tperson\t\n"
	"spokesperson\tspokesperson\t\tperson\t\n"
	"spokeswoman\tspokesperson\t\tperson\t\n"
	"director\tdirector\t\tperson\t\n"
	"nurse\tnurse\tpublic\tperson\t\n"
	"host\thost\tmedia\tperson\t\n"
	"sheriff\tsheriff\tlaw-enforcement\tperson\t\n"
	"sheriff's office\tsheriff's office\tlaw-enforcement\torg\t\n"
	"department\tdepartment\t\torg\t\n"
	"group\torganization\t\torg\t\n"
	"agency\tagency\t\torg\t\n"
	"activist\tactivist\tcivil-society\tperson\t\n"
	"officials\tofficial\t\tperson\t\n"
	"u.s. attorney\tprosecutor\tlaw-enforcement\tperson\t\n"
	"newspaper\toutlet\tmedia\torg\t\n"
	"release\tstatement\t\torg\t\n";

static const char verbs_tsv[] =
	"term\tcategory\tlean\tweight\tnote\n"
	"said\tneutral\t0\t1\t\n"
	"says\tneutral\t0\t1\t\n"
	"told\tneutral\t0\t1\t\n"
	"added\tneutral\t0\t1\t\n"
	"wrote\tneutral\t0\t1\t\n"
	"posted\tneutral\t0\t1\t\n"
	"continued\tneutral\t0\t1\t\n"
	"according to\tneutral\t0\t1\t\n"
	"called\tneutral\t0\t1\t\n"
	"asked\tneutral\t0\t1\t\n"
	"complained\tloaded\t0\t2\t\n"
	"pledges\tneutral\t0\t1\t\n"
	"declaring\tneutral\t0\t1\t\n"
	"stated\tneutral\t0\t1\t\n";

struct fixture {
	struct slant_people *pp;
	struct slant_doc *d;
	struct slant_quotes *q;
	struct slant_quote_conf conf;
	const char *text;
	char desc[4096];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct slant_err err;

	f->pp = slant_people_new();
	assert_int_equal(slant_people_parse(f->pp, SLANT_PEOPLE_SPEAKERS, speakers_tsv,
					    strlen(speakers_tsv), "speakers", &err), 0);
	assert_int_equal(slant_people_parse(f->pp, SLANT_PEOPLE_ROLES, roles_tsv,
					    strlen(roles_tsv), "roles", &err), 0);
	assert_int_equal(slant_people_parse(f->pp, SLANT_PEOPLE_VERBS, verbs_tsv,
					    strlen(verbs_tsv), "verbs", &err), 0);
	f->d = slant_doc_new();
	f->q = slant_quotes_new();
	f->conf.people = f->pp;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	slant_quotes_free(f->q);
	slant_doc_free(f->d);
	slant_people_free(f->pp);
	free(f);
	return 0;
}

/* Extracts and describes each quotation as "kind|speaker|verb|text" lines. */
static const char *run(struct fixture *f, const char *text)
{
	struct slant_err err;
	struct slant_doc_opts opts = { NULL, SLANT_DOC_NO_STRIP };
	size_t nq, ns, used = 0;

	f->text = text;
	assert_int_equal(slant_doc_analyze(f->d, text, strlen(text), NULL, &opts, &err), 0);
	assert_int_equal(slant_quotes_extract(f->q, f->d, text, &f->conf, &err), 0);
	const struct slant_quote *qs = slant_quotes_list(f->q, &nq);
	const struct slant_speaker *sp = slant_quotes_speakers(f->q, &ns);
	f->desc[0] = 0;
	for (size_t i = 0; i < nq; i++) {
		const struct slant_quote *q = &qs[i];
		assert_true(q->start <= q->end && q->end <= strlen(text));
		const char *verb = q->verb != UINT32_MAX ? slant_people_verb(f->pp, q->verb, NULL) : "-";
		used += (size_t)snprintf(f->desc + used, sizeof(f->desc) - used, "%s|%s|%s|%.*s\n",
					 slant_quote_kind_name(q->kind),
					 q->speaker != UINT32_MAX ? sp[q->speaker].name : "-", verb,
					 (int)(q->end - q->start), text + q->start);
		assert_true(used < sizeof(f->desc));
	}
	return f->desc;
}

static const struct slant_speaker *speaker_of(struct fixture *f, size_t i)
{
	size_t nq, ns;
	const struct slant_quote *qs = slant_quotes_list(f->q, &nq);
	const struct slant_speaker *sp = slant_quotes_speakers(f->q, &ns);

	assert_true(i < nq);
	assert_true(qs[i].speaker < ns);
	return &sp[qs[i].speaker];
}

static const struct slant_quote *quote(struct fixture *f, size_t i)
{
	size_t nq;
	const struct slant_quote *qs = slant_quotes_list(f->q, &nq);

	assert_true(i < nq);
	return &qs[i];
}

/* ------------------------------------------------------------------ marks */

static void test_marks(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "“We will stay,” Varga said."), "direct|Varga|said|We will stay,\n");
	assert_string_equal(run(f, "\"We will stay,\" Varga said."), "direct|Varga|said|We will stay,\n");
	assert_string_equal(run(f, "‘We will stay,’ Varga said."), "direct|Varga|said|We will stay,\n");
	assert_string_equal(run(f, "'We will stay,' Varga said."), "direct|Varga|said|We will stay,\n");
	assert_string_equal(run(f, "«We will stay,» Varga said."), "direct|Varga|said|We will stay,\n");
	assert_string_equal(run(f, "Varga said: „We will stay.“"), "direct|Varga|said|We will stay.\n");
	/* a straight opening mark closed by a curly one */
	assert_string_equal(run(f, "\"We will stay,” Varga said."), "direct|Varga|said|We will stay,\n");
}

static void test_apostrophes(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "Illinois’ governor doesn’t agree, and the ’90s are gone."), "");
	assert_string_equal(run(f, "The workers' union and Illinois' schools said nothing."), "");
	assert_string_equal(run(f, "“We don’t hide anyone in Illinois’ churches,” Varga said."),
			    "direct|Varga|said|We don’t hide anyone in Illinois’ churches,\n");
}

static void test_multi_paragraph(void **state)
{
	struct fixture *f = *state;
	const char *text = "Father Luis Ortega said:\n\n“People ask me whether the agents will "
			   "come back.\n\n“I tell them I do not know,” he said.\n";

	assert_string_equal(run(f, text),
			    "direct|Luis Ortega|said|People ask me whether the agents will come back.\n"
			    "direct|Luis Ortega|said|I tell them I do not know,\n");
	assert_true(quote(f, 0)->flags & SLANT_QUOTEF_CONTINUES);
	assert_true(quote(f, 1)->flags & SLANT_QUOTEF_CONTINUED);
}

static void test_unclosed(void **state)
{
	struct fixture *f = *state;
	const char *text = "Sheriff Carla Benning said: “We do not make the law on detainers\n\n"
			   "The county jail is full.\n";

	assert_string_equal(run(f, text),
			    "direct|Carla Benning|said|We do not make the law on detainers\n");
	assert_true(quote(f, 0)->flags & SLANT_QUOTEF_UNCLOSED);
	assert_int_equal(quote(f, 0)->end, strstr(text, "\n\nThe") - text);
}

static void test_nested(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "“My daughter asked me, ‘Is Papa coming home?’ and I had no "
				   "answer,” said Maria Pena."),
			    "direct|Maria Pena|said|My daughter asked me, ‘Is Papa coming home?’ and I had no answer,\n"
			    "direct|-|-|Is Papa coming home?\n");
	assert_int_equal(quote(f, 0)->depth, 0);
	assert_int_equal(quote(f, 1)->depth, 1);
}

/* ------------------------------------------------------------------ kinds */

static void test_kinds(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "Secretary Marissa Kolb said the department “will not back down” "
				   "in Port Calder."),
			    "partial|Marissa Kolb|said|will not back down\n");
	assert_string_equal(run(f, "The raids were part of the so-called “public safety sweeps” last week."),
			    "scare|-|-|public safety sweeps\n");
	assert_string_equal(run(f, "He met the self-styled “enforcement chief” on Monday."),
			    "scare|-|-|enforcement chief\n");
	assert_string_equal(run(f, "Dunmore appeared on “Meet the Press” on Sunday."),
			    "title|-|-|Meet the Press\n");
	assert_string_equal(run(f, "Viewers of the show “Judge Judy” wrote in."),
			    "title|-|-|Judge Judy\n");
	assert_string_equal(run(f, "Varga called the operation “a ransom note” on Tuesday."),
			    "partial|Varga|called|a ransom note\n");
	/* a list of three or more short quotations is a list of labels */
	assert_string_equal(run(f, "The center divided them into “consistently liberal,” “mostly "
				   "liberal,” “mixed” and “consistently conservative” groups."),
			    "scare|-|-|consistently liberal,\nscare|-|-|mostly liberal,\n"
			    "scare|-|-|mixed\nscare|-|-|consistently conservative\n");
	/* but not short replies in a row, nor one a verb after it attributes */
	assert_string_equal(run(f, "Ann Smith was asked about taxes. “No.” “Never.” “Not this "
				   "year,” she said."),
			    "direct|Ann Smith|-|No.\ndirect|Ann Smith|-|Never.\n"
			    "direct|Ann Smith|said|Not this year,\n");
	/* a headline's form: a subtitle after a colon, or a capitalised phrase the sentence
	 * goes on from */
	assert_string_equal(run(f, "The talk, “Just How Stupid Are We?,” was about voters. His book "
				   "is “Political Animals: How Our Brains Get in the Way.”"),
			    "title|-|-|Just How Stupid Are We?,\n"
			    "title|-|-|Political Animals: How Our Brains Get in the Way.\n");
}

/* ------------------------------------------------------------ attribution */

static void test_attribution_patterns(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "“We worked the list,” said Halloway."),
			    "direct|Halloway|said|We worked the list,\n");
	assert_string_equal(run(f, "Halloway said: “We worked the list.”"),
			    "direct|Halloway|said|We worked the list.\n");
	assert_string_equal(run(f, "Dunmore told a network, “The mayor chose this.”"),
			    "direct|Dunmore|told|The mayor chose this.\n");
	assert_string_equal(run(f, "Dunmore wrote on a social platform: “The mayor chose this.”"),
			    "direct|Dunmore|wrote|The mayor chose this.\n");
	assert_string_equal(run(f, "According to Halloway, “every file has a reason.”"),
			    "partial|Halloway|according to|every file has a reason.\n");
	assert_string_equal(run(f, "“Port Calder is not the last city,” Kolb said in a statement."),
			    "direct|Kolb|said|Port Calder is not the last city,\n");
	assert_string_equal(run(f, "In a statement, DHS said its officers had begun “targeted "
				   "enforcement operations” in the city."),
			    "partial|Department of Homeland Security|said|targeted enforcement operations\n");
	assert_string_equal(run(f, "“We came with a list,” Halloway continued, “and we worked it.”"),
			    "direct|Halloway|continued|We came with a list,\n"
			    "partial|Halloway|continued|and we worked it.\n");
	assert_string_equal(run(f, "Mayor Elena Varga was angry. She posted: “This is a ransom note.”"),
			    "direct|Elena Varga|posted|This is a ransom note.\n");
}

static void test_harder_patterns(void **state)
{
	struct fixture *f = *state;

	/* a participle speaks for the sentence's subject, not the nearest name */
	assert_string_equal(run(f, "President Barack Obama gave a speech from the White House declaring "
				   "the system is “broken.”"),
			    "partial|Barack Obama|declaring|broken.\n");
	/* the attribution closes the sentence */
	assert_string_equal(run(f, "Gov. Doug Burgum spoke on Monday.\n\n“It sends a very negative "
				   "signal” if the county refuses refugees, he said.\n"),
			    "direct|Doug Burgum|said|It sends a very negative signal\n");
	/* a quotation that ended its sentence is not attributed by the next one */
	assert_string_equal(run(f, "“His seat is not vacant,” Beth Beskin said. “We should be holding "
				   "the vote now.” Barrow said cancelling the vote was wrong."),
			    "direct|Beth Beskin|said|His seat is not vacant,\n"
			    "direct|Beth Beskin|-|We should be holding the vote now.\n");
	/* the person before an of-phrase, and the owner of a plan */
	assert_string_equal(run(f, "Dana Whitlow of the Calder Immigrant Rights Coalition said agents "
				   "were “terrorizing” neighborhoods."),
			    "partial|Dana Whitlow|said|terrorizing\n");
	assert_string_equal(run(f, "Sen. Elizabeth Warren spoke. Warren's plan pledges that “there "
				   "will be no middle class tax increases” for families."),
			    "partial|Elizabeth Warren|pledges|there will be no middle class tax increases\n");
	/* a colon after the first person named */
	assert_string_equal(run(f, "Kanye West in the Oval Office: “I love this guy right here.”"),
			    "direct|Kanye West|-|I love this guy right here.\n");
	/* "told" takes an object: the outlet told is not the speaker */
	assert_string_equal(run(f, "“We are done here and we are going home,” told Halloway."),
			    "direct|-|-|We are done here and we are going home,\n");
	assert_string_equal(run(f, "“We are done here and we are going home,” said Halloway."),
			    "direct|Halloway|said|We are done here and we are going home,\n");
	/* "the" before a name, a role of several words, a table surname opening a sentence */
	assert_string_equal(run(f, "“We follow the law,” the Department of Homeland Security said."),
			    "direct|Department of Homeland Security|said|We follow the law,\n");
	assert_string_equal(run(f, "“Charges will follow,” a U.S. attorney said."),
			    "direct|U.S. attorney|said|Charges will follow,\n");
	assert_string_equal(speaker_of(f, 0)->group, "law-enforcement");
	assert_string_equal(run(f, "Durbin then said the case was closed. “It is over,” he said."),
			    "direct|Dick Durbin|said|It is over,\n");
	/* a lone surname after a preposition or before a comma is a place, not the table's
	 * person, and what follows its comma is no appositive */
	assert_string_equal(run(f, "In Durbin, the mayor spoke. “It is quiet here,” he said."),
			    "direct|mayor|said|It is quiet here,\n");
	/* a document speaks for whoever issued it; a participle opening a sentence is no name */
	assert_string_equal(run(f, "Following the vote, Sen. Elizabeth Warren released a plan. "
				   "“It adds up to a middle class tax cut,” the release stated."),
			    "direct|Elizabeth Warren|stated|It adds up to a middle class tax cut,\n");
	/* a quotation that is a sentence of its own goes to the sentence before's subject */
	assert_string_equal(run(f, "Mayor Elena Varga read the letter. “I love it.” Nobody else did."),
			    "direct|Elena Varga|-|I love it.\n");
	/* words taken back from someone's earlier quotation are theirs */
	assert_string_equal(run(f, "“Hate and division have no place here,” Halloway said.\n\n"
				   "“Division”? According to whom?\n"),
			    "direct|Halloway|said|Hate and division have no place here,\n"
			    "partial|Halloway|-|Division\n");
	/* a name used as a modifier is held at a distance */
	assert_string_equal(run(f, "Trump’s “Remain in Mexico” policy requires asylum seekers to wait."),
			    "scare|-|-|Remain in Mexico\n");
}

static void test_continuation(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "“Sanctuary politicians do not get a veto,” the president added. "
				   "“Every day this operation continues, we get safer.”"),
			    "direct|president|added|Sanctuary politicians do not get a veto,\n"
			    "direct|president|-|Every day this operation continues, we get safer.\n");
	assert_int_equal(speaker_of(f, 0)->type, SLANT_SPEAKER_UNNAMED);
	assert_string_equal(run(f, "President Donald Trump spoke on Friday. “Sanctuary politicians do "
				   "not get a veto,” the president added. “Every day this operation "
				   "continues, we get safer.”"),
			    "direct|Donald Trump|added|Sanctuary politicians do not get a veto,\n"
			    "direct|Donald Trump|-|Every day this operation continues, we get safer.\n");
	assert_true(quote(f, 1)->flags & SLANT_QUOTEF_INHERITED);
	/* the next paragraph goes on with the same speaker */
	assert_string_equal(run(f, "“We came with a list,” Halloway said.\n\n“We worked the list and "
				   "we are done here.”\n"),
			    "direct|Halloway|said|We came with a list,\n"
			    "direct|Halloway|-|We worked the list and we are done here.\n");
}

/* Opinion roundups: excerpts credited on a line of their own after them. */
static void test_credit_lines(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(
		run(f, "From the Left\n\nThe left is skeptical of the plan.\n\n"
		       "“The plan will fail the families who need it most.”\n\n"
		       "“It is a cruel idea, and a costly one.”\n\n"
		       "Dana Whitlow, The Lakeshore Progress\n\n"
		       "Some note that “nobody asked the city before the agency acted alone.”\n\n"
		       "Editorial Board, Midwest Wire\n\n"
		       "From the Right\n\n"
		       "“We came with a list,” Halloway said.\n\n"
		       "Ray Dunmore, Patriot Daily\n"),
		"direct|Dana Whitlow|-|The plan will fail the families who need it most.\n"
		"direct|Dana Whitlow|-|It is a cruel idea, and a costly one.\n"
		"partial|Editorial Board|-|nobody asked the city before the agency acted alone.\n"
		"direct|Halloway|said|We came with a list,\n");
	/* reporter's text between excerpts ends the run: the credit reaches back no further */
	assert_string_equal(
		run(f, "“The plan will fail the families who need it most.”\n\n"
		       "Then the council voted on the budget for the next year, after a long debate "
		       "about the schools.\n\n"
		       "“It is a cruel idea, and a costly one.”\n\n"
		       "Dana Whitlow, The Lakeshore Progress\n"),
		"direct|-|-|The plan will fail the families who need it most.\n"
		"direct|Dana Whitlow|-|It is a cruel idea, and a costly one.\n");
	/* a pull quote: a dash and the name closing the line */
	assert_string_equal(run(f, "Durbin backed the memo.\n\n“Let it all out. Cleanse the agency.” — "
				   "Sen. Dick Durbin\n\nThe vote came later.\n"),
			    "direct|Dick Durbin|-|Let it all out. Cleanse the agency.\n");
	/* a word or two held apart stays nobody's, credit line or pull quote */
	assert_string_equal(run(f, "“Must.”\n\nDana Whitlow, The Lakeshore Progress\n"),
			    "scare|-|-|Must.\n");
	assert_string_equal(run(f, "“Shameful.” — Sen. Dick Durbin\nNext.\n"),
			    "scare|-|-|Shameful.\n");
	/* a line that is not a credit: lower-case words, or a quotation, or no comma */
	assert_string_equal(
		run(f, "“It is a cruel idea, and a costly one.”\n\nDana Whitlow disagreed, loudly.\n"),
		"direct|-|-|It is a cruel idea, and a costly one.\n");
}

/* A description that names someone: an appositive name after it, or a party and a state. */
static void test_descriptions(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "“The Senate will not send it,” said the spokeswoman, Dana Stewart."),
			    "direct|Dana Stewart|said|The Senate will not send it,\n");
	/* the name takes what the description says: a DHS spokesman speaks for the department */
	assert_string_equal(run(f, "A DHS spokeswoman, Curtis Vail, said in a statement that everyone "
				   "“has access to due process.”"),
			    "partial|Curtis Vail|said|has access to due process.\n");
	assert_string_equal(speaker_of(f, 0)->group, "federal");
	assert_string_equal(run(f, "Sen. Dick Durbin spoke after the vote. Mayor Elena Varga left "
				   "early. “This is a disgrace,” the Illinois Democrat said."),
			    "direct|Dick Durbin|said|This is a disgrace,\n");
	/* an organisation qualifying a person: the person speaks */
	assert_string_equal(run(f, "“The figures are final,” said INPE director Ana Ruiz."),
			    "direct|Ana Ruiz|said|The figures are final,\n");
	/* a role word used as a verb names no one: "vying to host", "will host" */
	assert_string_equal(run(f, "As for the cities vying to host the convention, Dick Durbin "
				   "seemed unworried.\n\n“Philly is a nice city,” he said."),
			    "direct|Dick Durbin|said|Philly is a nice city,\n");
	/* no one of that party named: the description stays */
	assert_string_equal(run(f, "“This is a disgrace,” the Illinois Republican said."),
			    "direct|Illinois Republican|said|This is a disgrace,\n");
}

/* Names that only look like names, and names behind an owner. */
static void test_name_boundaries(void **state)
{
	struct fixture *f = *state;

	/* a common word opening a sentence is no first name */
	assert_string_equal(run(f, "Neither Nevárez nor his staff replied on Monday. “I accept "
				   "this,” Nevárez said."),
			    "direct|Nevárez|said|I accept this,\n");
	/* nor a speaker by itself */
	assert_string_equal(run(f, "Wages rose sharply last year. “Nobody can afford this,” the "
				   "release said."),
			    "direct|release|said|Nobody can afford this,\n");
	/* nor a word opening a name nobody has named before */
	assert_string_equal(run(f, "Young Kim won the seat. “We did it at last,” Kim said."),
			    "direct|Young Kim|said|We did it at last,\n");
	/* but a first name that is also a word still is one */
	assert_string_equal(run(f, "Will Hurd spoke on Monday. “The wall is a waste,” Hurd said."),
			    "direct|Will Hurd|said|The wall is a waste,\n");
	/* the person after an owner speaks, not the owner */
	assert_string_equal(run(f, "“There is no way to do it,” ABC’s Ethan Harris said."),
			    "direct|Ethan Harris|said|There is no way to do it,\n");
	assert_string_equal(run(f, "“There is no way to do it,” said Bank of America’s Ethan Harris."),
			    "direct|Ethan Harris|said|There is no way to do it,\n");
	assert_string_equal(run(f, "“It is a consequence,” said Ricardo Mello of WWF's Amazon "
				   "Program."),
			    "direct|Ricardo Mello|said|It is a consequence,\n");
}

/* ---------------------------------------------------- pronouns and roles */

static void test_pronouns_and_roles(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "Mayor Elena Varga met Gov. Thomas Whitcomb on Monday. “We need "
				   "answers,” the mayor said. “I have none to give,” the governor said."),
			    "direct|Elena Varga|said|We need answers,\n"
			    "direct|Thomas Whitcomb|said|I have none to give,\n");
	assert_string_equal(speaker_of(f, 0)->role, "mayor");
	assert_string_equal(speaker_of(f, 0)->group, "government");
	assert_string_equal(run(f, "Gov. Thomas Whitcomb met the mayor, Elena Varga. “The state will "
				   "not pay for this,” he said."),
			    "direct|Thomas Whitcomb|said|The state will not pay for this,\n");
	assert_string_equal(run(f, "Elena Varga spoke after Thomas Whitcomb left. “We will be here "
				   "tomorrow,” she said."),
			    "direct|Elena Varga|said|We will be here tomorrow,\n");
	assert_string_equal(run(f, "The Department of Homeland Security defended the raids. “Our "
				   "officers follow the law,” the department said."),
			    "direct|Department of Homeland Security|said|Our officers follow the law,\n");
	assert_string_equal(run(f, "ICE released the figures. “The numbers speak for themselves,” it said."),
			    "direct|Immigration and Customs Enforcement|said|The numbers speak for themselves,\n");
	assert_string_equal(speaker_of(f, 0)->group, "law-enforcement");
	/* organisations and unnamed speakers */
	assert_string_equal(run(f, "“The jail is full,” the sheriff's office said."),
			    "direct|sheriff's office|said|The jail is full,\n");
	assert_string_equal(speaker_of(f, 0)->group, "law-enforcement");
	assert_string_equal(run(f, "“They took my neighbor,” one local nurse said."),
			    "direct|one local nurse|said|They took my neighbor,\n");
	assert_string_equal(speaker_of(f, 0)->group, "public");
	assert_int_equal(speaker_of(f, 0)->type, SLANT_SPEAKER_UNNAMED);
	assert_string_equal(run(f, "“The figures are final,” a DHS spokesperson said."),
			    "direct|DHS spokesperson|said|The figures are final,\n");
	assert_string_equal(speaker_of(f, 0)->group, "federal");
	assert_string_equal(speaker_of(f, 0)->role, "spokesperson");
}

/* What may stand between a quotation and its speaker. */
static void test_attribution_gaps(void **state)
{
	struct fixture *f = *state;

	/* a group described by who is in it */
	assert_string_equal(run(f, "A group of Honduran migrants said the march was a “show of "
				   "strength for all of them.”"),
			    "partial|group of Honduran migrants|said|show of strength for all of them.\n");
	/* partial quotations go on with the speaker of the one before, within its paragraph */
	assert_string_equal(run(f, "William Barr spoke on Monday. As he said, we have “the most "
				   "liberal immigration laws in the world.” But “countenancing” the "
				   "abuse of them “would be grossly unfair to those abiding by the rules.”"),
			    "partial|William Barr|said|the most liberal immigration laws in the world.\n"
			    "partial|William Barr|-|countenancing\n"
			    "partial|William Barr|-|would be grossly unfair to those abiding by the rules.\n");
	/* a party and state, then an appositive */
	assert_string_equal(run(f, "“The issue is not the number,” Sen. Steny Hoyer "
				   "(D., Md.), the No. 2 Democrat in the House, said."),
			    "direct|Steny Hoyer|said|The issue is not the number,\n");
	/* two speakers: the one next to the verb is named */
	assert_string_equal(run(f, "“Democrats are taking action,” Mrs. Pelosi and Sen. "
				   "Chuck Schumer (D., N.Y.) said in a statement."),
			    "direct|Chuck Schumer|said|Democrats are taking action,\n");
	/* a verb no list has, in the place of one */
	assert_string_equal(run(f, "“I hope you never get power again,” Sen. Lindsey Graham "
				   "marveled at the Democrats."),
			    "direct|Lindsey Graham|-|I hope you never get power again,\n");
	/* a party word is nobody, and a group named after "from" is no subject */
	assert_string_equal(run(f, "Another Republican feeling pressure from pro-immigration "
				   "activists, Sen. Mike Coffman (Colo.), spoke about reform that is "
				   "“compassionate in keeping families together.”"),
			    "partial|Mike Coffman|-|compassionate in keeping families together.\n");
	/* the agent of a passive speaks */
	assert_string_equal(run(f, "The plan was described by Mayor Ann Smith as “reckless and "
				   "cruel.”"),
			    "partial|Ann Smith|-|reckless and cruel.\n");
	/* the organisation a speaker speaks for, between the name and the verb */
	assert_string_equal(run(f, "“These are kidnappings in broad daylight,” Dana Whitlow of the "
				   "Calder Immigrant Rights Coalition told reporters."),
			    "direct|Dana Whitlow|told|These are kidnappings in broad daylight,\n");
	/* "called" a few words before a quotation gives the speaker's words, unless a nearer
	 * cue holds them at a distance */
	assert_string_equal(run(f, "Back in 2015, Sen. Bernie Sanders called open borders a “Koch "
				   "brothers proposal.”"),
			    "partial|Bernie Sanders|called|Koch brothers proposal.\n");
	assert_string_equal(run(f, "Critics called the so-called “public safety sweep” a crackdown."),
			    "scare|-|-|public safety sweep\n");
	/* a question, then who asked it */
	assert_string_equal(run(f, "“Why would he accept it?” asked Pedro Rios, director of a "
				   "border program."),
			    "direct|Pedro Rios|asked|Why would he accept it?\n");
	/* a modifier before the title */
	assert_string_equal(run(f, "“It was an error of monstrous proportions,” said retired Gov. "
				   "Bill Cowen."),
			    "direct|Bill Cowen|said|It was an error of monstrous proportions,\n");
	/* "called it" gives the speaker's own words, after a long appositive */
	assert_string_equal(run(f, "Marc Levine, senior fellow and founding director of the "
				   "University of Wisconsin-Milwaukee’s Center of Economic "
				   "Development, called it “one enormous bait-and-switch.”"),
			    "partial|Marc Levine|called|one enormous bait-and-switch.\n");
	/* a fragment nobody speaks, then a quotation attributed in the same sentence */
	assert_string_equal(run(f, "If deportations are not “accompanied by increases in workers "
				   "available through legal programs,” you will see “operations "
				   "just shut down,” Zaid Kurdieh told Bloomberg."),
			    "partial|Zaid Kurdieh|-|accompanied by increases in workers available "
			    "through legal programs,\n"
			    "partial|Zaid Kurdieh|told|operations just shut down,\n");
}

/* Which of several people a surname or a role names. */
static void test_salience(void **state)
{
	struct fixture *f = *state;

	/* "he continued": the speaker of the quotation before, not the last man named */
	assert_string_equal(run(f, "Gov. Jerry Brown agreed to send troops.\n\n“Let us be clear "
				   "about this mission,” he wrote in a letter to Secretary Kirstjen "
				   "Nielsen and Secretary James Mattis. “It will not build a wall.”"
				   "\n\n“It will not round up women and children,” he continued."),
			    "direct|Jerry Brown|wrote|Let us be clear about this mission,\n"
			    "direct|Jerry Brown|-|It will not build a wall.\n"
			    "direct|Jerry Brown|continued|It will not round up women and children,\n");
	/* a source named as an object does not end a speaker's turn */
	assert_string_equal(run(f, "“Our goal is to give relevant answers,” Google said in a "
				   "statement, according to Reuters. “Search is not used to set a "
				   "political agenda.”"),
			    "direct|Google|said|Our goal is to give relevant answers,\n"
			    "direct|Google|-|Search is not used to set a political agenda.\n");
	/* a document named as someone's speaks for them later */
	assert_string_equal(run(f, "Brown's words answer Trump's memorandum of last week. Brown "
				   "said nothing more.\n\n“The security of the United States is "
				   "imperiled,” the release said."),
			    "direct|Donald Trump|said|The security of the United States is imperiled,\n");

	/* she: a woman who is the subject before the organisation where she works */
	assert_string_equal(run(f, "Rebecca Haley leads the program. At Bloodworks Northwest, "
				   "Haley says it was easy. “The risk is low enough,” she says."),
			    "direct|Rebecca Haley|says|The risk is low enough,\n");
	/* "the group AllSides": the group is AllSides, not the last organisation named */
	assert_string_equal(run(f, "The media group AllSides reviewed Google News’ homepage. "
				   "On its website, the group posted its findings.\n\n“Results "
				   "lean to the left of the spectrum,” it said."),
			    "direct|AllSides|said|Results lean to the left of the spectrum,\n");
	/* an organisation's document, named without a possessive */
	assert_string_equal(run(f, "The Border Patrol release cites several reasons. Officials "
				   "spoke in Texas.\n\n“Rumors of a free pass drove them,” the "
				   "release said."),
			    "direct|Border Patrol|said|Rumors of a free pass drove them,\n");
	/* he after a quotation of many sentences: they do not push its speaker out of reach */
	assert_string_equal(run(f, "President Donald Trump on Tuesday claimed the policy began "
				   "earlier.\n\n“Just so you understand. It began before. Those cages "
				   "were not mine. They were shown. I stopped it. Everyone knows it. It "
				   "is over,” he told reporters."),
			    "direct|Donald Trump|told|Just so you understand. It began before. Those "
			    "cages were not mine. They were shown. I stopped it. Everyone knows it. "
			    "It is over,\n");
	/* he: the subject of the main clause, not a man named in the clause before it */
	assert_string_equal(run(f, "When ABC’s Jonathan Karl tried to ask Ken West two "
				   "questions, West snapped at him. “You had one question,” he said."),
			    "direct|Ken West|said|You had one question,\n");
	/* a document named with modifiers between its owner and it */
	assert_string_equal(run(f, "Migrants are crossing, according to an internal Border Patrol "
				   "intelligence release.\n\n“This is common knowledge in Central "
				   "America,” the release said."),
			    "direct|Border Patrol|said|This is common knowledge in Central America,\n");
	/* a family name that comes first: "Kim" is Kim Jong Un, not the table's Andy Kim */
	assert_string_equal(run(f, "Kim Jong-un met Moon Jae-in at the border. “We will not "
				   "shoot at the south,” Kim told Moon."),
			    "direct|Kim Jong Un|told|We will not shoot at the south,\n");
	/* a shared surname alone: the one of them mentioned most */
	assert_string_equal(run(f, "Barack Obama met Donald Trump. Obama spoke first. Michelle "
				   "Obama toured the residence. “It went well,” Obama said."),
			    "direct|Barack Obama|said|It went well,\n");
	/* a role: the holder mentioned last, not the one named last */
	assert_string_equal(run(f, "President Barack Obama left office in 2017. “We are not "
				   "looking to do it,” Trump said of the Obama administration "
				   "policy. “It works,” the president said."),
			    "direct|Donald Trump|said|We are not looking to do it,\n"
			    "direct|Donald Trump|said|It works,\n");
	/* the article's title beats the table's: a president-elect is not the president */
	assert_string_equal(run(f, "President Barack Obama met President-elect Donald Trump. “It "
				   "was excellent,” the president said."),
			    "direct|Barack Obama|said|It was excellent,\n");
}

static void test_plural_and_org_roles(void **state)
{
	struct fixture *f = *state;

	/* "the senators": the people last named with that role, as one speaker; "they" too */
	assert_string_equal(run(f, "Sen. Dick Durbin and Sen. Tammy Duckworth wrote to the agency. "
				   "“We want answers,” the senators said. They added: “Now, not later.”"),
			    "direct|Dick Durbin and Tammy Duckworth|said|We want answers,\n"
			    "direct|Dick Durbin and Tammy Duckworth|added|Now, not later.\n");
	assert_string_equal(speaker_of(f, 0)->group, "democrat");
	/* "the newspaper": the outlet named before it */
	assert_string_equal(run(f, "The Chicago Tribune counted the arrests. “The numbers are final,” "
				   "the newspaper said."),
			    "direct|Chicago Tribune|said|The numbers are final,\n");
	assert_string_equal(speaker_of(f, 0)->group, "media");
	/* officials with no names */
	assert_string_equal(run(f, "“The operation will go on,” officials said."),
			    "direct|officials|said|The operation will go on,\n");
}

static void test_groups(void **state)
{
	struct fixture *f = *state;

	/* the table, a party cue, the role's fallback */
	assert_string_equal(run(f, "“We will hold hearings,” Sen. Dick Durbin said."),
			    "direct|Dick Durbin|said|We will hold hearings,\n");
	assert_string_equal(speaker_of(f, 0)->group, "democrat");
	assert_string_equal(speaker_of(f, 0)->role, "senator");
	assert_string_equal(run(f, "“We will hold hearings,” said Sen. Ray Dunmore, R-Calder."),
			    "direct|Ray Dunmore|said|We will hold hearings,\n");
	assert_string_equal(speaker_of(f, 0)->group, "republican");
	assert_string_equal(run(f, "“We will hold hearings,” said Sen. Ray Dunmore."),
			    "direct|Ray Dunmore|said|We will hold hearings,\n");
	assert_string_equal(speaker_of(f, 0)->group, "government");
	assert_string_equal(run(f, "“Enough,” President Trump said."), "direct|Donald Trump|said|Enough,\n");
	assert_string_equal(speaker_of(f, 0)->group, "republican");
	assert_string_equal(run(f, "“This is wrong,” Varga complained."), "direct|Varga|complained|This is wrong,\n");
}

/* ---------------------------------------------------------- name clusters */

static void test_name_clustering(void **state)
{
	struct fixture *f = *state;
	const char *text =
		"J.R. Halloway, director of the ICE field office, spoke on Friday. "
		"“We worked the list,” Halloway said. “Every file has a reason,” said JR Halloway. "
		"“We are done,” Haloway added. “Not quite,” said Mayor Elena Varga.";

	assert_string_equal(run(f, text),
			    "direct|JR Halloway|said|We worked the list,\n"
			    "direct|JR Halloway|said|Every file has a reason,\n"
			    "direct|JR Halloway|added|We are done,\n"
			    "direct|Elena Varga|said|Not quite,\n");
	assert_string_equal(speaker_of(f, 0)->role, "director");
	assert_string_equal(speaker_of(f, 0)->group, "law-enforcement");
	size_t ns;
	slant_quotes_speakers(f->q, &ns);
	assert_int_equal(ns, 2);
}

static void test_suffixes(void **state)
{
	struct fixture *f = *state;

	/* "Jr." keeps the surname: two people with it stay apart, the surname alone joins */
	assert_string_equal(run(f, "“We will fight this in court,” said Robert Kessler Jr. “Nobody asked "
				   "us first,” said Robert Lang Jr. “It is a disgrace,” Kessler said."),
			    "direct|Robert Kessler Jr|said|We will fight this in court,\n"
			    "direct|Robert Lang Jr|said|Nobody asked us first,\n"
			    "direct|Robert Kessler Jr|said|It is a disgrace,\n");
}

static void test_offsets(void **state)
{
	struct fixture *f = *state;
	const char *text = "José Peña — résumé in hand — said: “Tenemos miedo, señor.” Then he left.";

	assert_string_equal(run(f, text), "direct|José Peña|said|Tenemos miedo, señor.\n");
	const struct slant_quote *q = quote(f, 0);
	assert_int_equal(q->start, strstr(text, "Tenemos") - text);
	assert_int_equal(q->end, strstr(text, "” Then") - text);
	assert_int_equal(q->open, q->start - 3);
	assert_int_equal(q->close, q->end + 3);
	assert_int_equal(q->words, 3);
}

static void test_people_errors(void **state)
{
	struct slant_people *pp = slant_people_new();
	struct slant_err err;
	static const char bad_header[] = "name\tgroup\n";
	static const char bad_fields[] = "name\taliases\tgroup\trole\tnote\nA B\t\tdemocrat\n";
	static const char no_group[] = "name\taliases\tgroup\trole\tnote\n#c\nA B\t\t\t\t\n";
	static const char bad_type[] = "word\trole\tgroup\ttype\tnote\nmayor\tmayor\t\tthing\t\n";

	(void)state;
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_SPEAKERS, bad_header,
					    strlen(bad_header), "s.tsv", &err), SLANT_EDATA);
	assert_int_equal(err.line, 1);
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_SPEAKERS, bad_fields,
					    strlen(bad_fields), "s.tsv", &err), SLANT_EDATA);
	assert_int_equal(err.line, 2);
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_SPEAKERS, no_group, strlen(no_group),
					    "s.tsv", &err), SLANT_EDATA);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "group"));
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_ROLES, bad_type, strlen(bad_type),
					    "r.tsv", &err), SLANT_EDATA);
	assert_int_equal(err.line, 2);
	slant_people_free(pp);

	/* an alias that would be read as a comment, or has no letter, is refused */
	pp = slant_people_new();
	static const char hash[] = "name\taliases\tgroup\trole\tnote\nA B\t#ab\tdemocrat\t\t\n";
	static const char digits[] = "name\taliases\tgroup\trole\tnote\nFiveThirtyEight\t538\tmedia\t\t\n";
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_SPEAKERS, hash, strlen(hash), "s.tsv", &err),
			 SLANT_EDATA);
	assert_int_equal(err.line, 2);
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_SPEAKERS, digits, strlen(digits), "s.tsv",
					    &err), SLANT_EDATA);
	slant_people_free(pp);

	/* tables with a header only are empty, not an error */
	pp = slant_people_new();
	static const char roles_only[] = "word\trole\tgroup\ttype\tnote\n";
	static const char verbs_only[] = "term\tcategory\tlean\tweight\tnote\n";
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_ROLES, roles_only, strlen(roles_only),
					    "r.tsv", &err), 0);
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_VERBS, verbs_only, strlen(verbs_only),
					    "v.tsv", &err), 0);
	assert_int_equal(slant_people_roles(pp) + slant_people_verbs(pp), 0);
	slant_people_free(pp);

	/* a name given twice is refused, with the second line's number */
	pp = slant_people_new();
	static const char dup[] = "name\taliases\tgroup\trole\tnote\nA B\t\tdemocrat\t\t\nC D\tA B\tdemocrat\t\t\n";
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_SPEAKERS, dup, strlen(dup), "s.tsv", &err),
			 SLANT_EDATA);
	assert_int_equal(err.line, 3);
	slant_people_free(pp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_marks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_credit_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_descriptions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apostrophes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multi_paragraph, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unclosed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attribution_patterns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_continuation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_harder_patterns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pronouns_and_roles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_boundaries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_salience, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attribution_gaps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plural_and_org_roles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_clustering, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suffixes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offsets, setup, teardown),
		cmocka_unit_test(test_people_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
